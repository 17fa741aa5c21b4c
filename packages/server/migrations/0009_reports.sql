-- Screening reports read pre-aggregated counts, so a city report over a million students sums a few
-- thousand rows instead of scanning every response. Counts are kept by statement-level triggers on the
-- tables they come from: every write path (online and paper submission, tier review, alert handling, case
-- linking) updates them in its own transaction, and a rolled-back write leaves them untouched.

-- One count per campaign × care tag × measure × school × grade × gender × key. care_tag '' is every
-- student; a tag's rows repeat the counts for students holding that tag (rows of different tags overlap).
-- Measures: participation (invited | completed | invalid, per assignment), band ('<instrument>:<band>',
-- per response), critical (a critical flag id, per response), tier (confirmed tier '1'–'3', per student),
-- alert (raised | acknowledged | on_time | ack_minutes — a sum of minutes — | case_opened).
create table report_cell (
  campaign_id uuid not null references campaign (id),
  care_tag text not null,
  measure text not null check (measure in ('participation', 'band', 'critical', 'tier', 'alert')),
  city_id uuid not null,
  district_id uuid not null,
  school_id uuid not null,
  grade_level int not null, -- 0 when the grade has no level
  gender text not null,
  key text not null,
  -- Each count is spread over 16 rows by a hash of the student: otherwise every submission of one grade
  -- and gender would queue on the same row lock until its transaction commits. Readers sum over slots.
  slot smallint not null,
  n bigint not null,
  -- District before school: a district or school report reads one contiguous range of the key.
  primary key (campaign_id, care_tag, measure, district_id, school_id, grade_level, gender, key, slot)
);

-- Adds deltas for facts given as parallel arrays (campaign, student, grade unit, measure, key, delta). The
-- grade unit places the count where the record sat when it was written; gender and care tags come from the
-- student. Rows are upserted in key order so concurrent writers lock shared rows in the same order.
create function report_bump(p_campaign uuid[], p_student uuid[], p_grade uuid[], p_measure text[], p_key text[], p_delta bigint[])
returns void language sql as $$
  insert into report_cell (campaign_id, care_tag, measure, district_id, school_id, grade_level, gender, key, slot, city_id, n)
  select f.campaign_id, t.care_tag, f.measure, g.district_id, g.school_id, coalesce(g.grade_level, 0), s.gender, f.key,
         (hashtext(f.student_id::text) & 15)::smallint, g.city_id, sum(f.delta)
    from unnest(p_campaign, p_student, p_grade, p_measure, p_key, p_delta) as f (campaign_id, student_id, grade_id, measure, key, delta)
    join student s on s.id = f.student_id
    join org_unit g on g.id = f.grade_id
   cross join lateral unnest(array[''] || s.care_tags) as t (care_tag)
   where f.campaign_id is not null
   group by f.campaign_id, t.care_tag, f.measure, g.district_id, g.school_id, g.grade_level, s.gender, f.key, 9, g.city_id
  having sum(f.delta) <> 0
   order by 1, 2, 3, 4, 5, 6, 7, 8, 9
  on conflict (campaign_id, care_tag, measure, district_id, school_id, grade_level, gender, key, slot)
  do update set n = report_cell.n + excluded.n
$$;

-- Facts of each source table, as one query over a set of its rows (the transition table of a trigger, or
-- the whole table for the backfill below).
create function report_assignment_facts(rows screening_assignment[], sign int)
returns table (campaign_id uuid, student_id uuid, grade_id uuid, measure text, key text, delta bigint) language sql as $$
  select r.campaign_id, r.student_id, r.grade_id, 'participation', k.key, sign::bigint
    from unnest(rows) r
   cross join lateral (values ('invited'), (case when r.status = 'completed' then 'completed' end)) as k (key)
   where k.key is not null
$$;

create function report_response_facts(rows screening_response[], sign int)
returns table (campaign_id uuid, student_id uuid, grade_id uuid, measure text, key text, delta bigint) language sql as $$
  select r.campaign_id, r.student_id, r.grade_id, 'band', r.instrument_code || ':' || r.band, sign::bigint
    from unnest(rows) r where r.band is not null
  union all
  select r.campaign_id, r.student_id, r.grade_id, 'critical', f.flag, sign::bigint
    from unnest(rows) r cross join lateral unnest(r.critical_flags) as f (flag)
  union all
  -- An assignment is invalid when any of its forms is: count it once.
  select r.campaign_id, r.student_id, min(r.grade_id::text)::uuid, 'participation', 'invalid', sign::bigint
    from unnest(rows) r where not r.valid and r.assignment_id is not null
   group by r.campaign_id, r.student_id, r.assignment_id
$$;

create function report_tier_facts(rows tier_assessment[], sign int)
returns table (campaign_id uuid, student_id uuid, grade_id uuid, measure text, key text, delta bigint) language sql as $$
  select r.campaign_id, r.student_id, r.grade_id, 'tier', r.confirmed_tier::text, sign::bigint
    from unnest(rows) r where r.status = 'confirmed' and r.confirmed_tier is not null
