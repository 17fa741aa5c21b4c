-- The staff registry (issue 14): whether a psychology teacher is full-time (专职) or part-time (兼职) was a
-- column nobody could set; the certificate level (Changchun's A–D) and the qualification were only in training
-- records. The staffing indicators (1:1000, "500+ students → a full-time teacher") read these.
alter table user_account
  add column certificate_level text check (certificate_level in ('A', 'B', 'C', 'D')),
  add column qualification text;
