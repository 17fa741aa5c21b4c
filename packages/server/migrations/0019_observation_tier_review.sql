-- #17.3: an observation alert reaches a decision. Its 复核 is a tier assessment with no screening score
-- behind it (no suggested tier), tied to the alert; the teacher records the talk and decides a tier or
-- "no change" (confirmed with no confirmed tier, the student's tier left as it was).
alter table tier_assessment alter column suggested_tier drop not null;
alter table tier_assessment add column alert_id uuid references alert (id);
create unique index tier_assessment_alert on tier_assessment (alert_id) where alert_id is not null;
