-- Cases (个案, 一案一清): assessment, plan and helpers, actions, follow-ups, referral to a partner hospital
-- and return to school, the leader's review and closure approval, disclosures, conferences, seasonal sweeps.
-- The table is care_case because CASE is an SQL keyword. Free text about the student is stored encrypted
-- by the server (columns ending in _enc, AES-256-GCM, see src/crypto); the database never sees it in clear.

create table care_case (
  id uuid primary key default gen_random_uuid(),
  city_id uuid not null,
  district_id uuid not null,
  school_id uuid not null,
  grade_id uuid not null,
  class_id uuid not null,
  student_id uuid not null references student (id),
  state text not null default 'open'
    check (state in ('open', 'assessing', 'intervening', 'referred', 'following_up', 'closing', 'closed')),
  risk_level text check (risk_level in ('low', 'moderate', 'high', 'imminent')),
  risk_reasons jsonb not null default '[]',
  assessment_enc text,
  assessed_at timestamptz,
  plan jsonb,
  plan_enc text,
  planned_at timestamptz,
  conclusion_enc text,
  guardian_informed_at timestamptz,
  opened_by uuid not null references user_account (id),
  opened_at timestamptz not null default now(),
  closed_at timestamptz,
  updated_at timestamptz not null default now()
);
create index care_case_school on care_case (school_id, state);
create index care_case_district on care_case (district_id, state);
create index care_case_student on care_case (student_id);
-- One active case per student: a second alert joins the open case instead of starting another.
create unique index care_case_one_active on care_case (student_id) where state <> 'closed';

create table case_alert (
  case_id uuid not null references care_case (id),
  alert_id uuid not null references alert (id),
  city_id uuid not null,
  district_id uuid not null,
  school_id uuid not null,
  linked_by uuid references user_account (id),
  linked_at timestamptz not null default now(),
  primary key (case_id, alert_id)
);
create index case_alert_alert on case_alert (alert_id);

-- The timeline: every event in order, with non-identifying facts in payload and free text encrypted.
create table case_event (
  id bigint generated always as identity primary key,
  case_id uuid not null references care_case (id),
  city_id uuid not null,
  district_id uuid not null,
  school_id uuid not null,
  type text not null,
  payload jsonb not null default '{}',
  note_enc text,
  actor_id uuid references user_account (id),
  at timestamptz not null default now()
);
create index case_event_case on case_event (case_id, at, id);

-- 一人一帮: the named helpers. Staff helpers are accounts; a peer or guardian may be named only.
create table case_helper (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references care_case (id),
  city_id uuid not null,
  district_id uuid not null,
  school_id uuid not null,
  role text not null check (role in ('psych_teacher', 'head_teacher', 'peer', 'guardian')),
  user_id uuid references user_account (id),
  name text not null,
  created_at timestamptz not null default now()
);
create index case_helper_case on case_helper (case_id);

create table follow_up (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references care_case (id),
  city_id uuid not null,
  district_id uuid not null,
  school_id uuid not null,
  class_id uuid not null,
  due_at timestamptz not null,
  responsible_user_id uuid not null references user_account (id),
  done_at timestamptz,
  done_by uuid references user_account (id),
  outcome_enc text,
  created_at timestamptz not null default now()
);
create index follow_up_case on follow_up (case_id, due_at);
create index follow_up_responsible on follow_up (responsible_user_id, due_at) where done_at is null;
create index follow_up_school_open on follow_up (school_id, due_at) where done_at is null;

-- 转介 through the 绿色通道. The hospital's doctors see the packet only once consent_recorded_at is set.
create table referral (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references care_case (id),
  city_id uuid not null,
  district_id uuid not null,
  school_id uuid not null,
  student_id uuid not null references student (id),
  hospital_id uuid not null references hospital (id),
  fast_track boolean not null default true,
  reason_enc text not null,
  summary_enc text not null,
  status text not null default 'awaiting_consent'
    check (status in ('awaiting_consent', 'sent', 'answered', 'returned')),
  consent_recorded_at timestamptz,
  consent_recorded_by uuid references user_account (id),
  consent_guardian_name text,
  consent_method text check (consent_method in ('paper', 'online', 'in_person')),
  visited_at timestamptz,
  recommendation_enc text,
  admitted boolean,
  feedback_by uuid references user_account (id),
  feedback_at timestamptz,
  -- 复学: the hospital's certificate, the school's re-assessment and the return plan.
  certificate_ref text,
  reassessment_enc text,
  return_plan_enc text,
  returned_at timestamptz,
  created_by uuid not null references user_account (id),
  created_at timestamptz not null default now()
);
create index referral_case on referral (case_id, created_at);
create index referral_hospital on referral (hospital_id, consent_recorded_at) where consent_recorded_at is not null;

-- The leader's 研判 before a referral and decisions on closure.
create table case_approval (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references care_case (id),
  city_id uuid not null,
  district_id uuid not null,
  school_id uuid not null,
  kind text not null check (kind in ('leader_review', 'closure')),
  outcome text not null check (outcome in ('refer', 'no_referral', 'approved', 'rejected')),
  note_enc text,
  decided_by uuid not null references user_account (id),
  decided_at timestamptz not null default now()
);
create index case_approval_case on case_approval (case_id, kind, decided_at);

-- Breaking confidentiality when there is risk of harm: who was told, why, by whom.
create table case_disclosure (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references care_case (id),
  city_id uuid not null,
  district_id uuid not null,
  school_id uuid not null,
  told text[] not null check (cardinality(told) > 0),
  reason_enc text not null,
  disclosed_by uuid not null references user_account (id),
  disclosed_at timestamptz not null default now()
);
create index case_disclosure_case on case_disclosure (case_id);

-- 会诊 with experts.
create table case_conference (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references care_case (id),
  city_id uuid not null,
  district_id uuid not null,
  school_id uuid not null,
  held_at timestamptz not null,
  attendees jsonb not null,
  conclusions_enc text not null,
  recorded_by uuid not null references user_account (id),
  created_at timestamptz not null default now()
);
create index case_conference_case on case_conference (case_id);

-- Seasonal sweeps (季节性排查): a list of students for head teachers to check.
create table sweep (
  id uuid primary key default gen_random_uuid(),
  city_id uuid not null,
  district_id uuid not null,
  school_id uuid not null,
  season text not null check (season in ('before_exams', 'start_of_year', 'spring', 'before_graduation')),
  created_by uuid not null references user_account (id),
  created_at timestamptz not null default now()
);
create index sweep_school on sweep (school_id, created_at);

create table sweep_item (
  id uuid primary key default gen_random_uuid(),
  sweep_id uuid not null references sweep (id),
  city_id uuid not null,
  district_id uuid not null,
  school_id uuid not null,
  grade_id uuid not null,
  class_id uuid not null,
  student_id uuid not null references student (id),
  reasons text[] not null,
  checked_at timestamptz,
  checked_by uuid references user_account (id),
  note_enc text,
  unique (sweep_id, student_id)
);
create index sweep_item_class on sweep_item (sweep_id, class_id);
