-- Foundation: organisation, people, accounts, role bindings, sessions, audit, jobs, settings.
-- Every tenant row carries city_id and, where it has them, district_id and school_id: scope checks are one
-- indexed equality, and tables can later be distributed by district_id without a redesign.

create table org_unit (
  id uuid primary key default gen_random_uuid(),
  kind text not null check (kind in ('city', 'district', 'school', 'grade', 'class')),
  parent_id uuid references org_unit (id),
  city_id uuid not null,
  district_id uuid,
  school_id uuid,
  grade_id uuid,
  code text,
  name_zh text not null,
  name_en text,
  stage text check (stage in ('primary', 'junior', 'senior', 'nine_year', 'complete_secondary', 'vocational')),
  grade_level int check (grade_level between 1 and 12),
  class_no int,
  sort int not null default 0,
  created_at timestamptz not null default now()
);
create index org_unit_parent on org_unit (parent_id, sort);
create index org_unit_district on org_unit (district_id, kind);
create index org_unit_school on org_unit (school_id, kind);
create unique index org_unit_code on org_unit (city_id, kind, code) where code is not null;

create table school_year (
  city_id uuid not null,
  code text not null, -- '2026-2027'
  starts_on date not null,
  ends_on date not null,
  term1_ends_on date not null,
  is_current boolean not null default false,
  primary key (city_id, code)
);

create table hospital (
  id uuid primary key default gen_random_uuid(),
  city_id uuid not null,
  name_zh text not null,
  name_en text,
  created_at timestamptz not null default now()
);

create table student (
  id uuid primary key default gen_random_uuid(),
  city_id uuid not null,
  district_id uuid not null,
  school_id uuid not null,
  grade_id uuid not null,
  class_id uuid not null,
  student_no text not null,
  name text not null,
  gender text not null check (gender in ('male', 'female')),
  birth_date date,
  boarding boolean not null default false,
  care_tags text[] not null default '{}',
  status text not null default 'active' check (status in ('active', 'left', 'graduated')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index student_no_unique on student (city_id, student_no);
create index student_class on student (class_id, name);
create index student_school on student (school_id, grade_id, class_id);
create index student_district on student (district_id);
create index student_care on student using gin (care_tags);

-- A student's class history: a move between classes closes one row and opens another, so history is kept.
create table enrollment (
  id uuid primary key default gen_random_uuid(),
  student_id uuid not null references student (id),
  city_id uuid not null,
  district_id uuid not null,
  school_id uuid not null,
  grade_id uuid not null,
  class_id uuid not null,
  school_year text not null,
  started_at timestamptz not null default now(),
  ended_at timestamptz
);
create index enrollment_student on enrollment (student_id, started_at);

create table guardian (
  id uuid primary key default gen_random_uuid(),
  city_id uuid not null,
  name text not null,
  phone text not null,
  created_at timestamptz not null default now()
);
create unique index guardian_phone on guardian (city_id, phone);

create table student_guardian (
  student_id uuid not null references student (id),
  guardian_id uuid not null references guardian (id),
  relation text not null,
  district_id uuid not null,
  school_id uuid not null,
  primary key (student_id, guardian_id)
);
create index student_guardian_guardian on student_guardian (guardian_id);

create table user_account (
  id uuid primary key default gen_random_uuid(),
  kind text not null check (kind in ('staff', 'student', 'guardian')),
  username text not null,
  display_name text not null,
  password_hash text not null,
  student_id uuid references student (id),
  guardian_id uuid references guardian (id),
  city_id uuid not null,
  district_id uuid,
  school_id uuid,
  full_time boolean,
  locale text not null default 'zh-CN' check (locale in ('zh-CN', 'en')),
  must_change_password boolean not null default false,
  activated_at timestamptz,
  disabled_at timestamptz,
  failed_attempts int not null default 0,
  locked_until timestamptz,
  password_changed_at timestamptz,
  created_at timestamptz not null default now()
);
create unique index user_account_username on user_account (lower(username));
create unique index user_account_student on user_account (student_id) where student_id is not null;
create index user_account_school on user_account (school_id, kind);
create index user_account_locked on user_account (locked_until) where locked_until is not null;

create table role_binding (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references user_account (id),
  role text not null,
  scope_level text not null check (scope_level in ('city', 'district', 'school', 'grade', 'class', 'hospital', 'person')),
  scope_id uuid not null,
  city_id uuid not null,
  district_id uuid,
  school_id uuid,
  granted_by uuid references user_account (id),
  created_at timestamptz not null default now()
);
create unique index role_binding_unique on role_binding (user_id, role, scope_level, scope_id);
create index role_binding_scope on role_binding (scope_id);

-- Only a hash of the session token is stored, so a leaked table cannot be replayed as cookies.
create table user_session (
  token_hash text primary key,
  user_id uuid not null references user_account (id),
  csrf_token text not null,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null,
  revoked_at timestamptz,
  ip text,
  user_agent text
);
create index user_session_user on user_session (user_id);

-- Failed sign-ins per client address, shared by every app node (app servers keep no state).
create table signin_throttle (
  client_key text primary key,
  window_started_at timestamptz not null,
  failures int not null
);

-- Append-only audit log. Each entry's hash covers the previous entry's hash and its own canonical
-- payload; chains are per district so writes in different districts never wait on one another.
create table audit_head (
  chain text primary key,
  seq bigint not null,
  hash text not null,
  prev_hash text not null
);

create table audit_log (
  id bigserial primary key,
  chain text not null,
  seq bigint not null,
  at timestamptz not null,
  user_id uuid,
  username text,
  binding_id uuid,
  role text,
  action text not null,
  target_type text,
  target_id text,
  city_id uuid,
  district_id uuid,
  school_id uuid,
  outcome text not null,
  request_id text,
  payload text not null,
  prev_hash text not null,
  hash text not null,
  unique (chain, seq)
);
create index audit_log_at on audit_log (at);
create index audit_log_user on audit_log (user_id, at);
create index audit_log_target on audit_log (target_id);
create index audit_log_school on audit_log (school_id, at);
create index audit_log_district on audit_log (district_id, at);

create function audit_log_is_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_log is append-only';
end;
$$;
create trigger audit_log_no_update before update or delete on audit_log
  for each row execute function audit_log_is_append_only();
create trigger audit_log_no_truncate before truncate on audit_log
  for each statement execute function audit_log_is_append_only();

-- Long work (roster import, exports) runs as a job whose progress any app node can report.
create table job (
  id uuid primary key default gen_random_uuid(),
  kind text not null,
  status text not null default 'queued' check (status in ('queued', 'running', 'failed', 'succeeded')),
  phase text,
  processed int not null default 0,
  total int not null default 0,
  result jsonb,
  errors jsonb,
  created_by uuid references user_account (id),
  city_id uuid not null,
  district_id uuid,
  school_id uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index job_creator on job (created_by, created_at);

create table city_setting (
  city_id uuid not null,
  key text not null,
  value jsonb not null,
  updated_at timestamptz not null default now(),
  primary key (city_id, key)
);
