/**
 * `npm run cluster [-- --students 5000 --load-students 900 --concurrency 12 --keep]`: the deployment of deploy/
 * on one machine, in a scratch directory under /tmp, with Debian's engines: a PostgreSQL 15 primary and a
 * streaming replica made with pg_basebackup, PgBouncer in transaction mode, two app nodes (the built server)
 * behind HAProxy. Students sign in and submit through HAProxy while one app node is killed with SIGKILL;
 * then it prints PASS/FAIL for: every acknowledged submission stored exactly once, the balancer failed over,
 * the replica serves reports. Everything it started is stopped and the scratch directory removed, on
 * failure and Ctrl-C too. Exit code 1 on any FAIL. Runs as root (it starts PostgreSQL and PgBouncer as the
 * `postgres` user); not part of CI.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { chownSync, createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, createConnection } from 'node:net';
import { cpus, setPriority } from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { SESSION_COOKIE } from '../../packages/server/src/auth/sessions.js';
import { BENCH_INSTRUMENTS } from './campaign-seed.js';
import {
  checkLine,
  exactlyOnce,
  failedOver,
  longestGap,
  replicaServedReport,
  type Acked,
  type Check,
} from './cluster-checks.js';
import {
  parseHaproxyStat,
  renderHaproxy,
  renderPgbouncer,
  renderPgHba,
  renderPostgresConf,
  SERVED_BY_HEADER,
} from './cluster-config.js';
import { staffCookie } from './reports.js';
import { BENCH_PASSWORD, seedCity } from './seed-city.js';
import { SERVER_NODE_FLAGS, startNode, type RunningServer } from './server-process.js';
import { issueScreeningCodes } from './students.js';

const { values } = parseArgs({
  options: {
    students: { type: 'string', default: '5000' },
    'load-students': { type: 'string', default: '900' },
    concurrency: { type: 'string', default: '12' },
    seed: { type: 'string', default: '1' },
    keep: { type: 'boolean', default: false },
  },
});
const CITY = Number(values.students);
const LOAD_STUDENTS = Number(values['load-students']);
const CONCURRENCY = Number(values.concurrency);
/** The node is killed once this share of the load's students have their receipt. */
const KILL_AT_SHARE = 0.35;
/** One in four signs in with a password (argon2id, the costly path), the others with a screening code. */
const PASSWORD_SHARE = 0.25;
const LOAD_DEADLINE_MS = 180_000;
const PG_BIN = '/usr/lib/postgresql/15/bin';
const root = new URL('../../', import.meta.url).pathname;
const deploy = (f: string) => readFileSync(`${root}deploy/${f}`, 'utf8');
const started = Date.now();
const log = (s: string) => console.error(`[cluster ${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s] ${s}`);

if (process.getuid?.() !== 0) {
  console.error('npm run cluster runs as root: it starts PostgreSQL and PgBouncer as the postgres user.');
  process.exit(2);
}
for (const bin of [`${PG_BIN}/initdb`, '/usr/sbin/haproxy', '/usr/sbin/pgbouncer'])
  if (!existsSync(bin)) {
    console.error(`${bin} is missing: apt-get install -y postgresql-15 haproxy pgbouncer`);
    process.exit(2);
  }
if (!existsSync(`${root}packages/server/dist/main.js`)) {
  console.error('the server is not built: npm run build (npm run cluster builds it first)');
  process.exit(2);
}

// ── processes, and taking them all down again ─────────────────────────────────────────────────────────
const postgresUid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
const postgresGid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
const scratch = mkdtempSync('/tmp/yuxin-cluster-');
chownSync(scratch, postgresUid, postgresGid);
const children: Array<{ name: string; child: ChildProcess; stopSignal: NodeJS.Signals }> = [];
const nodes: RunningServer[] = [];

/** Everything here shares two cores with other people: the whole set runs at a lower priority. */
const gentle = (pid: number | undefined) => {
  if (pid)
    try {
      setPriority(pid, 10);
    } catch {
      // not fatal
    }
};
gentle(process.pid);

