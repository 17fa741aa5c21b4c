-- Building a real city's org tree in the app (issue 14): until now org_unit, hospital and school_year rows
-- were written only by the demo seed. Nothing in use is ever deleted: students, enrollments, referrals and
-- audit rows point at these ids, so a unit or hospital the city stops using is deactivated instead.
alter table org_unit
  add column deactivated_at timestamptz,
  -- A district's guidance centre (区县学生心理健康指导中心), named with the district it serves.
  add column centre_name text;
alter table hospital
  add column deactivated_at timestamptz,
  add column updated_at timestamptz;

-- Two live siblings with one name would be told apart by nobody (a roster's 班级 column names a class by
-- its name); the services check first and answer which field is wrong, this index decides a race.
create unique index org_unit_sibling_name on org_unit (parent_id, name_zh)
  where deactivated_at is null and parent_id is not null;
create unique index hospital_city_name on hospital (city_id, name_zh) where deactivated_at is null;

-- One current school year per city: setting another current clears the old one in the same transaction.
create unique index school_year_one_current on school_year (city_id) where is_current;
