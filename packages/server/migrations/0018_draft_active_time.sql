-- Active answering time kept with the draft (issue #17 item 1): the phone sends the milliseconds it was
-- answering since its last save, and the server adds them up across pauses, reloads and devices. The
-- "answered too fast" check reads this sum instead of a clock that lived in one browser tab.
alter table response_draft add column active_ms integer not null default 0;
