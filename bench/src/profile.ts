/**
 * `npm run bench:profile -- [--step submit|flow|signin|code] [--connections 50] [--duration 5] [--calm]`: one load step
 * against the city `npm run bench` last seeded (bench/out/city.json), then the statements PostgreSQL spent
 * its time on, per operation. Needs `pg_stat_statements` in `shared_preload_libraries` (set
 * `pg_stat_statements.track = 'all'` to see inside triggers); without it only the rate is printed.
 * For finding what to make cheaper, not for the figures the targets are judged on (`npm run bench`).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Request } from 'autocannon';
import pg from 'pg';
import { answerMix } from './answers.js';
import { cpuBetween, cpuSnapshot } from './cpu.js';
import { runLoad } from './load.js';
import { BENCH_PASSWORD } from './seed-city.js';
import { describeHugePages, postgresHugePages } from './huge-pages.js';
import { autovacuumIsOff, vacuumRewrittenTables } from './vacuum.js';
import { SERVER_NODE_FLAGS, ADMISSION_OFF, startNode } from './server-process.js';
import { screeningCodes, signInUsernames, studentsWithSessions } from './students.js';

const { values } = parseArgs({
  options: {
    step: { type: 'string', default: 'submit' },
    connections: { type: 'string', default: '50' },
    duration: { type: 'string', default: '5' },
    top: { type: 'string', default: '25' },
    /** Also write a V8 CPU profile of the server to bench/out/prof/ and print where its time went. */
    'cpu-prof': { type: 'boolean', default: false },
    /** Every submit calm (no tier to review, no alert), instead of the bench's mix. */
    calm: { type: 'boolean', default: false },
  },
});
const step = values.step;
if (!['submit', 'flow', 'signin', 'code'].includes(step))
  throw new Error('--step must be submit, flow, signin or code');
const connections = Number(values.connections);
const duration = Number(values.duration);
const city = JSON.parse(readFileSync(new URL('../out/city.json', import.meta.url), 'utf8')) as {
  url: string;
  campaignId: string;
};
const root = new URL('../../', import.meta.url).pathname;
const pool = new pg.Pool({ connectionString: city.url, max: 2 });
const log = (s: string) => console.error(`[profile] ${s}`);

const signingIn = step === 'signin' || step === 'code';
const students = signingIn ? [] : await studentsWithSessions(pool, city.campaignId, duration * 2000);
const usernames = step === 'signin' ? await signInUsernames(pool, city.campaignId, 5000) : [];
const codes = step === 'code' ? await screeningCodes(pool, city.campaignId, 20_000) : [];
if (!signingIn && students.length === 0) throw new Error('no open assignments left: seed again with `npm run bench`');
const nextAnswers = answerMix(values.calm);
const json = (s: { cookie: string; csrf: string }) => ({
  'content-type': 'application/json',
  cookie: s.cookie,
  'x-csrf-token': s.csrf,
});

type Ctx = { s?: (typeof students)[number] };
const submit: Request = {
  method: 'POST',
  setupRequest: (req: Request, ctx: Ctx) => {
    if (step === 'submit') ctx.s = students.pop();
    const s = ctx.s;
    if (!s) return { ...req, method: 'GET', path: '/api/health' };
    return {
      ...req,
      path: `/api/v1/my/screenings/${s.assignmentId}/submit`,
      headers: json(s),
      body: JSON.stringify({ submissionId: randomUUID(), answers: nextAnswers(), durationMs: 120_000 }),
    };
  },
};
let codeTurn = 0;
const requests: Request[] =
  step === 'code'
    ? [
        {
          method: 'POST',
          path: '/api/v1/auth/screening-code',
          headers: { 'content-type': 'application/json' },
          setupRequest: (req) => ({ ...req, body: JSON.stringify({ code: codes[codeTurn++ % codes.length] }) }),
        },
      ]
    : step === 'signin'
      ? [
          {
            method: 'POST',
            path: '/api/v1/auth/login',
            headers: { 'content-type': 'application/json' },
            setupRequest: (req) => ({
              ...req,
              body: JSON.stringify({
                username: usernames[Math.floor(Math.random() * usernames.length)],
                password: BENCH_PASSWORD,
              }),
            }),
          },
        ]
      : step === 'flow'
        ? [
            {
              method: 'GET',
              setupRequest: (req: Request, ctx: Ctx) => (
                (ctx.s = students.pop()),
                ctx.s
                  ? { ...req, path: `/api/v1/my/screenings/${ctx.s.assignmentId}`, headers: { cookie: ctx.s.cookie } }
                  : { ...req, path: '/api/health' }
              ),
            },
            {
              method: 'PUT',
              setupRequest: (req: Request, ctx: Ctx) =>
                ctx.s
                  ? {
                      ...req,
                      path: `/api/v1/my/screenings/${ctx.s.assignmentId}/draft`,
                      headers: json(ctx.s),
                      body: JSON.stringify({
                        answers: { phqa: [0, 1, 0, 1] },
                        position: { instrument: 'phqa', item: 4 },
                      }),
                    }
                  : { ...req, method: 'GET', path: '/api/health' },
            },
            submit,
          ]
        : [submit];

