-- Reminders sent to students (or guardians) who have not finished a campaign. A row is written when a
-- teacher reminds a class; the notification outbox (issue 4) delivers it later and stamps delivered_at, so
-- no reminder is lost between the click and the delivery.
create table screening_reminder (
  id uuid primary key default gen_random_uuid(),
  campaign_id uuid not null references campaign (id),
  assignment_id uuid not null references screening_assignment (id),
  student_id uuid not null references student (id),
  -- Who should be told: the student answers self-report forms, the guardian parent-report forms and
  -- consent that is still pending.
  recipient text not null check (recipient in ('student', 'guardian')),
  purpose text not null check (purpose in ('answer', 'consent')),
  city_id uuid not null,
  district_id uuid not null,
  school_id uuid not null,
  class_id uuid not null,
  reminded_by uuid references user_account (id),
  created_at timestamptz not null default now(),
  delivered_at timestamptz
);
create index screening_reminder_pending on screening_reminder (created_at) where delivered_at is null;
create index screening_reminder_assignment on screening_reminder (assignment_id, created_at);
