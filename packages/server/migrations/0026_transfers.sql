-- Transfers and stage hand-over (issue 14): a student moves to another school (转学) or into the next stage
-- (升学) by a request the receiving school accepts. The sending psychology teacher writes and signs a
-- hand-over summary (心理档案转接) — confirmed tier, whether a case is open and its follow-up needs,
-- recommended attention — never answers or case notes; its free text is encrypted like case notes.
create table transfer (
  id uuid primary key default gen_random_uuid(),
  city_id uuid not null,
  student_id uuid not null references student (id),
  kind text not null check (kind in ('transfer', 'graduation')),
  status text not null default 'requested' check (status in ('requested', 'accepted', 'declined', 'cancelled')),
  via text not null check (via in ('request', 'import')),
  case_disposition text check (case_disposition in ('hand_over', 'close_before')),
  from_district_id uuid not null,
  from_school_id uuid not null references org_unit (id),
  from_grade_id uuid not null,
  from_class_id uuid not null,
  to_district_id uuid not null,
  to_school_id uuid not null references org_unit (id),
  -- The class the receiving school's import named, then the class the student was placed in.
  to_class_id uuid references org_unit (id),
  -- The case that moved with the student on acceptance.
  handed_case_id uuid references care_case (id),
  requested_by uuid not null references user_account (id),
  requested_at timestamptz not null default now(),
  decided_by uuid references user_account (id),
  decided_at timestamptz,
  summary_tier int check (summary_tier in (1, 2, 3)),
  summary_case_open boolean,
  summary_follow_up_enc text,
  summary_attention_enc text,
  summary_written_by uuid references user_account (id),
  summary_written_at timestamptz,
  summary_signed_by uuid references user_account (id),
  summary_signed_at timestamptz,
  updated_at timestamptz not null default now()
);
-- One waiting request per student: a second one (or a re-import) finds the first.
create unique index transfer_one_open on transfer (student_id) where status = 'requested';
create index transfer_from on transfer (from_school_id, status, requested_at);
create index transfer_to on transfer (to_school_id, status, requested_at);
create index transfer_student on transfer (student_id, requested_at);
