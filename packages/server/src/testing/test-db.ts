import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../db/connect.js';

export interface TestDatabase extends DatabaseHandle {
  /**
   * On PostgreSQL, the same database as the login role the app uses in production: a member of yuxin_app
   * (migration 0014), which reads and writes rows and nothing more. Undefined on PGlite, which has one user.
   */
  appUrl?: string;
}

/** The login role test apps connect as; like every role, shared by all databases of the cluster. */
export const TEST_APP_ROLE = 'yuxin_test_app';

/**
 * A fresh, empty database for one test file: in-memory PGlite by default, or a new database on the
 * PostgreSQL server named by YUXIN_TEST_PG, dropped again on close. The returned handle is the owner's,
 * for migrations and fixtures.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = process.env.YUXIN_TEST_PG;
  if (!adminUrl) return openDatabase({});
  const name = `yuxin_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await ensureTestAppRole(admin);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const appUrl = new URL(url);
  appUrl.username = TEST_APP_ROLE;
  appUrl.password = '';
  // Dropping the database at the end cuts whatever connection is still idle; that is expected here.
  const handle = await openDatabase({ url: url.toString(), poolSize: 10, onIdleConnectionError: () => undefined });
  return {
    ...handle,
    appUrl: appUrl.toString(),
    async close() {
      await handle.close();
      const dropper = new pg.Client({ connectionString: adminUrl });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}

/**
 * Test files run side by side on one cluster, so two may create the roles at once: the loser's duplicate
 * is the winner's role, and fine. The server trusts local connections, so the login role needs no password.
 */
async function ensureTestAppRole(admin: pg.Client) {
  await admin.query(`do $$
    begin
      if not exists (select 1 from pg_roles where rolname = 'yuxin_app') then
        begin
          create role yuxin_app nologin;
        exception when duplicate_object or unique_violation then null;
        end;
      end if;
      if not exists (select 1 from pg_roles where rolname = '${TEST_APP_ROLE}') then
        begin
          create role ${TEST_APP_ROLE} login;
        exception when duplicate_object or unique_violation then null;
        end;
      end if;
      if not pg_has_role('${TEST_APP_ROLE}', 'yuxin_app', 'member') then
        begin
          grant yuxin_app to ${TEST_APP_ROLE};
        exception when duplicate_object or unique_violation then null;
        end;
      end if;
    end
  $$`);
}
