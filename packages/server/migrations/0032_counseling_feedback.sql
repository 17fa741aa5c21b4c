-- 重点反馈 (Jinan §7, Changchun's 追踪反馈): from a counseling session the psychology teacher tells the student's
-- head teacher what to watch for, in a short note of her own, never the record's content. Breaking the room's
-- confidentiality that far is a disclosure: kept with whom it went to, the note encrypted like the record.
create table counseling_feedback (
  id uuid primary key default gen_random_uuid(),
  city_id uuid not null,
  district_id uuid not null,
  school_id uuid not null,
  class_id uuid not null,
  record_id uuid not null references counseling_record (id),
  student_id uuid not null references student (id),
  sent_by uuid not null references user_account (id),
  told_user_ids uuid[] not null,
  note_enc text not null,
  sent_at timestamptz not null default now()
);
create index counseling_feedback_record on counseling_feedback (record_id);
create index counseling_feedback_told on counseling_feedback using gin (told_user_ids);
create index counseling_feedback_school on counseling_feedback (school_id, sent_at);
