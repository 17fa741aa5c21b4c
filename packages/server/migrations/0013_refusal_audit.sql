-- Policy refusals (403/404 from the authorization policy) are audited once per actor, action and minute;
-- further refusals in that minute are only counted here, so a scanner cannot flood the audit chain. The
-- row names the audit entry (chain, seq) whose count it holds; the compliance report adds the counts.
create table audit_refusal_tally (
  user_id uuid not null,
  action text not null,
  minute timestamptz not null,
  count int not null default 1,
  chain text,
  seq bigint,
  primary key (user_id, action, minute)
);
create index audit_refusal_tally_entry on audit_refusal_tally (chain, seq);
