-- The report-count triggers of 0009 fire on every submission. Under screening load they cost more
-- PostgreSQL CPU than the rest of a submission, and every submission of a grade queued on the same count
-- rows until its commit. Now a trigger only appends its facts to report_delta (no joins, no shared rows),
-- and report_fold() moves what has been committed into report_cell in bulk: every few seconds in the
-- background, and before a report is read, so a report still counts everything committed before it.
-- The triggers and fact queries of 0009 stay as they were; only report_bump changes what it writes.

-- Insert-only and unindexed: the cheapest row a transaction can write. Folding takes all of it.
create table report_delta (
  campaign_id uuid not null,
  student_id uuid not null,
  grade_id uuid not null,
  measure text not null,
  key text not null,
  delta bigint not null
);

create or replace function report_bump(p_campaign uuid[], p_student uuid[], p_grade uuid[], p_measure text[], p_key text[], p_delta bigint[])
returns void language plpgsql as $$
begin
  -- A statement that changed nothing counted (a tier only suggested, a reminder sent) has no facts.
  if coalesce(cardinality(p_campaign), 0) = 0 then return; end if;
  -- Netted here: an update's old and new rows mostly cancel (invited −1 +1), and only changes are kept.
  insert into report_delta (campaign_id, student_id, grade_id, measure, key, delta)
  select f.campaign_id, f.student_id, f.grade_id, f.measure, f.key, sum(f.delta)
    from unnest(p_campaign, p_student, p_grade, p_measure, p_key, p_delta) as f (campaign_id, student_id, grade_id, measure, key, delta)
   where f.campaign_id is not null
   group by f.campaign_id, f.student_id, f.grade_id, f.measure, f.key
  having sum(f.delta) <> 0;
end $$;

-- Moves every committed delta into the counts. Gender and care tags are the student's, and the grade
-- unit places the count, as 0009 did at write time. One folder at a time (a transaction-level lock), so a
-- reader that folds waits for a fold in progress and then sees its result; `wait` false skips instead.
create function report_fold(wait boolean default true) returns bigint language plpgsql as $$
declare
  folded bigint;
begin
  if wait then
    perform pg_advisory_xact_lock(hashtext('yuxin.report_fold'));
  elsif not pg_try_advisory_xact_lock(hashtext('yuxin.report_fold')) then
    return 0;
  end if;
  with taken as (
    delete from report_delta returning campaign_id, student_id, grade_id, measure, key, delta
  )
  insert into report_cell (campaign_id, care_tag, measure, district_id, school_id, grade_level, gender, key, slot, city_id, n)
  select f.campaign_id, t.care_tag, f.measure, g.district_id, g.school_id, coalesce(g.grade_level, 0), s.gender, f.key,
         (hashtext(f.student_id::text) & 15)::smallint, g.city_id, sum(f.delta)
    from taken f
    join student s on s.id = f.student_id
    join org_unit g on g.id = f.grade_id
   cross join lateral unnest(array[''] || s.care_tags) as t (care_tag)
   group by f.campaign_id, t.care_tag, f.measure, g.district_id, g.school_id, g.grade_level, s.gender, f.key, 9, g.city_id
  having sum(f.delta) <> 0
   order by 1, 2, 3, 4, 5, 6, 7, 8, 9
  on conflict (campaign_id, care_tag, measure, district_id, school_id, grade_level, gender, key, slot)
  do update set n = report_cell.n + excluded.n;
  get diagnostics folded = row_count;
  return folded;
end $$;

-- The fact functions read nothing but their arguments: marked so, they are inlined into the triggers'
-- cached plans instead of being planned again on every call.
alter function report_assignment_facts(screening_assignment[], int) immutable;
alter function report_response_facts(screening_response[], int) immutable;
alter function report_tier_facts(tier_assessment[], int) immutable;
alter function report_alert_facts(alert[], int) stable;

-- The facts arrive as arrays, whose sizes a plan cannot know: without this, every call was planned afresh
-- for its own values (a custom plan) and the cached plan was never used.
alter function report_bump(uuid[], uuid[], uuid[], text[], text[], bigint[]) set plan_cache_mode = force_generic_plan;
alter function report_on_assignment() set plan_cache_mode = force_generic_plan;
alter function report_on_response() set plan_cache_mode = force_generic_plan;
alter function report_on_tier() set plan_cache_mode = force_generic_plan;
alter function report_on_alert() set plan_cache_mode = force_generic_plan;
alter function report_on_case_alert() set plan_cache_mode = force_generic_plan;

-- Most updates of an assignment change nothing counted (a draft saved, a reminder sent): a row trigger
-- whose condition PostgreSQL checks without running any function replaces the statement trigger there.
-- Likewise a tier assessment is counted only once confirmed, and most are inserted as suggestions.
create function report_on_assignment_row() returns trigger language plpgsql set plan_cache_mode = force_generic_plan as $$
begin
  perform report_bump(array_agg(f.campaign_id), array_agg(f.student_id), array_agg(f.grade_id), array_agg(f.measure), array_agg(f.key), array_agg(f.delta))
     from (select * from report_assignment_facts(array[old]::screening_assignment[], -1)
           union all select * from report_assignment_facts(array[new]::screening_assignment[], 1)) f;
  return null;
end $$;
drop trigger report_assignment_update on screening_assignment;
create trigger report_assignment_update after update on screening_assignment for each row
  when ((old.status = 'completed') is distinct from (new.status = 'completed') or old.campaign_id is distinct from new.campaign_id
        or old.student_id is distinct from new.student_id or old.grade_id is distinct from new.grade_id)
  execute function report_on_assignment_row();

create function report_on_tier_insert_row() returns trigger language plpgsql set plan_cache_mode = force_generic_plan as $$
begin
  perform report_bump(array_agg(f.campaign_id), array_agg(f.student_id), array_agg(f.grade_id), array_agg(f.measure), array_agg(f.key), array_agg(f.delta))
     from report_tier_facts(array[new]::tier_assessment[], 1) f;
  return null;
end $$;
drop trigger report_tier_insert on tier_assessment;
create trigger report_tier_insert after insert on tier_assessment for each row
  when (new.status = 'confirmed' and new.confirmed_tier is not null)
  execute function report_on_tier_insert_row();