function run(name: string, cmd: string, args: string[], asPostgres: boolean, env: Record<string, string> = {}) {
  const out = createWriteStream(`${scratch}/${name}.out`);
  const child = spawn(cmd, args, {
    cwd: scratch,
    env: { ...process.env, ...env, ...(asPostgres ? { HOME: scratch, USER: 'postgres' } : {}) },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(asPostgres ? { uid: postgresUid, gid: postgresGid } : {}),
  });
  gentle(child.pid);
  child.stdout.pipe(out);
  child.stderr.pipe(out);
  return child;
}

/** A command that must finish (initdb, pg_basebackup); its output is shown when it fails. */
async function runToEnd(name: string, cmd: string, args: string[], env: Record<string, string> = {}) {
  const child = run(name, cmd, args, true, env);
  const code = await new Promise<number | null>((r) => child.once('exit', r));
  if (code !== 0) throw new Error(`${name} failed (${code}):\n${readFileSync(`${scratch}/${name}.out`, 'utf8')}`);
}

function daemon(name: string, cmd: string, args: string[], asPostgres: boolean, stopSignal: NodeJS.Signals) {
  const child = run(name, cmd, args, asPostgres);
  children.push({ name, child, stopSignal });
  return child;
}

let cleaning: Promise<void> | undefined;
function cleanUp(): Promise<void> {
  cleaning ??= (async () => {
    await Promise.all(nodes.map((n) => n.stop()));
    // HAProxy and PgBouncer before the databases; the replica before the primary it streams from.
    for (const c of [...children].reverse()) {
      if (c.child.exitCode !== null || c.child.signalCode !== null) continue;
      const exited = new Promise((r) => c.child.once('exit', r));
      c.child.kill(c.stopSignal);
      const timer = setTimeout(() => c.child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    }
    if (values.keep) log(`kept ${scratch}`);
    else rmSync(scratch, { recursive: true, force: true });
  })();
  return cleaning;
}
// The last word, whatever happened (an uncaught error included): nothing left running, no scratch left behind.
process.on('exit', () => {
  for (const n of nodes) if (n.process.exitCode === null && n.process.signalCode === null) n.process.kill('SIGKILL');
  for (const c of children) if (c.child.exitCode === null && c.child.signalCode === null) c.child.kill('SIGKILL');
  if (!values.keep) rmSync(scratch, { recursive: true, force: true });
});
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => {
    log(`${signal}: stopping everything`);
    void cleanUp().then(() => process.exit(130));
  });

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

