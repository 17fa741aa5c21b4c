import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../db/connect.js';
import type { DemoCity } from '../seed/demo.js';
import { openPglite, seedTestCity, type SeedSnapshot } from './seed-snapshot.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Set by global-setup.ts for the db project; absent when a file runs without it. */
    yuxinSeed?: SeedSnapshot;
  }
}

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
  if (adminUrl) return createPostgresDatabase(adminUrl);
  const snapshot = inject('yuxinSeed');
  if (snapshot?.engine === 'pglite') return (await openPglite(readDump(snapshot.emptyDump))).handle;
  return openDatabase({});
}

/**
 * A database of this file's own holding the migrated, seeded demo city: a copy of the run's snapshot
 * (global-setup.ts), so no file sees another's writes. Without a snapshot it migrates and seeds in place.
 */
export async function createSeededTestDatabase(): Promise<{ handle: TestDatabase; demo: DemoCity }> {
  const snapshot = inject('yuxinSeed');
  const adminUrl = process.env.YUXIN_TEST_PG;
  if (snapshot?.engine === 'postgres' && adminUrl)
    return { handle: await createPostgresDatabase(adminUrl, snapshot.template), demo: structuredClone(snapshot.demo) };
  if (snapshot?.engine === 'pglite' && !adminUrl)
    return { handle: (await openPglite(readDump(snapshot.seededDump))).handle, demo: structuredClone(snapshot.demo) };
  const handle = await createTestDatabase();
  try {
    return { handle, demo: await seedTestCity(handle.db) };
  } catch (err) {
    await handle.close();
    throw err;
  }
}

function readDump(path: string) {
  return new Blob([readFileSync(path)]);
}

/**
 * A new database on the server, empty or copied from a template. Copies from one template may run side by
 * side: CREATE DATABASE only refuses while a session is connected to the template itself.
 */
async function createPostgresDatabase(adminUrl: string, template?: string): Promise<TestDatabase> {
  const name = `yuxin_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}${template ? ` template ${template}` : ''}`);
    await ensureTestAppRole(admin);
  } finally {
    await admin.end();
  }
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
      await dropPostgresDatabase(adminUrl, name);
    },
  };
}

export async function dropPostgresDatabase(adminUrl: string, name: string) {
  const dropper = new pg.Client({ connectionString: adminUrl });
  await dropper.connect();
  try {
    await dropper.query(`drop database if exists ${name} with (force)`);
  } finally {
    await dropper.end();
  }
}

/**
 * Test files run side by side on one cluster, so two may create the roles at once: the loser's duplicate
 * is the winner's role, and fine. The server trusts local connections, so the login role needs no password.
 */
export async function ensureTestAppRole(admin: pg.Client) {
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
