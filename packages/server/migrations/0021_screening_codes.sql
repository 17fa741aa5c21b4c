-- Screening codes (issue 16): a screening day signs a whole city in at once, and argon2id, right for a
-- password a person chose, costs ~10 ms of CPU per sign-in. A head teacher instead prints per-student codes
-- of 128 random bits for one assignment of one campaign; with that much entropy a plain SHA-256 looked up by
-- a unique index is as safe as a slow hash and costs microseconds. The code itself is never stored.
create table screening_code (
  id uuid primary key default gen_random_uuid(),
  assignment_id uuid not null references screening_assignment (id),
  campaign_id uuid not null references campaign (id),
  student_id uuid not null references student (id),
  city_id uuid not null,
  district_id uuid not null,
  school_id uuid not null,
  class_id uuid not null,
  code_hash text not null,
  -- The student also gives their birth date: for a class whose slips may be swapped or seen by others.
  confirm_birth_date boolean not null default false,
  issued_by uuid not null references user_account (id),
  issued_at timestamptz not null default now(),
  revoked_at timestamptz,
  revoked_by uuid references user_account (id)
);
create unique index screening_code_hash on screening_code (code_hash);
-- One active code per assignment: issuing again revokes the old one first.
create unique index screening_code_active on screening_code (assignment_id) where revoked_at is null;
create index screening_code_class on screening_code (campaign_id, class_id) where revoked_at is null;

-- A session opened with a code reaches that one assignment and nothing else of the account; a new code
-- sign-in ends the previous one (one device at a time).
alter table user_session
  add column only_assignment_id uuid references screening_assignment (id),
  add column screening_code_id uuid references screening_code (id);
create index user_session_code on user_session (screening_code_id) where screening_code_id is not null;
