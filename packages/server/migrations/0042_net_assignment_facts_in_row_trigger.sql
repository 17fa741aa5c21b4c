-- A completion's assignment facts were written as they came (invited −1, invited +1, completed +1) and netted
-- by report_fold. Half of every submit's report_delta rows were that pair, and the fold paid for them again:
-- joined to the student and the grade, spread over the student's care tags, summed to nothing. bench:profile
-- put the fold at a quarter of PostgreSQL's CPU in the submit step. Netting here is one hash aggregate over
-- at most four rows in the statement that already runs, with no function call, so a completion writes one
-- fact (completed +1) and a grade change still moves both (invited and completed, −1 and +1 on their keys).
create or replace function report_on_assignment_row() returns trigger language plpgsql as $$
declare
  was screening_assignment := old;
  now_is screening_assignment := new;
begin
  insert into report_delta (campaign_id, student_id, grade_id, measure, key, delta)
  select f.campaign_id, f.student_id, f.grade_id, f.measure, f.key, sum(f.delta)
    from (select * from report_assignment_facts(array[was], -1) union all select * from report_assignment_facts(array[now_is], 1)) f
   where f.campaign_id is not null
   group by f.campaign_id, f.student_id, f.grade_id, f.measure, f.key
  having sum(f.delta) <> 0;
  return null;
end $$;
