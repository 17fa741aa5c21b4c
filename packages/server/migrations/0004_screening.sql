-- Screening (心理普测): versioned instruments, campaigns, per-student assignments, consent, autosaved drafts,
-- responses, suggested and confirmed tiers, and alerts. Tenant rows carry their org ancestry like every
-- other table.

-- Instruments are data. A version is immutable once stored; editing makes the next version, and every
-- response keeps the version it was answered on.
create table instrument_version (
  code text not null,
  version int not null,
  definition jsonb not null,
  status text not null default 'active' check (status in ('active', 'retired')),
  source text not null default 'builtin' check (source in ('builtin', 'edited', 'fhir_import')),
  created_by uuid references user_account (id),
  created_at timestamptz not null default now(),
  primary key (code, version)
);

create table campaign (
  id uuid primary key default gen_random_uuid(),
  city_id uuid not null,
  district_id uuid,
  school_id uuid,
  -- The org unit that owns the campaign (city, district or school): who may change it.
  owner_level text not null check (owner_level in ('city', 'district', 'school')),
  owner_id uuid not null,
  kind text not null check (kind in ('universal', 'intake', 'targeted', 'monitoring')),
  name text not null,
  school_year text not null,
  term int check (term in (1, 2)),
  opens_at timestamptz not null,
  closes_at timestamptz not null check (closes_at > opens_at),
  notice_zh text not null default '',
  notice_en text not null default '',
  -- Guardian consent is required below this age (PIPL: separate consent for under-14s' sensitive data).
  consent_required_under_age int not null default 14,
  status text not null default 'draft' check (status in ('draft', 'published', 'cancelled')),
  published_at timestamptz,
  created_by uuid references user_account (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index campaign_owner on campaign (owner_id, opens_at);
create index campaign_district on campaign (district_id, opens_at);

-- Which org units the campaign covers (district, school, grade or class). Monitoring campaigns name students instead.
create table campaign_target (
  campaign_id uuid not null references campaign (id),
  org_unit_id uuid not null references org_unit (id),
  primary key (campaign_id, org_unit_id)
);

create table campaign_student (
  campaign_id uuid not null references campaign (id),
  student_id uuid not null references student (id),
  primary key (campaign_id, student_id)
);

-- Instruments per grade band, e.g. PSC-17 by guardians for grades 1–4, PHQ-A + GAD-7 + ASQ for 5–12.
create table campaign_instrument (
  campaign_id uuid not null references campaign (id),
  grade_from int not null check (grade_from between 1 and 12),
  grade_to int not null check (grade_to between 1 and 12 and grade_to >= grade_from),
  instrument_code text not null,
  instrument_version int not null,
  respondent text not null check (respondent in ('self', 'guardian')),
  sort int not null default 0,
  primary key (campaign_id, grade_from, instrument_code),
  foreign key (instrument_code, instrument_version) references instrument_version (code, version)
);

-- One row per student (and respondent) a published campaign asks to answer: completion views and reminders
-- read this table alone.
create table screening_assignment (
  id uuid primary key default gen_random_uuid(),
  campaign_id uuid not null references campaign (id),
  student_id uuid not null references student (id),
  respondent text not null check (respondent in ('self', 'guardian')),
  city_id uuid not null,
  district_id uuid not null,
  school_id uuid not null,
  grade_id uuid not null,
  class_id uuid not null,
  instruments jsonb not null, -- [{ code, version }] in the order they are answered
  consent_status text not null check (consent_status in ('not_required', 'pending', 'granted', 'refused')),
  status text not null default 'pending' check (status in ('pending', 'in_progress', 'completed', 'declined')),
  started_at timestamptz,
  completed_at timestamptz,
  last_reminded_at timestamptz,
  reminder_count int not null default 0,
  unique (campaign_id, student_id, respondent)
);
create index assignment_class on screening_assignment (campaign_id, class_id, status);
create index assignment_school on screening_assignment (campaign_id, school_id, status);
create index assignment_district on screening_assignment (campaign_id, district_id, status);
create index assignment_student on screening_assignment (student_id);

create table consent_record (
  id uuid primary key default gen_random_uuid(),
  campaign_id uuid not null references campaign (id),
  student_id uuid not null references student (id),
  city_id uuid not null,
  district_id uuid not null,
  school_id uuid not null,
  kind text not null check (kind in ('guardian_consent', 'student_decline')),
  decision text not null check (decision in ('granted', 'refused', 'withdrawn', 'declined')),
  guardian_id uuid references guardian (id),
  method text not null check (method in ('online', 'paper')),
  recorded_by uuid references user_account (id),
  note text,
  recorded_at timestamptz not null default now()
);
create index consent_student on consent_record (campaign_id, student_id, recorded_at);

-- Autosave: the latest partial answers of one assignment, so an interrupted student resumes.
create table response_draft (
  assignment_id uuid primary key references screening_assignment (id),
  answers jsonb not null, -- { [instrumentCode]: (number|null)[] }
  position jsonb,
  district_id uuid not null,
  school_id uuid not null,
  started_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

-- One scored answer sheet. submission_id is made by the client: a retried submit finds its own row.
create table screening_response (
  id uuid primary key default gen_random_uuid(),
  submission_id uuid not null,
  assignment_id uuid references screening_assignment (id),
  campaign_id uuid references campaign (id),
  student_id uuid not null references student (id),
  city_id uuid not null,
  district_id uuid not null,
  school_id uuid not null,
  grade_id uuid not null,
  class_id uuid not null,
  instrument_code text not null,
  instrument_version int not null,
  respondent text not null check (respondent in ('self', 'guardian')),
  answers jsonb not null,
  total int,
  band text,
  critical_flags text[] not null default '{}',
  valid boolean not null,
  subscales jsonb not null default '{}',
  reasons jsonb not null default '[]',
  careless jsonb not null default '[]', -- e.g. ["too_fast", "straightlining"]
  duration_ms int,
  source text not null default 'online' check (source in ('online', 'paper')),
  submitted_by uuid references user_account (id),
  submitted_at timestamptz not null default now(),
  foreign key (instrument_code, instrument_version) references instrument_version (code, version)
);
create unique index response_submission on screening_response (submission_id, instrument_code);
create index response_student on screening_response (student_id, submitted_at);
create index response_campaign_school on screening_response (campaign_id, school_id);
create index response_critical on screening_response (school_id, submitted_at) where cardinality(critical_flags) > 0;

-- A tier suggested by the city's rules from one campaign's results; a psychology teacher reviews it (复核)
-- after a follow-up talk. Only confirmed tiers are shown to others and kept in the archive.
create table tier_assessment (
  id uuid primary key default gen_random_uuid(),
  student_id uuid not null references student (id),
  campaign_id uuid references campaign (id),
  city_id uuid not null,
  district_id uuid not null,
  school_id uuid not null,
  grade_id uuid not null,
  class_id uuid not null,
  suggested_tier int not null check (suggested_tier in (1, 2, 3)),
  suggested_reasons jsonb not null default '[]',
  rule_set_version text,
  status text not null default 'suggested' check (status in ('suggested', 'confirmed')),
  confirmed_tier int check (confirmed_tier in (1, 2, 3)),
  review_reason text,
  talk_record text,
  reviewed_by uuid references user_account (id),
  reviewed_at timestamptz,
  created_at timestamptz not null default now(),
  unique (student_id, campaign_id)
);
create index tier_assessment_school on tier_assessment (school_id, status, created_at);

-- The student's current confirmed tier: what head teachers and the archive see.
create table student_tier (
  student_id uuid primary key references student (id),
  tier int not null check (tier in (1, 2, 3)),
  assessment_id uuid references tier_assessment (id),
  city_id uuid not null,
  district_id uuid not null,
  school_id uuid not null,
  class_id uuid not null,
  confirmed_by uuid references user_account (id),
  confirmed_at timestamptz not null default now()
);
create index student_tier_class on student_tier (class_id, tier);

create table alert (
  id uuid primary key default gen_random_uuid(),
  city_id uuid not null,
  district_id uuid not null,
  school_id uuid not null,
  grade_id uuid not null,
  class_id uuid not null,
  student_id uuid not null references student (id),
  source text not null check (source in ('screening', 'observation', 'hotline', 'counseling', 'tier_change')),
  urgency text not null check (urgency in ('crisis', 'high', 'attention')),
  reasons jsonb not null default '[]',
  response_id uuid references screening_response (id),
  status text not null default 'open' check (status in ('open', 'acknowledged', 'closed')),
  due_at timestamptz not null,
  created_at timestamptz not null default now(),
  acknowledged_at timestamptz,
  acknowledged_by uuid references user_account (id)
);
create index alert_school_queue on alert (school_id, status, urgency, created_at);
create index alert_student on alert (student_id);
create unique index alert_once_per_response on alert (response_id, source) where response_id is not null;
