-- A class's printout of one-time passwords (issue 17): every download used to issue new passwords, so the PDF
-- and the spreadsheet fetched one after the other held different ones. Issuing is now its own act; the slips it
-- produced are kept, encrypted with the data key like case notes, so the same batch can be downloaded again in
-- either format. They are kept for a week (a class is printed for within days) and erased after that.
create table credential_batch (
  id uuid primary key default gen_random_uuid(),
  class_id uuid not null references org_unit (id),
  city_id uuid not null,
  district_id uuid not null,
  school_id uuid not null,
  scope text not null check (scope in ('new', 'all')),
  slip_count int not null,
  -- AES-GCM of the slips as JSON (name, username, password); never plaintext, never in the audit log.
  slips_enc text not null,
  issued_by uuid not null references user_account (id),
  issued_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index credential_batch_class on credential_batch (class_id, issued_at desc);
create index credential_batch_expiry on credential_batch (expires_at);
