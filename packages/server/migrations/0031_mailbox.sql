-- 心理信箱 (issue 15, Jinan §3): a student writes to the school's psychology teachers, named or anonymous, and
-- they answer in the app. An anonymous thread carries no student, grade or class: the writer is found again
-- by sender_tag, an HMAC of the student under the server's data key, which staff cannot turn back into a
-- name. reply_to_enc (the writer's account, encrypted) lets the server tell the writer of an answer.
create table mailbox_thread (
  id uuid primary key default gen_random_uuid(),
  city_id uuid not null,
  district_id uuid not null,
  school_id uuid not null,
  grade_id uuid,
  class_id uuid,
  student_id uuid references student (id),
  anonymous boolean not null,
  sender_tag text not null,
  reply_to_enc text not null,
  -- The writer's retry key: the same letter sent twice opens one thread.
  client_id uuid not null,
  risk_reason_enc text,
  risk_marked_by uuid references user_account (id),
  risk_marked_at timestamptz,
  alert_id uuid references alert (id),
  created_at timestamptz not null default now(),
  last_at timestamptz not null default now(),
  check (anonymous = (student_id is null)),
  check (anonymous = (class_id is null)),
  unique (sender_tag, client_id)
);
create index mailbox_thread_school on mailbox_thread (school_id, last_at);
create index mailbox_thread_sender on mailbox_thread (sender_tag);

-- author_id is the answering teacher; a student's message names no account, so an anonymous letter's
-- messages lead to no one either.
create table mailbox_message (
  id uuid primary key default gen_random_uuid(),
  thread_id uuid not null references mailbox_thread (id),
  author text not null check (author in ('student', 'teacher')),
  author_id uuid references user_account (id),
  check ((author = 'teacher') = (author_id is not null)),
  -- AES-256-GCM encrypted like case notes (src/crypto/field-crypto.ts).
  body_enc text not null,
  client_id uuid not null,
  created_at timestamptz not null default now(),
  unique (thread_id, client_id)
);
create index mailbox_message_thread on mailbox_message (thread_id, created_at);

-- A named letter a teacher marks at risk becomes the student's alert like any other.
alter table alert drop constraint alert_source_check;
alter table alert add constraint alert_source_check
  check (source in ('screening', 'observation', 'hotline', 'counseling', 'tier_change', 'mailbox'));
