import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildApp, type App } from '../app.js';
import { loadConfig } from '../config.js';
import { TEST_DATA_KEY } from '../testing/harness.js';
import { demoFixtures } from '../testing/harness.js';
import { CALM_ANSWERS, createCohort, SELF_REPORT, type CohortMember } from '../testing/screening-factory.js';
import { openDatabase, type DatabaseHandle } from './connect.js';

/**
 * A PostgreSQL restart under load (issue #18): the database is stopped with `pg_ctl stop -m immediate`
 * while students submit, and started again. The app process must live through it, answer 503 with
 * Retry-After meanwhile, be ready again within 2 s of the database's return, and store every
 * acknowledged submission exactly once. It needs a cluster of its own to stop, made with initdb on a free
 * port (as the postgres user when run as root), so it runs with `npm run test:pg` only.
 */
const BIN = process.env.YUXIN_PG_BIN ?? '/usr/lib/postgresql/15/bin';
const adminUrl = process.env.YUXIN_TEST_PG;
const runnable = adminUrl !== undefined && existsSync(join(BIN, 'initdb'));

describe.skipIf(!runnable)('a PostgreSQL restart under submit load', () => {
  let dir: string;
  let port: number;
  let handle: DatabaseHandle;
  let app: App;
  let members: CohortMember[];

  const root = process.getuid?.() === 0;
  function asPostgres(command: string) {
    return root
      ? execFileSync('su', ['postgres', '-c', command], { stdio: 'pipe' })
      : execFileSync('sh', ['-c', command], { stdio: 'pipe' });
  }
  const pgCtl = (args: string) => asPostgres(`${BIN}/pg_ctl -D ${dir}/data ${args}`);
  const startPg = () =>
    pgCtl(
      `-l ${dir}/log -w -o "-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=40" start`,
    );

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'yuxin-outage-'));
    if (root) {
      const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
      const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
      chownSync(dir, uid, gid);
    }
    port = await freePort();
    asPostgres(`${BIN}/initdb -D ${dir}/data -A trust -U postgres -E UTF8 --locale=C.UTF-8 --no-sync`);
    startPg();
    const url = `postgres://postgres@127.0.0.1:${port}/yuxin`;
    // The run's seeded template, copied over: the city without seeding it again.
    const seed = inject('yuxinSeed');
    if (seed?.engine !== 'postgres') throw new Error('the db project seeds a PostgreSQL template under test:pg');
    const from = new URL(adminUrl!);
    from.pathname = `/${seed.template}`;
    execFileSync(`${BIN}/createdb`, ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', 'yuxin']);
    execFileSync(
      'sh',
      ['-c', `${BIN}/pg_dump -Fc --no-owner --no-acl "$FROM" | ${BIN}/pg_restore --no-owner --no-acl -d "$TO"`],
      { env: { ...process.env, FROM: from.toString(), TO: url }, stdio: 'pipe' },
    );
    handle = await openDatabase({
      url,
      poolSize: 8,
      timeouts: { connectMs: 1_000, statementMs: 10_000, queryMs: 12_000 },
      onIdleConnectionError: () => undefined,
    });
    const config = { ...loadConfig({}), seedDemo: false, webDist: '/nonexistent', dataKey: TEST_DATA_KEY };
    app = await buildApp({ db: handle.db, config }, { logger: false });
    await app.ready();
    const f = await demoFixtures(handle.db);
    members = (await createCohort(handle.db, f.home, 150)).members;
  }, 90_000);

  afterAll(async () => {
    await app?.close();
    await handle?.close();
    if (dir) {
      try {
        pgCtl('-m immediate stop');
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('lives through it, answers 503 with Retry-After meanwhile, recovers, and loses or doubles nothing', async () => {
    const statuses = new Map<number, number>();
    const acknowledged = new Map<string, string>();
    let unavailableShape: { retryAfter?: string | string[]; type?: string; detail?: string } | undefined;
    const queue = [...members];

    async function submitUntilStored(m: CohortMember) {
      const submissionId = randomUUID();
      for (;;) {
        const res = await app.inject({
          method: 'POST',
          url: `/api/v1/my/screenings/${m.assignmentId}/submit`,
          headers: { cookie: m.cookie, 'x-csrf-token': m.csrf, 'accept-language': 'en' },
          payload: { submissionId, answers: CALM_ANSWERS, durationMs: 60_000 },
        });
        statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
        if (res.statusCode === 200) {
          acknowledged.set(m.assignmentId, submissionId);
          return;
        }
        if (res.statusCode !== 503) throw new Error(`unexpected ${res.statusCode}: ${res.body}`);
        unavailableShape ??= {
          retryAfter: res.headers['retry-after'],
          type: String(res.headers['content-type']),
          detail: res.json<{ detail: string }>().detail,
        };
        // A real client waits Retry-After; a short pause keeps the test quick.
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    const workers = Array.from({ length: 8 }, async () => {
      for (let m = queue.shift(); m; m = queue.shift()) await submitUntilStored(m);
    });

    // Stop the database once submissions are flowing.
    while (acknowledged.size < 20) await new Promise((r) => setTimeout(r, 20));
    pgCtl('-m immediate stop');
    await new Promise((r) => setTimeout(r, 800));
    expect((await app.inject({ url: '/api/health' })).statusCode).toBe(200);
    const notReady = await app.inject({ url: '/api/ready' });
    expect(notReady.statusCode).toBe(503);
    expect(notReady.headers['retry-after']).toBeDefined();
    const stalled = acknowledged.size;
    await new Promise((r) => setTimeout(r, 700));
    expect(acknowledged.size).toBe(stalled);

    startPg();
    const back = Date.now();
    let readyAfter = Infinity;
    while (Date.now() - back < 5_000) {
      if ((await app.inject({ url: '/api/ready' })).statusCode === 200) {
        readyAfter = Date.now() - back;
        break;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(readyAfter).toBeLessThan(2_000);

    await Promise.all(workers);
    expect([...statuses.keys()].sort()).toEqual([200, 503]);
    expect(unavailableShape?.retryAfter).toBe('2');
    expect(unavailableShape?.type).toMatch(/application\/problem\+json/);
    expect(unavailableShape?.detail).toMatch(/database cannot be reached/);
    expect(acknowledged.size).toBe(members.length);

    // Exactly once: one response set per assignment, under the id its acknowledgement named.
    const rows = await handle.db
      .selectFrom('screening_response')
      .select(['assignment_id', 'submission_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where(
        'assignment_id',
        'in',
        members.map((m) => m.assignmentId),
      )
      .groupBy(['assignment_id', 'submission_id'])
      .execute();
    expect(rows).toHaveLength(members.length);
    for (const r of rows) {
      expect(r.submission_id).toBe(acknowledged.get(r.assignment_id!));
      expect(Number(r.n)).toBe(SELF_REPORT.length);
    }
  }, 60_000);
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
