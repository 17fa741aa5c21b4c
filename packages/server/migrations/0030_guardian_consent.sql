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
