-- A screening window writes a response row per instrument for every student at once (issue 16). Each foreign
-- key on those rows makes PostgreSQL lock the parent row FOR KEY SHARE; when the parent is one row for the
-- whole city (the campaign, an instrument version), hundreds of concurrent submits each rewrite its lock into
-- a new MultiXact, and the submits queue on that one row. bench:profile showed these checks and their waits
-- costing more than the rest of the submit.
--
-- Dropped here are only keys on columns a submit copies from a row that already holds the same key: the
-- response's campaign, student and instrument, and a suggested tier's campaign and student, come from the
-- assignment and the campaign's instrument list in the same statement, and the assignment keeps its keys to
-- campaign and student (a tier set by staff names a student the service has just read). Campaigns, instrument
-- versions, students and accounts are never deleted (they are closed, archived or disabled), so nothing can
-- leave these columns dangling. The key to the assignment stays: it is the row the submit has just locked for
-- update, so its check costs nothing extra.
alter table screening_response drop constraint if exists screening_response_campaign_id_fkey;
alter table screening_response drop constraint if exists screening_response_student_id_fkey;
alter table screening_response drop constraint if exists screening_response_submitted_by_fkey;
alter table screening_response drop constraint if exists screening_response_instrument_code_instrument_version_fkey;
alter table tier_assessment drop constraint if exists tier_assessment_campaign_id_fkey;
alter table tier_assessment drop constraint if exists tier_assessment_student_id_fkey;
