-- Which process runs a job (issue #18): "<node>/<run>", the node's stable id (YUXIN_NODE_ID) and a random
-- id of the process. A node that starts again fails at once the jobs its earlier process left queued or
-- running, instead of showing them running until they go stale; other nodes' jobs are left to their own
-- node or to the staleness rule. Rows from before this migration have none and go stale as before.
alter table job add column owner text;
create index job_live_owner on job (owner) where status in ('queued', 'running');
