-- On PostgreSQL the app connects as a member of yuxin_app and migrations run as the owner of the schema
-- (README, "On PostgreSQL"). yuxin_app may read and write rows and nothing more: it owns nothing, so it
-- cannot alter a table or disable a trigger; it is no superuser, so it cannot set session_replication_role;
-- and on the audit log it may only add and read entries. Roles are cluster-wide while grants live in each
-- database, so the role is made once (whichever database migrates first) and the grants here are this
-- database's. Tables added by later migrations get the same row rights by default; a table that must be
-- append-only revokes them in its own migration, as audit_log does below.
do $$
begin
  if not exists (select 1 from pg_roles where rolname = 'yuxin_app') then
    begin
      create role yuxin_app nologin;
    exception
      -- Another database on the same cluster migrating at the same moment created it first.
      when duplicate_object or unique_violation then null;
      when insufficient_privilege then
        raise notice 'role yuxin_app does not exist and % may not create it; the app connects as the owner',
          current_user;
        return;
    end;
  end if;
  grant usage on schema public to yuxin_app;
  grant select, insert, update, delete on all tables in schema public to yuxin_app;
  grant usage, select on all sequences in schema public to yuxin_app;
  revoke update, delete, truncate on audit_log from yuxin_app;
  revoke insert, update, delete, truncate on schema_migration from yuxin_app;
  alter default privileges in schema public grant select, insert, update, delete on tables to yuxin_app;
  alter default privileges in schema public grant usage, select on sequences to yuxin_app;
end
$$;