$$;

-- Screening alerts belong to their response's campaign, tier-change alerts to their assessment's; other
-- alerts (observations, hotline) belong to no campaign and are not counted here.
create function report_alert_campaign(a alert) returns uuid language sql stable as $$
  select coalesce(
    (select r.campaign_id from screening_response r where r.id = a.response_id),
    (select t.campaign_id from tier_assessment t
      where a.source = 'tier_change' and t.id = (case when jsonb_typeof(a.reasons -> 0 -> 'assessmentId') = 'string'
                                                       then (a.reasons -> 0 ->> 'assessmentId')::uuid end)))
$$;

create function report_alert_facts(rows alert[], sign int)
returns table (campaign_id uuid, student_id uuid, grade_id uuid, measure text, key text, delta bigint) language sql as $$
  select report_alert_campaign(r), r.student_id, r.grade_id, 'alert', k.key, k.delta * sign
    from unnest(rows) r
   cross join lateral (values
     ('raised', 1::bigint),
     ('acknowledged', case when r.acknowledged_at is not null then 1::bigint end),
     ('on_time', case when r.acknowledged_at <= r.due_at then 1::bigint end),
     ('ack_minutes', case when r.acknowledged_at is not null
                          then round(extract(epoch from (r.acknowledged_at - r.created_at)) / 60)::bigint end)
   ) as k (key, delta)
   where k.delta is not null
$$;

-- Each trigger nets the facts of the old rows against the new: an update that changes nothing counted
-- (a reminder, an escalation) writes nothing.
create function report_on_assignment() returns trigger language plpgsql as $$
declare
  olds screening_assignment[] := '{}';
  news screening_assignment[] := '{}';
begin
  if tg_op in ('UPDATE', 'DELETE') then select coalesce(array_agg(o), '{}') into olds from old_rows o; end if;
  if tg_op in ('UPDATE', 'INSERT') then select coalesce(array_agg(n), '{}') into news from new_rows n; end if;
  perform report_bump(array_agg(f.campaign_id), array_agg(f.student_id), array_agg(f.grade_id), array_agg(f.measure), array_agg(f.key), array_agg(f.delta))
     from (select * from report_assignment_facts(olds, -1) union all select * from report_assignment_facts(news, 1)) f;
  return null;
end $$;
create trigger report_assignment_insert after insert on screening_assignment
  referencing new table as new_rows for each statement execute function report_on_assignment();
create trigger report_assignment_update after update on screening_assignment
  referencing old table as old_rows new table as new_rows for each statement execute function report_on_assignment();
create trigger report_assignment_delete after delete on screening_assignment
  referencing old table as old_rows for each statement execute function report_on_assignment();

-- Responses are never updated in place; a deletion (retention) takes its counts away.
create function report_on_response() returns trigger language plpgsql as $$
declare
  olds screening_response[] := '{}';
  news screening_response[] := '{}';
begin
  if tg_op in ('UPDATE', 'DELETE') then select coalesce(array_agg(o), '{}') into olds from old_rows o; end if;
  if tg_op in ('UPDATE', 'INSERT') then select coalesce(array_agg(n), '{}') into news from new_rows n; end if;
  perform report_bump(array_agg(f.campaign_id), array_agg(f.student_id), array_agg(f.grade_id), array_agg(f.measure), array_agg(f.key), array_agg(f.delta))
     from (select * from report_response_facts(olds, -1) union all select * from report_response_facts(news, 1)) f;
  return null;
end $$;
create trigger report_response_insert after insert on screening_response
  referencing new table as new_rows for each statement execute function report_on_response();
create trigger report_response_delete after delete on screening_response
  referencing old table as old_rows for each statement execute function report_on_response();

create function report_on_tier() returns trigger language plpgsql as $$
declare
  olds tier_assessment[] := '{}';
  news tier_assessment[] := '{}';
begin
  if tg_op in ('UPDATE', 'DELETE') then select coalesce(array_agg(o), '{}') into olds from old_rows o; end if;
  if tg_op in ('UPDATE', 'INSERT') then select coalesce(array_agg(n), '{}') into news from new_rows n; end if;
  perform report_bump(array_agg(f.campaign_id), array_agg(f.student_id), array_agg(f.grade_id), array_agg(f.measure), array_agg(f.key), array_agg(f.delta))
     from (select * from report_tier_facts(olds, -1) union all select * from report_tier_facts(news, 1)) f;
  return null;
end $$;
create trigger report_tier_insert after insert on tier_assessment
  referencing new table as new_rows for each statement execute function report_on_tier();
create trigger report_tier_update after update on tier_assessment
  referencing old table as old_rows new table as new_rows for each statement execute function report_on_tier();
create trigger report_tier_delete after delete on tier_assessment
  referencing old table as old_rows for each statement execute function report_on_tier();

