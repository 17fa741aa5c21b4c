import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../testing/test-db.js';
import type { DatabaseHandle } from './connect.js';
import { migrate, migrationChecksum, MigrationChangedError, readMigrations } from './migrate.js';

const SOURCE = fileURLToPath(new URL('../../migrations/', import.meta.url));
let dir: string;
let handle: DatabaseHandle;

beforeAll(async () => {
  // A copy of the migrations, so the test can edit one without touching the real files.
  dir = mkdtempSync(join(tmpdir(), 'yuxin-migrations-'));
  cpSync(SOURCE, dir, { recursive: true });
  handle = await createTestDatabase();
}, 120_000);
afterAll(async () => {
  await handle?.close();
  rmSync(dir, { recursive: true, force: true });
});

const recorded = () =>
  handle.db.selectFrom('schema_migration').select(['version', 'name', 'checksum']).orderBy('version').execute();

describe('migration checksums', () => {
  it('records the sha256 of every applied file', async () => {
    const files = readMigrations(dir);
    expect(await migrate(handle.db, files)).toEqual(files.map((f) => f.version));
    const rows = await recorded();
    expect(rows).toEqual(files.map((f) => ({ version: f.version, name: f.name, checksum: f.checksum })));
    const first = readdirSync(dir).sort()[0]!;
    expect(rows[0]!.checksum).toBe(migrationChecksum(readFileSync(join(dir, first), 'utf8')));
    expect(rows[0]!.checksum).toMatch(/^[0-9a-f]{64}$/);
    // Nothing pending, nothing changed: a second start applies nothing.
    expect(await migrate(handle.db, readMigrations(dir))).toEqual([]);
  });

  it('fills in checksums of rows applied before they were kept', async () => {
    await handle.db.updateTable('schema_migration').set({ checksum: null }).execute();
    expect(await migrate(handle.db, readMigrations(dir))).toEqual([]);
    expect((await recorded()).map((r) => r.checksum)).toEqual(readMigrations(dir).map((f) => f.checksum));
  });

  it('refuses to start when an applied file changed, naming the file', async () => {
    const name = readdirSync(dir).find((f) => f.startsWith('0009_'))!;
    writeFileSync(join(dir, name), readFileSync(join(dir, name), 'utf8') + '\n-- edited after it ran\n');
    const before = await recorded();
    const err = await migrate(handle.db, readMigrations(dir)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MigrationChangedError);
    expect((err as Error).message).toContain(`Migration ${name} changed after it was applied`);
    expect((err as Error).message).toContain('restore the file');
    // Refused before anything ran, and the record still holds what was applied.
    expect(await recorded()).toEqual(before);
    // A Windows checkout of the same text is not a change.
    writeFileSync(join(dir, name), readFileSync(join(SOURCE, name), 'utf8').replace(/\n/g, '\r\n'));
    expect(await migrate(handle.db, readMigrations(dir))).toEqual([]);
  });

  it('does not apply a new migration while an older one is changed', async () => {
    const name = readdirSync(dir).find((f) => f.startsWith('0001_'))!;
    writeFileSync(join(dir, name), 'select 1;');
    writeFileSync(join(dir, '9999_later.sql'), 'create table later_one (id int);');
    await expect(migrate(handle.db, readMigrations(dir))).rejects.toThrow(`Migration ${name} changed`);
    expect((await recorded()).some((r) => r.version === 9999)).toBe(false);
  });
});
