-- Reminders are delivered through the notification outbox, enqueued in the transaction that records them
-- (issue 13). The outbox stamps its own deliveries, so screening_reminder keeps only who reminded whom and
-- when; its own delivery column, which nothing ever set, goes.
drop index screening_reminder_pending;
alter table screening_reminder drop column delivered_at;
