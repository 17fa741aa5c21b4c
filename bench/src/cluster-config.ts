/**
 * The configs `npm run cluster` runs with, rendered from the files in deploy/ a city starts from: what the
 * cluster run passes or fails is the shipped HAProxy, PgBouncer and PostgreSQL settings, changed only where a
 * scratch directory on one machine has to differ (addresses, ports, paths, no TLS certificate). A deploy file
 * that no longer has a line this relies on makes the rendering throw rather than quietly test something else.
 */

export interface HaproxyScratch {
  /** The frontend's plain-HTTP port on 127.0.0.1 (the scratch run has no certificate for :443). */
  port: number;
  /** The app nodes, by server name. */
  nodes: Array<{ name: string; port: number }>;
  /** Admin socket the run reads server states from (`show stat`). */
  statsSocket: string;
  /** The global maxconn: a scratch run needs few, and HAProxy wants two descriptors per connection. */
  maxconn: number;
}

/** The header naming the app node that answered, so the run can tell which node served each receipt. */
export const SERVED_BY_HEADER = 'x-yuxin-served-by';

const must = (ok: boolean, what: string) => {
  if (!ok) throw new Error(`deploy file changed: ${what} not found`);
};

export function renderHaproxy(template: string, s: HaproxyScratch): string {
  const lines = template.split('\n');
  const out: string[] = [];
  let section = '';
  let sawBind = false;
  let sawBackend = false;
  let sawCheck = false;
  for (const line of lines) {
    const t = line.trim();
    if (/^\S/.test(line) && t && !t.startsWith('#')) section = t.split(/\s+/)[0]!;
    if (section === 'global' && /^log\s/.test(t)) {
      // No syslog in a scratch run: the log goes to the process's output, kept in the scratch directory.
      out.push('    log stdout format raw local0');
      continue;
    }
    if (section === 'global' && /^maxconn\s/.test(t)) {
      out.push(`    maxconn ${s.maxconn}`);
      continue;
    }
    if (section === 'frontend' && /^bind\s.*\bssl\b/.test(t)) continue;
    if (section === 'frontend' && /^http-request redirect scheme https/.test(t)) continue;
    if (section === 'frontend' && /^bind\s/.test(t)) {
      out.push(`    bind 127.0.0.1:${s.port}`);
      sawBind = true;
      continue;
    }
    if (section === 'backend' && (/^server\s/.test(t) || /^#\s*More nodes/.test(t))) continue;
    if (section === 'backend' && /^option httpchk GET \/api\/ready/.test(t)) sawCheck = true;
    out.push(line);
    if (t === 'global') out.push(`    stats socket ${s.statsSocket} mode 600 level admin`);
    if (/^backend\s/.test(t)) sawBackend = true;
  }
  must(sawBind, 'a plain `bind` line in the frontend');
  must(sawBackend && sawCheck, 'the backend with `option httpchk GET /api/ready`');
  while (out.length && out.at(-1)!.trim() === '') out.pop();
  out.push(`    http-response set-header ${SERVED_BY_HEADER} %s`);
  for (const n of s.nodes) out.push(`    server ${n.name} 127.0.0.1:${n.port} check`);
  return out.join('\n') + '\n';
}

export interface PgbouncerScratch {
  port: number;
  primaryPort: number;
  replicaPort: number;
  dir: string;
}

export function renderPgbouncer(template: string, s: PgbouncerScratch): string {
  const set: Record<string, string> = {
    listen_addr: '127.0.0.1',
    listen_port: String(s.port),
    auth_file: `${s.dir}/userlist.txt`,
    logfile: `${s.dir}/pgbouncer.log`,
    pidfile: `${s.dir}/pgbouncer.pid`,
    unix_socket_dir: s.dir,
  };
  const dbs: Record<string, number> = { yuxin: s.primaryPort, yuxin_replica: s.replicaPort };
  const seen = new Set<string>();
  let section = '';
  const out: string[] = [];
  for (const line of template.split('\n')) {
    const t = line.trim();
    const head = /^\[(\w+)\]$/.exec(t);
    if (head) {
      if (section === 'pgbouncer') for (const k of Object.keys(set)) if (!seen.has(k)) out.push(`${k} = ${set[k]}`);
      section = head[1]!;
      out.push(line);
      continue;
    }
    const kv = /^(\w+)\s*=\s*(.*)$/.exec(t);
    if (kv && section === 'databases' && kv[1]! in dbs) {
      const dbname = /dbname=(\w+)/.exec(kv[2]!)?.[1];
      must(dbname !== undefined, `dbname of [databases] ${kv[1]}`);
      out.push(`${kv[1]} = host=127.0.0.1 port=${dbs[kv[1]!]} dbname=${dbname}`);
      seen.add(`db:${kv[1]}`);
      continue;
    }
    if (kv && section === 'pgbouncer' && kv[1]! in set) {
      out.push(`${kv[1]} = ${set[kv[1]!]}`);
      seen.add(kv[1]!);
      continue;
    }
    out.push(line);
  }
  if (section === 'pgbouncer') {
    while (out.length && out.at(-1)!.trim() === '') out.pop();
    for (const k of Object.keys(set)) if (!seen.has(k)) out.push(`${k} = ${set[k]}`);
  }
  for (const db of Object.keys(dbs)) must(seen.has(`db:${db}`), `[databases] ${db}`);
  must(/^pool_mode\s*=\s*transaction$/m.test(template), 'pool_mode = transaction');
  return out.join('\n') + '\n';
}

/** The deploy settings, then what a scratch cluster changes (later lines win in postgresql.conf). */
export function renderPostgresConf(template: string, s: { port: number; socketDir: string }): string {
  return (
    `${template.trimEnd()}\n\n# npm run cluster: one machine, a scratch directory\n` +
    `listen_addresses = '127.0.0.1'\nport = ${s.port}\nunix_socket_directories = '${s.socketDir}'\n` +
    // A few thousand students make little WAL; the deploy value only caps what is kept.
    `wal_keep_size = 64MB\n` +
    // The deploy's memory figures are for a database host of its own; here a primary and its replica share the
    // machine with the app nodes and the load.
    `shared_buffers = 256MB\neffective_cache_size = 1GB\nmaintenance_work_mem = 128MB\n` +
    `max_wal_size = 2GB\nmin_wal_size = 256MB\n`
  );
}

/**
 * The deploy's pg_hba lines for 127.0.0.1 without TLS (a scratch run has no certificate), placed before
 * initdb's defaults so they are the ones that match.
 */
export function renderPgHba(template: string, initdbDefault: string): string {
  const rules = template
    .split('\n')
    .filter((l) => /^hostssl\s/.test(l.trim()))
    .map((l) => {
      const [, db, user, , method] = l.trim().split(/\s+/);
      return `host ${db} ${user} 127.0.0.1/32 ${method}`;
    });
  must(
    rules.some((r) => r.startsWith('host replication replicator ')),
    'the replication line of pg_hba',
  );
  return `# deploy/pg_hba-primary.conf on 127.0.0.1\n${rules.join('\n')}\n\n${initdbDefault}`;
}

export interface ServerStat {
  status: string;
  /** Requests HAProxy sent again after this server failed them (wretr), and sent to another server (wredis). */
  retries: number;
  redispatches: number;
}

/** The `show stat` CSV of HAProxy's admin socket: each server of a backend with its status (UP, DOWN, …). */
export function parseHaproxyStat(csv: string, backend: string): Record<string, ServerStat> {
  const lines = csv.split('\n').filter((l) => l.trim() !== '');
  const header = lines[0]?.replace(/^#\s*/, '').split(',') ?? [];
  const col = (name: string) => header.indexOf(name);
  const [px, sv, st, wretr, wredis] = [col('pxname'), col('svname'), col('status'), col('wretr'), col('wredis')];
  if (px < 0 || sv < 0 || st < 0) throw new Error('not a `show stat` answer');
  const out: Record<string, ServerStat> = {};
  for (const l of lines.slice(1)) {
    const f = l.split(',');
    if (f[px] === backend && f[sv] !== 'BACKEND' && f[sv] !== 'FRONTEND')
      out[f[sv]!] = { status: f[st]!, retries: Number(f[wretr] || 0), redispatches: Number(f[wredis] || 0) };
  }
  return out;
}