const profDir = new URL('../out/prof/', import.meta.url).pathname;
const nodeFlags = values['cpu-prof'] ? ['--cpu-prof', '--cpu-prof-dir', profDir] : [];
const server = await startNode(
  [...SERVER_NODE_FLAGS, ...nodeFlags, `${root}packages/server/dist/main.js`],
  {
    ...ADMISSION_OFF,
    NODE_ENV: 'production',
    DATABASE_URL: city.url,
    YUXIN_SEED_DEMO: 'false',
    LOG_LEVEL: 'warn',
    YUXIN_DATA_KEY: randomBytes(32).toString('base64'),
  },
  18_090,
  '/api/ready',
);
const statsAvailable = await pool
  .query('create extension if not exists pg_stat_statements')
  .then(() => pool.query('select pg_stat_statements_reset()'))
  .then(
    () => true,
    () => false,
  );
log(describeHugePages(await postgresHugePages(pool)));
if (await autovacuumIsOff(pool)) {
  log('autovacuum is off on this PostgreSQL: vacuuming the rewritten tables first');
  await vacuumRewrittenTables(pool);
}
const before = cpuSnapshot(server.process.pid);
const walBefore = await walSnapshot();
const result = await runLoad({ url: server.url, connections, seconds: duration, requests });
await new Promise((r) => setTimeout(r, 1000));
const cpu = cpuBetween(before, cpuSnapshot(server.process.pid));
const walAfter = await walSnapshot();
await server.stop();
const ops = step === 'flow' ? Math.round(result.requests / 3) : result.requests;
log(
  `${step} @${connections}: ${(ops / result.seconds).toFixed(0)} ops/s · p50 ${result.p50} ms · p99 ${result.p99} ms · ${result.errors} errors`,
);
log(
  `CPU per op: server ${((1000 * cpu.server) / ops).toFixed(2)} ms · PostgreSQL ${((1000 * cpu.postgres) / ops).toFixed(2)} ms`,
);
log(
  `WAL per op: ${((walAfter.records - walBefore.records) / ops).toFixed(1)} records · ` +
    `${((walAfter.fpi - walBefore.fpi) / ops).toFixed(2)} full-page images · ` +
    `${((walAfter.bytes - walBefore.bytes) / ops / 1024).toFixed(1)} KiB (wal_compression ${walAfter.compression})`,
);
if (statsAvailable) {
  const { rows } = await pool.query<{ calls: string; plan: number; exec: number; query: string }>(
    `select calls, total_plan_time as plan, total_exec_time as exec, regexp_replace(query, '\\s+', ' ', 'g') as query
       from pg_stat_statements where dbid = (select oid from pg_database where datname = current_database())
      order by total_plan_time + total_exec_time desc limit $1`,
    [Number(values.top)],
  );
  console.log('calls/op  plan ms/op  exec ms/op  statement');
  for (const r of rows)
    console.log(
      `${(Number(r.calls) / ops).toFixed(2).padStart(8)}  ${(r.plan / ops).toFixed(3).padStart(10)}  ${(r.exec / ops).toFixed(3).padStart(10)}  ${r.query.slice(0, 150)}`,
    );
} else {
  log('pg_stat_statements is not loaded: only the rate is shown');
}
if (values['cpu-prof']) printCpuProfile(profDir, ops, Number(values.top));
await pool.end();

/**
 * The whole cluster's WAL so far (pg_stat_wal): with nothing else writing, what the step wrote. Full-page
 * images are the first change to a page after a checkpoint; keys scattered over an index pay them per row.
 */
async function walSnapshot() {
  const { rows } = await pool.query<{ records: string; fpi: string; bytes: string; compression: string }>(
    `select wal_records as records, wal_fpi as fpi, wal_bytes as bytes, current_setting('wal_compression') as compression
       from pg_stat_wal`,
  );
  const r = rows[0]!;
  return { records: Number(r.records), fpi: Number(r.fpi), bytes: Number(r.bytes), compression: r.compression };
}

/** Self time of the server's functions per operation, heaviest first, from the newest profile. */
function printCpuProfile(dir: string, ops: number, top: number) {
  const file = readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => join(dir, f))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
  if (!file) return log('no CPU profile written');
  const prof = JSON.parse(readFileSync(file, 'utf8')) as {
    nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number } }>;
    samples: number[];
    timeDeltas: number[];
  };
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  prof.samples.forEach((id, i) => {
    const f = byId.get(id)!.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/packages\//, '')}:${f.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (prof.timeDeltas[i] ?? 0));
  });
  console.log(`\nserver self time per op (${file})`);
  for (const [k, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top))
    console.log(`${(us / 1000 / ops).toFixed(3).padStart(8)} ms  ${k}`);
}
