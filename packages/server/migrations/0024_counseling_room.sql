-- 心理辅导室 (issue 15): rooms per school, the weekly duty roster (值班表) that opens their slots, appointments
-- and the six-part counseling records (辅导过程记录, Changzhou §7).
create table counseling_room (
  id uuid primary key default gen_random_uuid(),
  city_id uuid not null,
  district_id uuid not null,
  school_id uuid not null references org_unit (id),
  name text not null,
  location text not null default '',
  created_by uuid references user_account (id),
  created_at timestamptz not null default now()
);
create unique index counseling_room_school_name on counseling_room (school_id, name);

-- One line of the weekly roster: a psychology teacher on duty in a room on an ISO weekday (1 = Monday), from
-- start_min to end_min minutes into the China day, cut into slots of slot_minutes.
create table duty_shift (
  id uuid primary key default gen_random_uuid(),
  room_id uuid not null references counseling_room (id),
  city_id uuid not null,
  district_id uuid not null,
  school_id uuid not null,
  weekday smallint not null check (weekday between 1 and 7),
  start_min smallint not null check (start_min between 0 and 1440),
  end_min smallint not null check (end_min between 0 and 1440 and end_min > start_min),
  slot_minutes smallint not null check (slot_minutes between 10 and 180),
  teacher_id uuid not null references user_account (id),
  created_at timestamptz not null default now()
);
create index duty_shift_room on duty_shift (room_id, weekday);

create table counseling_appointment (
  id uuid primary key default gen_random_uuid(),
  city_id uuid not null,
  district_id uuid not null,
  school_id uuid not null,
  grade_id uuid not null,
  class_id uuid not null,
  student_id uuid not null references student (id),
  room_id uuid not null references counseling_room (id),
  teacher_id uuid references user_account (id),
  starts_at timestamptz not null,
  ends_at timestamptz not null check (ends_at > starts_at),
  kind text not null check (kind in ('booked', 'walk_in')),
  status text not null default 'booked'
    check (status in ('booked', 'confirmed', 'attended', 'no_show', 'cancelled')),
  booked_by uuid not null references user_account (id),
  booked_role text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
-- A slot is booked once: the database decides between concurrent bookings, the loser gets a 409. A
-- cancelled booking frees its slot; a walk-in takes no slot (it comes when the room is open anyway).
create unique index counseling_slot_taken on counseling_appointment (room_id, starts_at)
  where kind = 'booked' and status <> 'cancelled';
create index counseling_appointment_student on counseling_appointment (student_id, starts_at);
create index counseling_appointment_day on counseling_appointment (school_id, starts_at);

-- The record of a session; all six parts are free text about a student and are stored encrypted.
create table counseling_record (
  id uuid primary key default gen_random_uuid(),
  city_id uuid not null,
  district_id uuid not null,
  school_id uuid not null,
  grade_id uuid not null,
  class_id uuid not null,
  student_id uuid not null references student (id),
  appointment_id uuid unique references counseling_appointment (id),
  counselor_id uuid not null references user_account (id),
  session_type text not null check (session_type in ('individual', 'group', 'phone', 'online')),
  held_at timestamptz not null,
  duration_minutes smallint not null check (duration_minutes between 5 and 480),
  outcome text not null check (outcome in ('resolved', 'continue', 'escalate')),
  state_enc text not null,
  problem_enc text not null,
  assessment_enc text not null,
  analysis_enc text not null,
  measures_enc text not null,
  evaluation_enc text not null,
  alert_id uuid references alert (id),
  case_id uuid references care_case (id),
  created_at timestamptz not null default now()
);
create index counseling_record_student on counseling_record (student_id, held_at);
create index counseling_record_school on counseling_record (school_id, held_at);
