-- A submit upserts its tier suggestion (insert … on conflict do update), and PostgreSQL fires a table's
-- statement-level UPDATE triggers for every such statement, whether or not a row was updated. So every submit
-- ran report_tier_update: two transition tables, a trigger function and report_bump, to count nothing — a
-- suggestion is not counted, only a confirmed tier is. perf under bench:profile put the report triggers at about
-- a third of PostgreSQL's CPU in the submit step. Like 0011 did for assignments and tier inserts, a row trigger
-- whose condition PostgreSQL checks without calling any function replaces it: it runs only for a row that was
-- or becomes counted, and an update's old and new facts still net in report_bump.
create function report_on_tier_update_row() returns trigger language plpgsql set plan_cache_mode = force_generic_plan as $$
begin
  perform report_bump(array_agg(f.campaign_id), array_agg(f.student_id), array_agg(f.grade_id), array_agg(f.measure), array_agg(f.key), array_agg(f.delta))
     from (select * from report_tier_facts(array[old]::tier_assessment[], -1)
           union all select * from report_tier_facts(array[new]::tier_assessment[], 1)) f;
  return null;
end $$;
drop trigger report_tier_update on tier_assessment;
create trigger report_tier_update after update on tier_assessment for each row
  when ((old.status = 'confirmed' and old.confirmed_tier is not null) or (new.status = 'confirmed' and new.confirmed_tier is not null))
  execute function report_on_tier_update_row();
