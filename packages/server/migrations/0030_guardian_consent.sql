-- A guardian decides on a hospital referral of their own child on the phone (issue 15, Guardians).
-- consent_guardian_id: the guardian who consented in the app (null when staff recorded a paper or in-person
-- consent). A refusal leaves the referral waiting (the school talks to the family, then cancels or re-routes):
-- refused_at/refused_by_guardian say so until a later consent. consent_proxy_reason_enc: why staff recorded
-- the consent on behalf of a guardian who has an account of their own (encrypted like case notes).
alter table referral add column consent_guardian_id uuid references guardian (id);
alter table referral add column refused_at timestamptz;
alter table referral add column refused_by_guardian uuid references guardian (id);
alter table referral add column consent_proxy_reason_enc text;

create index referral_waiting_student on referral (student_id) where status = 'awaiting_consent';

-- 家长学校: lectures for guardians per grade and term, and who attended (the guardian in the app, or staff).
-- Each lecture also writes one supervision_record of kind guardian_lecture per grade, so the existing
-- guardian_lectures indicator (≥2 per grade per term, Jinan) counts it.
create table parent_lecture (
  id uuid primary key default gen_random_uuid(),
  city_id uuid not null,
  district_id uuid not null,
  school_id uuid not null references org_unit (id),
  title text not null,
  held_at timestamptz not null,
  hours numeric(4, 1) not null check (hours > 0),
  created_by uuid not null references user_account (id),
  created_at timestamptz not null default now()
);
create index parent_lecture_school on parent_lecture (school_id, held_at);

create table parent_lecture_grade (
  lecture_id uuid not null references parent_lecture (id),
  grade_id uuid not null references org_unit (id),
  primary key (lecture_id, grade_id)
);
create index parent_lecture_grade_grade on parent_lecture_grade (grade_id);

create table parent_lecture_attendance (
  lecture_id uuid not null references parent_lecture (id),
  guardian_id uuid not null references guardian (id),
  city_id uuid not null,
  district_id uuid not null,
  school_id uuid not null,
  source text not null check (source in ('guardian', 'staff')),
  recorded_by uuid not null references user_account (id),
  recorded_at timestamptz not null default now(),
  primary key (lecture_id, guardian_id)
);
