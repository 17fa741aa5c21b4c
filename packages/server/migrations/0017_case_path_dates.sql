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
