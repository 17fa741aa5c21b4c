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
