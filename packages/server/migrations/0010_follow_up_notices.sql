-- When the overdue notice went to the responsible person and the escalation to the school leaders. The
-- sweep sets each with a conditional update (where … is null) in the transaction that writes the
-- notifications, so concurrent sweepers and restarts tell people exactly once.
alter table follow_up add column overdue_notified_at timestamptz;
alter table follow_up add column escalated_notified_at timestamptz;
create index follow_up_unnotified on follow_up (due_at) where done_at is null and escalated_notified_at is null;
