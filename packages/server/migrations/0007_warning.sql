-- Early warning (预警): observations filed by the warning network, escalation of unacknowledged alerts,
-- the record of everything that happened to an alert, and notifications with a durable outbox.

-- What someone in the warning network saw. The filer (a peer supporter, a teacher, a guardian) never reads
-- it back; psychology staff read it through the alert it raised.
create table observation (
  id uuid primary key default gen_random_uuid(),
  city_id uuid not null,
  district_id uuid not null,
  school_id uuid not null,
  grade_id uuid not null,
  class_id uuid not null,
  student_id uuid not null references student (id),
  filed_by uuid not null references user_account (id),
  filed_role text not null,
  -- The city's network level the filer reported from (school, grade, class, dormitory, peer, society).
  level text,
  signs text[] not null default '{}',
  seen_at timestamptz not null,
  urgency text not null check (urgency in ('crisis', 'high', 'attention')),
  -- Free text as written by the filer, AES-256-GCM encrypted (src/crypto/field-crypto.ts); null when none.
  note_enc text,
  -- The filer's retry key: the same form sent twice files one observation.
  client_id uuid not null,
  created_at timestamptz not null default now(),
  unique (filed_by, client_id)
);
create index observation_student on observation (student_id, created_at);
create index observation_school on observation (school_id, created_at);

alter table alert add column escalation_level text not null default 'school' check (escalation_level in ('school', 'leader', 'district'));
alter table alert add column escalated_at timestamptz;
alter table alert add column observation_id uuid references observation (id);
-- The escalation sweep looks only at open alerts.
create index alert_open_due on alert (due_at) where status = 'open';

-- Everything that happened to an alert, in order: raised, notified, escalated, acknowledged, closed.
create table alert_event (
  id bigint generated always as identity primary key,
  alert_id uuid not null references alert (id),
  kind text not null check (kind in ('raised', 'notified', 'escalated', 'acknowledged', 'closed')),
  at timestamptz not null default now(),
  actor_id uuid references user_account (id),
  detail jsonb not null default '{}'
);
create index alert_event_alert on alert_event (alert_id, id);

-- In-app notifications: one row per recipient, shown at once in the header bell.
create table notification (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references user_account (id),
  kind text not null,
  alert_id uuid references alert (id),
  -- Never a student's name: it may go out by SMS, and district staff receive it too.
  payload jsonb not null default '{}',
  created_at timestamptz not null default now(),
  read_at timestamptz
);
create index notification_user on notification (user_id, created_at desc);
create index notification_unread on notification (user_id) where read_at is null;

-- Outbound deliveries (SMS, WeChat, e-mail, log), written in the same transaction as the notification so
-- a restart loses none; dedupe_key keeps a retried enqueue from sending twice.
create table notification_outbox (
  id uuid primary key default gen_random_uuid(),
  notification_id uuid references notification (id),
  channel text not null,
  recipient_id uuid not null references user_account (id),
  payload jsonb not null default '{}',
  dedupe_key text not null unique,
  status text not null default 'pending' check (status in ('pending', 'sending', 'sent', 'failed')),
  attempts int not null default 0,
  next_attempt_at timestamptz not null default now(),
  claimed_at timestamptz,
  sent_at timestamptz,
  last_error text,
  created_at timestamptz not null default now()
);
create index notification_outbox_due on notification_outbox (next_attempt_at) where status in ('pending', 'sending');

-- What the built-in log channel delivered, keyed by the outbox row id it was given as idempotency key:
-- a delivery repeated after a crash between sending and marking is recognised and not written twice.
create table notification_log (
  idempotency_key text primary key,
  channel text not null,
  recipient_id uuid not null,
  payload jsonb not null,
  delivered_at timestamptz not null default now()
);
