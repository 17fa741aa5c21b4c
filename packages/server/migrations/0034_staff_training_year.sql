-- The staff registry's yearly training (issue 14): a psychology teacher's training hours and case supervision
-- (督导) hours for one school year, kept on the staff page or its Excel import by whoever keeps the registry.
-- A school that keeps only the yearly totals records them here; one that logs each training keeps using
-- supervision records. Where a year is recorded here, the training indicator takes it as that teacher's total.
create table staff_training_year (
  user_id uuid not null references user_account (id),
  school_year text not null check (school_year ~ '^[0-9]{4}-[0-9]{4}$'),
  training_hours numeric(6, 2) check (training_hours >= 0 and training_hours <= 2000),
  supervision_hours numeric(6, 2) check (supervision_hours >= 0 and supervision_hours <= 2000),
  updated_by uuid references user_account (id),
  updated_at timestamptz not null default now(),
  primary key (user_id, school_year)
);
