-- An assignment's row is updated twice in a screening (started, then completed). Its status was a column of
-- three of its six indexes, so neither update could be HOT: each wrote a new entry into all six indexes
-- (bench:profile: no HOT update at all among the submits), with the WAL for each. The class, school and
-- district indexes now end at the unit; a list of one unit's assignments filters the status from a few
-- thousand rows at most, and the completion counts read every row's consent status from the table anyway.
-- Room left on each page lets the update stay on its page, which HOT also needs.
drop index if exists assignment_class;
drop index if exists assignment_school;
drop index if exists assignment_district;
create index assignment_class on screening_assignment (campaign_id, class_id);
create index assignment_school on screening_assignment (campaign_id, school_id);
create index assignment_district on screening_assignment (campaign_id, district_id);
alter table screening_assignment set (fillfactor = 80);