create function report_on_alert() returns trigger language plpgsql as $$
declare
  olds alert[] := '{}';
  news alert[] := '{}';
begin
  if tg_op in ('UPDATE', 'DELETE') then select coalesce(array_agg(o), '{}') into olds from old_rows o; end if;
  if tg_op in ('UPDATE', 'INSERT') then select coalesce(array_agg(n), '{}') into news from new_rows n; end if;
  perform report_bump(array_agg(f.campaign_id), array_agg(f.student_id), array_agg(f.grade_id), array_agg(f.measure), array_agg(f.key), array_agg(f.delta))
     from (select * from report_alert_facts(olds, -1) union all select * from report_alert_facts(news, 1)) f;
  return null;
end $$;
create trigger report_alert_insert after insert on alert
  referencing new table as new_rows for each statement execute function report_on_alert();
create trigger report_alert_update after update on alert
  referencing old table as old_rows new table as new_rows for each statement execute function report_on_alert();
create trigger report_alert_delete after delete on alert
  referencing old table as old_rows for each statement execute function report_on_alert();

-- An alert counts as "case opened" once, when its first case link is made.
create function report_on_case_alert() returns trigger language plpgsql as $$
begin
  perform report_bump(array_agg(report_alert_campaign(a)), array_agg(a.student_id), array_agg(a.grade_id), array_agg('alert'::text), array_agg('case_opened'::text), array_agg(1::bigint))
     from alert a
    where a.id in (select distinct n.alert_id from new_rows n)
      and not exists (select 1 from case_alert c where c.alert_id = a.id and (c.case_id, c.alert_id) not in (select n.case_id, n.alert_id from new_rows n));
  return null;
end $$;
create trigger report_case_alert_insert after insert on case_alert
  referencing new table as new_rows for each statement execute function report_on_case_alert();

-- Backfill what was written before this migration, with the same fact queries the triggers use.
select report_bump(array_agg(f.campaign_id), array_agg(f.student_id), array_agg(f.grade_id), array_agg(f.measure), array_agg(f.key), array_agg(f.delta))
  from report_assignment_facts((select coalesce(array_agg(x), '{}') from screening_assignment x), 1) f;
select report_bump(array_agg(f.campaign_id), array_agg(f.student_id), array_agg(f.grade_id), array_agg(f.measure), array_agg(f.key), array_agg(f.delta))
  from report_response_facts((select coalesce(array_agg(x), '{}') from screening_response x), 1) f;
select report_bump(array_agg(f.campaign_id), array_agg(f.student_id), array_agg(f.grade_id), array_agg(f.measure), array_agg(f.key), array_agg(f.delta))
  from report_tier_facts((select coalesce(array_agg(x), '{}') from tier_assessment x), 1) f;
select report_bump(array_agg(f.campaign_id), array_agg(f.student_id), array_agg(f.grade_id), array_agg(f.measure), array_agg(f.key), array_agg(f.delta))
  from report_alert_facts((select coalesce(array_agg(x), '{}') from alert x), 1) f;
select report_bump(array_agg(report_alert_campaign(a)), array_agg(a.student_id), array_agg(a.grade_id), array_agg('alert'::text), array_agg('case_opened'::text), array_agg(1::bigint))
  from alert a where exists (select 1 from case_alert c where c.alert_id = a.id);

-- Supervision (督导): what a school did in a term, recorded in simple forms. Indicators are computed from
-- these rows and the roster, never typed in. `hours` is the lesson's, the training's, or — for
-- counseling_hours — the counseling room's opening hours per school day from `occurred_on` on.
create table supervision_record (
  id uuid primary key default gen_random_uuid(),
  city_id uuid not null,
  district_id uuid not null,
  school_id uuid not null references org_unit (id),
  school_year text not null,
  term int not null check (term in (1, 2)),
  kind text not null check (kind in ('lesson', 'training', 'guardian_lecture', 'family_contact', 'counseling_hours')),
  occurred_on date not null,
  class_id uuid references org_unit (id),
  grade_id uuid references org_unit (id),
  student_id uuid references student (id),
  staff_id uuid references user_account (id),
  staff_group text check (staff_group in ('psych_full_time', 'psych_part_time', 'head_teacher', 'all_staff')),
  certificate text check (certificate in ('A', 'B', 'C', 'D')),
  -- Training hours spent in case supervision (督导) count towards the supervision requirement instead.
  supervision boolean not null default false,
  hours numeric(6, 2) not null default 0 check (hours >= 0 and hours <= 1000),
  topic text not null default '',
  recorded_by uuid references user_account (id),
  created_at timestamptz not null default now(),
  check (kind <> 'lesson' or class_id is not null),
  check (kind <> 'guardian_lecture' or grade_id is not null),
  check (kind <> 'family_contact' or student_id is not null),
  check (kind <> 'training' or (staff_id is not null and staff_group is not null))
);
create index supervision_record_school on supervision_record (school_id, school_year, term, kind);
