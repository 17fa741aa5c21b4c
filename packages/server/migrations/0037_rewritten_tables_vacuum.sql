-- Tables a screening window rewrites all the time (issue 16). report_delta is a queue: every submit appends
-- facts and every fold (5 s) deletes them, so at the default scale factor (20 % of a table that is nearly
-- always empty) autovacuum comes too late and each fold scans the dead rows of every fold before it. The audit
-- chain heads are a few hundred rows updated on every audited write; room on their pages keeps those updates
-- HOT (no index entry each time), and vacuuming them by a fixed count keeps their pages small.
alter table report_delta set (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 5000,
                              autovacuum_vacuum_cost_delay = 0);
alter table audit_head set (fillfactor = 50, autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 2000);