async function waitFor<T>(
  what: string,
  ms: number,
  probe: () => Promise<T | undefined | false>,
  process?: { name: string; child: ChildProcess },
): Promise<T> {
  const until = Date.now() + ms;
  let last = '';
  for (;;) {
    if (process && process.child.exitCode !== null)
      throw new Error(
        `${process.name} exited (${process.child.exitCode}):\n${readFileSync(`${scratch}/${process.name}.out`, 'utf8')}`,
      );
    try {
      const v = await probe();
      if (v) return v;
    } catch (err) {
      last = (err as Error).message;
    }
    if (Date.now() > until) throw new Error(`${what}: not within ${ms / 1000} s${last ? ` (${last})` : ''}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function query<R extends pg.QueryResultRow>(url: string, text: string, params: unknown[] = []): Promise<R[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<R>(text, params)).rows;
  } finally {
    await c.end();
  }
}

function haproxyStat(socket: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = '';
    const conn = createConnection(socket, () => conn.end('show stat\n'));
    conn.on('data', (b) => (data += b.toString()));
    conn.on('end', () => resolve(data));
    conn.on('error', reject);
  });
}

// ── the run ────────────────────────────────────────────────────────────────────────────────────────────
const checks: Check[] = [];
const figures: string[] = [];
try {
  const ports = await Promise.all(Array.from({ length: 6 }, freePort));
  const [primaryPort, replicaPort, bouncerPort, node1Port, node2Port, haproxyPort] = ports as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const superPw = randomBytes(18).toString('base64url');
  const appPw = randomBytes(18).toString('base64url');
  const replPw = randomBytes(18).toString('base64url');
  const admin = (port: number, db = 'postgres') => `postgres://postgres:${superPw}@127.0.0.1:${port}/${db}`;
  log(
    `scratch ${scratch}; ports: primary ${primaryPort}, replica ${replicaPort}, PgBouncer ${bouncerPort}, nodes ${node1Port}/${node2Port}, HAProxy ${haproxyPort}`,
  );

  // Primary.
  writeFileSync(`${scratch}/pwfile`, superPw + '\n');
  chownSync(`${scratch}/pwfile`, postgresUid, postgresGid);
  const primaryDir = `${scratch}/primary`;
  await runToEnd('initdb', `${PG_BIN}/initdb`, [
    '-D',
    primaryDir,
    '-U',
    'postgres',
    `--pwfile=${scratch}/pwfile`,
    '--auth-local=peer',
    '--auth-host=scram-sha-256',
    '-E',
    'UTF8',
    '--locale=C.UTF-8',
  ]);
  writeFileSync(
    `${primaryDir}/postgresql.conf`,
    renderPostgresConf(
      readFileSync(`${primaryDir}/postgresql.conf`, 'utf8') + '\n' + deploy('postgresql-primary.conf'),
      { port: primaryPort, socketDir: scratch },
    ),
  );
  writeFileSync(
    `${primaryDir}/pg_hba.conf`,
    renderPgHba(deploy('pg_hba-primary.conf'), readFileSync(`${primaryDir}/pg_hba.conf`, 'utf8')),
  );
  const primary = daemon('primary', `${PG_BIN}/postgres`, ['-D', primaryDir], true, 'SIGINT');
  await waitFor('the primary accepts connections', 30_000, () => query(admin(primaryPort), 'select 1'), {
    name: 'primary',
    child: primary,
  });
  await query(admin(primaryPort), `create role replicator replication login password '${replPw}'`);
  // The app's roles as the main README's "On PostgreSQL" has them; the schema owner here is the superuser,
  // because the seed loads with session_replication_role = replica, which only a superuser may set.
  await query(admin(primaryPort), `create role yuxin_app nologin`);
  await query(admin(primaryPort), `create role yuxin_app_login login password '${appPw}' in role yuxin_app`);
  // PgBouncer drops the statement_timeout the app sends at connect (deploy/README.md, "PgBouncer").
  await query(admin(primaryPort), `alter role yuxin_app_login set statement_timeout = '60s'`);
  await query(admin(primaryPort), `select pg_create_physical_replication_slot('yuxin_replica')`);
  log('primary up');

  // Streaming replica, before the seed: the city reaches it by streaming, as everything after does.
  const replicaDir = `${scratch}/replica`;
  await runToEnd(
    'pg_basebackup',
    `${PG_BIN}/pg_basebackup`,
    [
      '-h',
      '127.0.0.1',
      '-p',
      String(primaryPort),
      '-U',
      'replicator',
      '-D',
      replicaDir,
      '-X',
      'stream',
      '-S',
      'yuxin_replica',
      '-R',
    ],
    { PGPASSWORD: replPw },
  );
  writeFileSync(
    `${replicaDir}/postgresql.conf`,
    renderPostgresConf(
      readFileSync(`${replicaDir}/postgresql.conf`, 'utf8') + '\n' + deploy('postgresql-replica.conf'),
      {
        port: replicaPort,
        socketDir: scratch,
      },
    ),
  );
  const replica = daemon('replica', `${PG_BIN}/postgres`, ['-D', replicaDir], true, 'SIGINT');
  await waitFor('the replica accepts connections', 30_000, () => query(admin(replicaPort), 'select 1'), {
    name: 'replica',
    child: replica,
  });
  await waitFor(
    'the replica streams',
    30_000,
    async () =>
      (await query<{ state: string }>(admin(primaryPort), `select state from pg_stat_replication`))[0]?.state ===
      'streaming',
  );
  log('replica streaming (pg_basebackup -X stream -S yuxin_replica -R)');

  // The city.
  const city = await seedCity({
    students: CITY,
    seed: Number(values.seed),
    url: admin(primaryPort, 'yuxin'),
    log: (s) => log(`seed: ${s.trim()}`),
  });

  // PgBouncer in transaction mode, as the postgres user (it refuses to run as root).
  const [verifier] = await query<{ rolpassword: string }>(
    admin(primaryPort),
    `select rolpassword from pg_authid where rolname = 'yuxin_app_login'`,
  );
  writeFileSync(`${scratch}/userlist.txt`, `"yuxin_app_login" "${verifier!.rolpassword}"\n`, { mode: 0o600 });
  chownSync(`${scratch}/userlist.txt`, postgresUid, postgresGid);
  writeFileSync(
    `${scratch}/pgbouncer.ini`,
    renderPgbouncer(deploy('pgbouncer.ini'), { port: bouncerPort, primaryPort, replicaPort, dir: scratch }),
  );
  const bouncer = daemon('pgbouncer', '/usr/sbin/pgbouncer', [`${scratch}/pgbouncer.ini`], true, 'SIGTERM');
  const viaBouncer = (db: string) => `postgres://yuxin_app_login:${appPw}@127.0.0.1:${bouncerPort}/${db}`;
  await waitFor('PgBouncer answers', 20_000, () => query(viaBouncer('yuxin'), 'select 1'), {
    name: 'pgbouncer',
    child: bouncer,
  });
  log('PgBouncer up (pool_mode = transaction)');

  // The load's students: pending assignments, some signing in with a password, the rest with a code.
  const adminPool = new pg.Pool({ connectionString: admin(primaryPort, 'yuxin'), max: 2 });
  // Its idle connections end when the primary stops (Ctrl-C, a failure): not an error of the run.
  adminPool.on('error', () => {});
  const { rows: pending } = await adminPool.query<{ username: string; assignment_id: string }>(
    `select u.username, a.id as assignment_id from screening_assignment a join user_account u on u.student_id = a.student_id
      where a.campaign_id = $1 and a.status = 'pending' and a.respondent = 'self' order by a.id limit $2`,
    [city.campaignId, LOAD_STUDENTS],
  );
  const byPassword = Math.round(pending.length * PASSWORD_SHARE);
  const codes = await issueScreeningCodes(
    adminPool,
    pending.slice(byPassword).map((p) => p.assignment_id),
  );
  type Student = { assignmentId: string; signIn: { path: string; body: object } };
  const students: Student[] = pending.map((p, i) => ({
    assignmentId: p.assignment_id,
    signIn:
      i < byPassword
        ? { path: '/api/v1/auth/login', body: { username: p.username, password: BENCH_PASSWORD } }
        : { path: '/api/v1/auth/screening-code', body: { code: codes[i - byPassword]! } },
  }));

  // Two app nodes, the built server, configured as deploy/yuxin.env.example and node-N.env.example.
  const dataKey = randomBytes(32).toString('base64');
  const nodeEnv = (id: string): Record<string, string> => ({
    NODE_ENV: 'production',
    YUXIN_SEED_DEMO: 'false',
    YUXIN_SECURE_COOKIES: 'true',
    LOG_LEVEL: 'warn',
    DATABASE_URL: viaBouncer('yuxin'),
    DATABASE_MIGRATION_URL: admin(primaryPort, 'yuxin'),
    DATABASE_REPLICA_URL: viaBouncer('yuxin_replica'),
    YUXIN_DB_PREPARED_STATEMENTS: 'false',
    YUXIN_DATA_KEY: dataKey,
    YUXIN_NODE_ID: id,
  });
  const nodeList = [
    { name: 'node1', port: node1Port },
    { name: 'node2', port: node2Port },
  ];
  nodes.push(
    ...(await Promise.all(
      nodeList.map((n) =>
        startNode(
          [...SERVER_NODE_FLAGS, `${root}packages/server/dist/main.js`],
          nodeEnv(`cluster-${n.name}`),
          n.port,
          '/api/ready',
        ),
      ),
    )),
  );
  for (const n of nodes) gentle(n.process.pid);
  log(`app nodes up on ${node1Port} and ${node2Port} (DATABASE_URL through PgBouncer, prepared statements off)`);

  // HAProxy, from deploy/haproxy.cfg.
  const statsSocket = `${scratch}/haproxy.sock`;
  writeFileSync(
    `${scratch}/haproxy.cfg`,
    renderHaproxy(deploy('haproxy.cfg'), { port: haproxyPort, nodes: nodeList, statsSocket, maxconn: 2000 }),
  );
  execFileSync('/usr/sbin/haproxy', ['-c', '-q', '-f', `${scratch}/haproxy.cfg`]);
  const haproxy = daemon('haproxy', '/usr/sbin/haproxy', ['-db', '-f', `${scratch}/haproxy.cfg`], false, 'SIGTERM');
  await waitFor(
    'HAProxy sees both nodes up',
    30_000,
    async () => {
      const st = parseHaproxyStat(await haproxyStat(statsSocket), 'yuxin');
      return nodeList.every((n) => st[n.name]?.status.startsWith('UP'));
    },
    { name: 'haproxy', child: haproxy },
  );
  const lb = `http://127.0.0.1:${haproxyPort}`;
  log(`HAProxy up on ${haproxyPort}, checking GET /api/ready on both nodes`);

  // ── the load, and the kill ──────────────────────────────────────────────────────────────────────────
  const acked: Acked[] = [];
  const retried = { network: 0, status: 0 };
  const otherErrors: string[] = [];
  const loadStart = performance.now();
  const now = () => performance.now() - loadStart;
  let killAt = -1;
  const killAfter = Math.ceil(students.length * KILL_AT_SHARE);
  const deadline = Date.now() + LOAD_DEADLINE_MS;

  /**
   * One request as the web client sends it: a connection error, a 502/503/504 or a timeout is waited out
   * (Retry-After when given, with jitter) and the same request sent again — for a submit, with the same
   * submissionId, so a receipt the killed node never delivered cannot become a second submission.
   */
  async function call(path: string, init: { method: string; headers?: Record<string, string>; body?: string }) {
    for (;;) {
      if (Date.now() > deadline) throw new Error('load deadline');
      try {
        const res = await fetch(lb + path, { ...init, signal: AbortSignal.timeout(30_000) });
        if ([502, 503, 504].includes(res.status)) {
          retried.status++;
          await res.arrayBuffer();
          const after = Number(res.headers.get('retry-after') ?? 0.2);
          await new Promise((r) => setTimeout(r, after * 1000 * (1 + Math.random())));
          continue;
        }
        return res;
      } catch {
        retried.network++;
        await new Promise((r) => setTimeout(r, 100 + 200 * Math.random()));
      }
    }
  }

  async function student(s: Student) {
    const signIn = await call(s.signIn.path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(s.signIn.body),
    });
    if (signIn.status !== 200) return void otherErrors.push(`sign-in ${signIn.status} ${await signIn.text()}`);
    const { csrfToken } = (await signIn.json()) as { csrfToken: string };
    const cookie = signIn.headers
      .getSetCookie()
      .find((c) => c.startsWith(`${SESSION_COOKIE}=`))!
      .split(';')[0]!;
    const q = await call(`/api/v1/my/screenings/${s.assignmentId}`, { method: 'GET', headers: { cookie } });
    await q.arrayBuffer();
    if (q.status !== 200) return void otherErrors.push(`questionnaire ${q.status}`);
    const submissionId = randomUUID();
    const body = JSON.stringify({
      submissionId,
      answers: { phqa: [0, 1, 0, 1, 0, 0, 1, 0, 0], gad7: [0, 1, 0, 1, 0, 1, 0], asq: [0, 0, 0, 0, null] },
      activeMs: 120_000,
    });
    const res = await call(`/api/v1/my/screenings/${s.assignmentId}/submit`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
      body,
    });
    const text = await res.text();
    if (res.status !== 200) return void otherErrors.push(`submit ${res.status} ${text.slice(0, 200)}`);
    acked.push({
      submissionId,
      assignmentId: s.assignmentId,
      at: now(),
      servedBy: res.headers.get(SERVED_BY_HEADER) ?? '?',
    });
    if (acked.length === killAfter && killAt < 0) {
      killAt = now();
      nodes[0]!.kill();
      log(`kill -9 node1 after ${acked.length} receipts (${(killAt / 1000).toFixed(1)} s into the load)`);
    }
  }

  log(
    `load: ${students.length} students (${byPassword} by password, ${students.length - byPassword} by screening code), ${CONCURRENCY} at a time, through HAProxy`,
  );
  const queue = [...students];
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let s = queue.shift(); s; s = queue.shift())
        await student(s).catch((e: Error) => void otherErrors.push(e.message));
    }),
  );
  const loadMs = now();
  log(
    `load done: ${acked.length} receipts in ${(loadMs / 1000).toFixed(1)} s; retries: ${retried.network} connection errors, ${retried.status} 502/503/504`,
  );

  // HAProxy marks a node down after `fall 2` checks `inter 2s` apart.
  const statuses = await waitFor('HAProxy marks node1 down', 15_000, async () => {
    const st = parseHaproxyStat(await haproxyStat(statsSocket), 'yuxin');
    return st.node1?.status.startsWith('DOWN') ? st : undefined;
  }).catch(async () => parseHaproxyStat(await haproxyStat(statsSocket), 'yuxin'));

  // ── checks ──────────────────────────────────────────────────────────────────────────────────────────
  const ids = acked.map((a) => a.submissionId);
  const assignmentIds = acked.map((a) => a.assignmentId);
  const { rows: stored } = await adminPool.query<{ submission_id: string; assignment_id: string; n: number }>(
    `select submission_id, min(assignment_id::text) as assignment_id, count(*)::int as n from screening_response
      where submission_id = any($1::uuid[]) group by submission_id`,
    [ids],
  );
  const { rows: perAssignment } = await adminPool.query<{ assignment_id: string; n: number }>(
    `select assignment_id, count(*)::int as n from screening_response where assignment_id = any($1::uuid[]) group by assignment_id`,
    [assignmentIds],
  );
  checks.push(exactlyOnce(acked, stored, perAssignment, BENCH_INSTRUMENTS.length));
  checks.push(
    failedOver({
      killed: 'node1',
      killAt,
      acked,
      students: students.length,
      statuses: Object.fromEntries(Object.entries(statuses).map(([n, v]) => [n, v.status])),
      graceMs: 6_000,
    }),
  );
  if (otherErrors.length)
    log(`errors other than retried ones (${otherErrors.length}): ${[...new Set(otherErrors)].slice(0, 5).join(' | ')}`);

  // The replica: a standby that has replayed everything, then reports read from it.
  const [{ lsn }] = (await adminPool.query<{ lsn: string }>(`select pg_current_wal_lsn()::text as lsn`)).rows as [
    { lsn: string },
  ];
  await waitFor(
    'the replica replays the load',
    30_000,
    async () =>
      (
        await query<{ ok: boolean }>(
          admin(replicaPort, 'yuxin'),
          `select pg_last_wal_replay_lsn() >= $1::pg_lsn as ok`,
          [lsn],
        )
      )[0]?.ok,
  );
  const [rep] = await query<{ in_recovery: boolean; replicated: number }>(
    admin(replicaPort, 'yuxin'),
    `select pg_is_in_recovery() as in_recovery,
            (select count(distinct submission_id)::int from screening_response where submission_id = any($1::uuid[])) as replicated`,
    [ids],
  );
  const scans = async () =>
    Number(
      (
        await query<{ n: string }>(
          admin(replicaPort, 'yuxin'),
          `select coalesce(sum(coalesce(seq_scan, 0) + coalesce(idx_scan, 0)), 0)::text as n from pg_stat_user_tables`,
        )
      )[0]!.n,
    );
  // Counters settle once the harness's own reads above are flushed; then only reports read there.
  await new Promise((r) => setTimeout(r, 1500));
  const scansBefore = await scans();
  // The report is read by the city's staff, who owe a second factor (staffCookie spends a recovery code).
  const cityCookie = await staffCookie(lb, 'bench-city', BENCH_PASSWORD, adminPool);
  let reportStatus = 0;
  const reportTimes: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const r = await call(`/api/v1/reports/campaigns/${city.campaignId}`, {
      method: 'GET',
      headers: { cookie: cityCookie },
    });
    await r.arrayBuffer();
    reportTimes.push(performance.now() - t0);
    reportStatus = r.status;
  }
  // Statistics reach the shared counters when a backend goes idle (at most ~10 s later in PostgreSQL 15).
  const scansAfter = await waitFor('report reads counted on the replica', 15_000, async () => {
    const n = await scans();
    return n > scansBefore ? n : undefined;
  }).catch(() => scansBefore);
  checks.push(
    replicaServedReport({
      inRecovery: rep!.in_recovery,
      reportStatus,
      scansBefore,
      scansAfter,
      replicated: rep!.replicated,
      acked: acked.length,
    }),
  );

  const gap = longestGap([killAt, ...acked.map((a) => a.at)].filter((t) => t >= 0));
  const servedBy = (from: number, to: number) => {
    const counts: Record<string, number> = {};
    for (const a of acked) if (a.at > from && a.at <= to) counts[a.servedBy] = (counts[a.servedBy] ?? 0) + 1;
    return Object.entries(counts)
      .map(([n, c]) => `${n} ${c}`)
      .join(', ');
  };
  figures.push(
    `city: ${city.students.toLocaleString()} students, ${city.schools} schools, seeded in ${city.seconds.toFixed(1)} s`,
    `load: ${acked.length}/${students.length} receipts in ${(loadMs / 1000).toFixed(1)} s (${(acked.length / (loadMs / 1000)).toFixed(0)}/s), ${CONCURRENCY} students at a time, ${byPassword} password and ${students.length - byPassword} screening-code sign-ins`,
    `receipts before the kill: ${servedBy(-1, killAt)}; after: ${servedBy(killAt, Infinity)}`,
    `kill -9 node1 at ${(killAt / 1000).toFixed(1)} s; the longest stretch without a receipt in the whole load ${(gap.ms / 1000).toFixed(1)} s (from ${(gap.from / 1000).toFixed(1)} s)`,
    `requests HAProxy sent again after a node failed them: ${Object.entries(statuses)
      .map(([n, v]) => `${n} ${v.retries} retried, ${v.redispatches} redispatched`)
      .join('; ')}`,
    `client retries: ${retried.network} connection errors, ${retried.status} 502/503/504 answers; ${otherErrors.length} other errors`,
    `reports through HAProxy on the replica: ${reportTimes.map((t) => `${t.toFixed(0)} ms`).join(', ')}`,
    `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}; whole run ${((Date.now() - started) / 1000).toFixed(0)} s`,
  );
  await adminPool.end();
} catch (err) {
  checks.push({ name: 'the cluster ran', ok: false, detail: (err as Error).stack ?? String(err) });
} finally {
  log('stopping everything');
  await cleanUp();
}

console.log(`\nnpm run cluster — ${new Date().toISOString()}`);
for (const f of figures) console.log(`  ${f}`);
console.log('');
for (const c of checks) console.log(checkLine(c));
const failed = checks.length === 0 || checks.some((c) => !c.ok);
process.exit(failed ? 1 : 0);
