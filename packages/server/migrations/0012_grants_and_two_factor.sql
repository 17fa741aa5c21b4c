-- Four-eyes role grants. A role that reads psychological data, granted by an administrator, waits here
-- until a second person (the school leader, the district or city centre) approves it; only then does a
-- role_binding row exist. Decided requests stay as the record of who asked and who approved.
create table role_grant_request (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references user_account (id),
  role text not null,
  scope_level text not null,
  scope_id uuid not null,
  city_id uuid not null,
  district_id uuid,
  school_id uuid,
  requested_by uuid not null references user_account (id),
  requested_at timestamptz not null default now(),
  status text not null default 'pending' check (status in ('pending', 'approved', 'rejected')),
  decided_by uuid references user_account (id),
  decided_at timestamptz,
  binding_id uuid
);
-- One open request per grant: asking again answers the open one.
create unique index role_grant_request_open on role_grant_request (user_id, role, scope_level, scope_id)
  where status = 'pending';
create index role_grant_request_school on role_grant_request (school_id) where status = 'pending';
create index role_grant_request_district on role_grant_request (district_id) where status = 'pending';

-- Growing delays after failed sign-ins, per submitted username (existing or not) and client address: a
-- stranger slows down only their own guesses, never the owner signing in from elsewhere. The TOTP step
-- uses the same table with the account's own key.
create table signin_backoff (
  username_key text not null,
  client_key text not null,
  failures int not null,
  last_failure_at timestamptz not null,
  primary key (username_key, client_key)
);

-- TOTP (RFC 6238) for staff. The secret is encrypted with the data key (crypto/field-crypto.ts);
-- confirmed_at stays null until the owner proved their authenticator with a code; last_step is the last
-- accepted time step, so a code is good once.
create table staff_two_factor (
  user_id uuid primary key references user_account (id),
  secret_enc text not null,
  confirmed_at timestamptz,
  last_step int,
  created_at timestamptz not null default now()
);

-- Recovery codes, stored as SHA-256 (they are long random strings, like session tokens); each works once.
create table two_factor_recovery_code (
  user_id uuid not null references user_account (id),
  code_hash text not null,
  used_at timestamptz,
  primary key (user_id, code_hash)
);

-- A session opened by a password alone, still owing its second factor: 'verify' (enter a code) or
-- 'enrol' (set up an authenticator first). Null is a full session.
alter table user_session add column second_factor text check (second_factor in ('verify', 'enrol'));
