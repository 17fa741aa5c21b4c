import fs, { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDatabase, type DatabaseHandle } from './connect.js';

// The embedded store on a data directory (issue #18): a receipt means the answers are on disk, so
// PostgreSQL runs with fsync on and its fsync of the WAL at commit reaches the file system.
describe('the embedded database on disk', () => {
  let dir: string | undefined;
  let handle: DatabaseHandle | undefined;
  afterEach(async () => {
    vi.restoreAllMocks();
    await handle?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
    handle = dir = undefined;
  });

  async function commitCountingFsyncs(h: DatabaseHandle) {
    await sql`create table receipt (id int primary key)`.execute(h.db);
    const fsync = vi.spyOn(fs, 'fsyncSync');
    await sql`insert into receipt values (1)`.execute(h.db);
    return fsync.mock.calls.length;
  }
  const setting = async (h: DatabaseHandle, name: 'fsync' | 'wal_sync_method') =>
    (await sql<Record<string, string>>`select current_setting(${name}) as v`.execute(h.db)).rows[0]!.v;

  it('is durable by default: fsync on, and a commit fsyncs before it returns', async () => {
    dir = mkdtempSync(join(tmpdir(), 'yuxin-durable-'));
    handle = await openDatabase({ dataDir: dir });
    expect(await setting(handle, 'fsync')).toBe('on');
    expect(await setting(handle, 'wal_sync_method')).toBe('fsync');
    expect(await commitCountingFsyncs(handle)).toBeGreaterThan(0);
  });

  it('skips fsync only when YUXIN_EMBEDDED_UNSAFE_NO_FSYNC asks for it', async () => {
    dir = mkdtempSync(join(tmpdir(), 'yuxin-unsafe-'));
    handle = await openDatabase({ dataDir: dir, unsafeNoFsync: true });
    expect(await setting(handle, 'fsync')).toBe('off');
    expect(await commitCountingFsyncs(handle)).toBe(0);
  });
});
