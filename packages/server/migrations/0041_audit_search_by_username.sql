-- audit_log_user (user_id, at) was read by no query: the audit search finds an actor by lower(username), the
-- compliance report reads a year of a unit by time. Every audited write (every submit, every sign-in) paid
-- an entry in it, and a city-wide search by actor found none to use, walking the whole city's log by time.
-- This index costs the same one entry per write and answers the search that exists.
drop index audit_log_user;
create index audit_log_username on audit_log (lower(username), at);
