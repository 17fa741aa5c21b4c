-- Every submit fires two report triggers: the response insert's and the assignment's completion. perf under
-- bench:profile put them at a third of PostgreSQL's CPU in the submit step, most of it not counting but getting
-- ready to: each ran three or four statements (collect the rows, aggregate the facts into arrays, call
-- report_bump, which aggregates them again to net them before its insert), each with its executor set up
-- afresh, and two function calls with a SET clause. Both also passed their rows through text: a transition
-- table's whole row, and a trigger's OLD and NEW, are anonymous records, and casting one to the table's type
-- prints it and parses it again, jsonb columns included.
-- Now each writes its facts with one insert, from rows of the table's own type. Neither nets: a response is
-- only inserted or deleted, and an assignment's old and new facts (invited −1 +1) cancel in report_fold, which
-- sums every delta of a key before it counts it, as it already did for facts of different transactions.
-- The fact functions stay the one place that says what is counted.

-- Without a SET clause, which made every call a second function call saving and restoring settings: its
-- insert's cached plan is the generic one after five calls (pg_stat_statements: 6 plans in 30 calls).
create or replace function report_on_response() returns trigger language plpgsql as $$
declare
  changed screening_response[];
begin
  -- A transition table's whole row is an anonymous record; row(…)::type converts it field by field.
  if tg_op = 'INSERT' then
    select array_agg(row(n.*)::screening_response) into changed from new_rows n;
    insert into report_delta (campaign_id, student_id, grade_id, measure, key, delta)
    select f.campaign_id, f.student_id, f.grade_id, f.measure, f.key, f.delta from report_response_facts(changed, 1) f
     where f.campaign_id is not null;
  else
    select array_agg(row(o.*)::screening_response) into changed from old_rows o;
    insert into report_delta (campaign_id, student_id, grade_id, measure, key, delta)
    select f.campaign_id, f.student_id, f.grade_id, f.measure, f.key, f.delta from report_response_facts(changed, -1) f
     where f.campaign_id is not null;
  end if;
  return null;
end $$;

-- Without a SET clause either: its arrays are built from one row each, whose size the cached plan knows.
create or replace function report_on_assignment_row() returns trigger language plpgsql as $$
declare
  was screening_assignment := old;
  now_is screening_assignment := new;
begin
  insert into report_delta (campaign_id, student_id, grade_id, measure, key, delta)
  select f.campaign_id, f.student_id, f.grade_id, f.measure, f.key, f.delta
    from (select * from report_assignment_facts(array[was], -1) union all select * from report_assignment_facts(array[now_is], 1)) f
   where f.campaign_id is not null;
  return null;
end $$;

-- A campaign's launch inserts its assignments in one statement: the same conversion, field by field.
create or replace function report_on_assignment() returns trigger language plpgsql set plan_cache_mode = force_generic_plan as $$
declare
  olds screening_assignment[] := '{}';
  news screening_assignment[] := '{}';
begin
  if tg_op in ('UPDATE', 'DELETE') then select coalesce(array_agg(row(o.*)::screening_assignment), '{}') into olds from old_rows o; end if;
  if tg_op in ('UPDATE', 'INSERT') then select coalesce(array_agg(row(n.*)::screening_assignment), '{}') into news from new_rows n; end if;
  perform report_bump(array_agg(f.campaign_id), array_agg(f.student_id), array_agg(f.grade_id), array_agg(f.measure), array_agg(f.key), array_agg(f.delta))
     from (select * from report_assignment_facts(olds, -1) union all select * from report_assignment_facts(news, 1)) f;
  return null;
end $$;
