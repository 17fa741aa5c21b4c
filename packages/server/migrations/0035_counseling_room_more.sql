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

-- The duty log (值班记录): a rostered day a room did not open (an exam, the teacher away). The room's real
-- opening hours are its roster less these days; nobody can book a slot on them.
create table counseling_room_closure (
  room_id uuid not null references counseling_room (id),
  city_id uuid not null,
  district_id uuid not null,
  school_id uuid not null,
  on_date date not null,
  recorded_by uuid not null references user_account (id),
  recorded_at timestamptz not null default now(),
  primary key (room_id, on_date)
);
create index counseling_room_closure_school on counseling_room_closure (school_id, on_date);
