-- Issue 15, the rest of the counseling room. An appointment's reminders (the day before, two hours before)
-- are claimed by setting their column, so two sweepers or a restart never remind anyone twice; moving the
-- appointment to another slot clears them, because the reminders were about the old time.
alter table counseling_appointment
  add column reminded_day_at timestamptz,
  add column reminded_soon_at timestamptz,
  add column rescheduled_at timestamptz;
create index counseling_appointment_reminders on counseling_appointment (starts_at)
  where kind = 'booked' and status in ('booked', 'confirmed');

-- The students who took part in a group session (团体辅导), besides the record's own student.
create table counseling_record_participant (
  record_id uuid not null references counseling_record (id),
  student_id uuid not null references student (id),
  primary key (record_id, student_id)
);
create index counseling_record_participant_student on counseling_record_participant (student_id);
