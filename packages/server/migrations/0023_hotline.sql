-- The city centre's psychological hotline (心理热线, issue 15): the calls its counselors answer and their
-- shifts. A call belongs to the city; it names a student only when the counselor found them on the roster.

create table hotline_call (
  id uuid primary key default gen_random_uuid(),
  city_id uuid not null,
  started_at timestamptz not null,
  duration_minutes int not null check (duration_minutes between 0 and 600),
  caller_type text not null check (caller_type in ('student', 'guardian', 'teacher', 'other')),
  anonymous boolean not null,
  -- The student the call is about, picked from the roster; never set for an anonymous call.
  student_id uuid references student (id),
  -- What an identified caller said about themself (name, school, class) when not found on the roster,
  -- AES-256-GCM encrypted like case notes (src/crypto/field-crypto.ts); null when not given.
  caller_name_enc text,
  caller_school_enc text,
  caller_class_enc text,
  topics text[] not null default '{}',
  risk text not null check (risk in ('none', 'low', 'medium', 'high', 'imminent')),
  intervention_enc text,
  outcome text not null check (outcome in ('resolved', 'advised', 'referred', 'emergency_services')),
  follow_up_enc text,
  follow_up_at timestamptz,
  notes_enc text,
  -- The alert that told the student's school, at most one per call.
  alert_id uuid unique references alert (id),
  recorded_by uuid not null references user_account (id),
  -- The counselor's retry key: the same form sent twice records one call.
  client_id uuid not null,
  created_at timestamptz not null default now(),
  unique (recorded_by, client_id),
  check (not (anonymous and (student_id is not null or caller_name_enc is not null)))
);
create index hotline_call_city on hotline_call (city_id, started_at desc);

create table hotline_shift (
  id uuid primary key default gen_random_uuid(),
  city_id uuid not null,
  counselor_id uuid not null references user_account (id),
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  created_by uuid not null references user_account (id),
  created_at timestamptz not null default now(),
  check (ends_at > starts_at)
);
create index hotline_shift_city on hotline_shift (city_id, starts_at);
