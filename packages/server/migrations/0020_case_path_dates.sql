-- The case path's steps with the guardian stored only the moment a teacher clicked (issue 17.14): a call made
-- on Monday and written down on Wednesday read as Wednesday. Each now keeps when it really happened and how
-- the guardian was reached; the click time stays where it was, as the record's own time.
alter table care_case
  add column guardian_contact_method text check (guardian_contact_method in ('phone', 'visit', 'meeting', 'online'));
alter table referral
  add column consent_given_at timestamptz,
  add column consent_contact_method text check (consent_contact_method in ('phone', 'visit', 'meeting', 'online')),
  add column return_occurred_at timestamptz,
  add column return_method text check (return_method in ('phone', 'visit', 'meeting', 'online'));

-- A referral can be cancelled or re-routed to another partner hospital until the student is admitted
-- (issue 17.12). Either ends it, with who, when and why; a re-routed one names the referral that replaced it.
alter table referral drop constraint referral_status_check;
alter table referral add constraint referral_status_check
  check (status in ('awaiting_consent', 'sent', 'answered', 'returned', 'cancelled', 'rerouted'));
alter table referral
  add column ended_at timestamptz,
  add column ended_by uuid references user_account (id),
  add column end_reason_enc text,
  add column rerouted_to uuid references referral (id);

-- The hospital's side of an admission (issue 17.13): when the student was admitted and discharged, the
-- discharge summary (AES-GCM like case notes, never plaintext) and the number of the return-to-school
-- certificate the doctor issued, which the school's return step then shows instead of asking for it.
alter table referral
  add column admitted_at timestamptz,
  add column discharged_at timestamptz,
  add column discharge_summary_enc text,
  add column hospital_certificate_ref text,
  add column stay_recorded_by uuid references user_account (id),
  add column stay_recorded_at timestamptz,
  add constraint referral_stay_order check (discharged_at is null or admitted_at <= discharged_at);
