-- 活动台账: a school's mental-health activities (主题班会, 心理讲座, 团体辅导, 5·25, 10·10), counted per term in
-- supervision. A mistaken entry is voided with a reason and kept, so the count a district saw can be explained.
-- The client's id makes a retried save land once.
create table activity (
  id uuid primary key default gen_random_uuid(),
  city_id uuid not null,
  district_id uuid not null,
  school_id uuid not null references org_unit (id),
  grade_id uuid references org_unit (id),
  class_id uuid references org_unit (id),
  kind text not null check (kind in ('class_meeting', 'lecture', 'group_session', 'day_5_25', 'day_10_10')),
  title text not null check (length(title) between 1 and 200),
  held_on date not null,
  school_year text not null,
  term int not null check (term in (1, 2)),
  participants int not null check (participants >= 0 and participants <= 100000),
  hours numeric(6, 2) not null check (hours > 0 and hours <= 24),
  -- Free text about a group may still name a student: encrypted like case notes.
  notes_enc text,
  recorded_by uuid not null references user_account (id),
  client_id uuid not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  voided_at timestamptz,
  voided_by uuid references user_account (id),
  void_reason text,
  check (kind <> 'class_meeting' or class_id is not null),
  check ((voided_at is null) = (void_reason is null)),
  unique (recorded_by, client_id)
);
create index activity_school_term on activity (school_id, school_year, term, kind);
create index activity_class on activity (class_id, held_on);
