-- 一生一档 (issue 14): the family situation and growth history (家庭情况、成长环境与经历) head teachers and
-- psychology teachers write into a student's archive, and the home contacts (家访) it is collected at.
-- Free text is encrypted like case notes. A family background is never overwritten: every save is a new
-- version, the newest is the current one.
create table family_background (
  id uuid primary key default gen_random_uuid(),
  city_id uuid not null,
  district_id uuid not null,
  school_id uuid not null,
  grade_id uuid not null,
  class_id uuid not null,
  student_id uuid not null references student (id),
  version int not null check (version >= 1),
  family_enc text not null,
  growth_enc text not null,
  recorded_by uuid not null references user_account (id),
  recorded_role text not null,
  created_at timestamptz not null default now(),
  unique (student_id, version)
);

create table home_contact (
  id uuid primary key default gen_random_uuid(),
  city_id uuid not null,
  district_id uuid not null,
  school_id uuid not null,
  grade_id uuid not null,
  class_id uuid not null,
  student_id uuid not null references student (id),
  contacted_on date not null,
  mode text not null check (mode in ('visit', 'phone', 'online')),
  participants text not null,
  summary_enc text not null,
  -- The school's family-contact count for supervision (督导) is kept by the same save.
  supervision_record_id uuid references supervision_record (id),
  recorded_by uuid not null references user_account (id),
  recorded_role text not null,
  created_at timestamptz not null default now()
);
create index home_contact_student on home_contact (student_id, contacted_on);
