-- Revoked role bindings are kept, so "who could see this school's records on that day" stays answerable
-- after the grant is gone, and a repeated revocation of the same binding is recognised as done.
create table role_binding_revoked (
  id bigserial primary key,
  binding_id uuid not null,
  user_id uuid not null references user_account (id),
  role text not null,
  scope_level text not null,
  scope_id uuid not null,
  city_id uuid not null,
  district_id uuid,
  school_id uuid,
  granted_by uuid references user_account (id),
  granted_at timestamptz not null,
  revoked_by uuid references user_account (id),
  revoked_at timestamptz not null default now()
);
create index role_binding_revoked_binding on role_binding_revoked (binding_id, revoked_at);
create index role_binding_revoked_user on role_binding_revoked (user_id, revoked_at);
