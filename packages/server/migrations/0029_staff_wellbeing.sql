-- Teachers' own wellbeing (教师心理健康自评, issue 15, Jinan §15–16): a staff member's confidential
-- self-screening with an adult instrument. Only the score and band are kept, never the answers: the teacher
-- reads their own results back, and schools and districts count them (suppressed). Nobody reads another's row.

create table staff_wellbeing_result (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references user_account (id),
  -- Where the teacher worked when they took it, copied from the account, for the suppressed counts only.
  city_id uuid not null,
  district_id uuid,
  school_id uuid,
  instrument_code text not null,
  instrument_version int not null,
  total int,
  band text,
  -- The teacher's retry key: the same form sent twice is one result.
  client_id uuid not null,
  taken_at timestamptz not null default now(),
  unique (user_id, client_id)
);
create index staff_wellbeing_result_user on staff_wellbeing_result (user_id, taken_at desc);
create index staff_wellbeing_result_counts on staff_wellbeing_result (city_id, instrument_code, taken_at);

-- A call-back the teacher chose to ask for. It holds who to call and where, nothing of any result: the centre
-- that calls back learns only that the teacher asked. district_id null: the city centre calls back.
create table staff_wellbeing_callback (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references user_account (id),
  city_id uuid not null,
  district_id uuid,
  -- AES-256-GCM encrypted like case notes (src/crypto/field-crypto.ts).
  phone_enc text not null,
  client_id uuid not null,
  requested_at timestamptz not null default now(),
  done_at timestamptz,
  done_by uuid references user_account (id),
  unique (user_id, client_id)
);
create index staff_wellbeing_callback_queue on staff_wellbeing_callback (city_id, district_id, requested_at)
  where done_at is null;
