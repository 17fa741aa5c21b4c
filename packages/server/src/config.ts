import { availableParallelism, hostname } from 'node:os';
import { resolve } from 'node:path';

export interface Config {
  port: number;
  /**
   * The address to listen on (HOST). The demo city prints its password, so it answers this machine only
   * unless HOST says otherwise; a real city, without the demo, listens on every interface by default.
   */
  host: string;
  /** The app's connection (DATABASE_URL): on PostgreSQL a member of yuxin_app, which only reads and writes rows. */
  databaseUrl: string | undefined;
  /**
   * The owner's connection, used only to run migrations (DATABASE_MIGRATION_URL); the same as databaseUrl
   * when unset, for a single-role installation.
   */
  databaseMigrationUrl: string | undefined;
  /**
   * A streaming replica (DATABASE_REPLICA_URL), read by screening reports and compliance reports and their
   * exports: the heaviest reads move off the primary that takes the submissions. Unset, they read the
   * primary. The fold that keeps the report cells current writes, so it stays on the primary; reports may
   * then lag the primary by the replica's replay delay (normally well under a second).
   */
  databaseReplicaUrl: string | undefined;
  /**
   * Whether parameterised statements are sent as named prepared statements (YUXIN_DB_PREPARED_STATEMENTS,
   * true by default; see db/prepared-pool.ts). Set false behind PgBouncer in transaction mode before 1.21:
   * there a connection's next transaction may run on another server connection that never saw the
   * statement prepared.
   */
  databasePreparedStatements: boolean;
  /**
   * Connections each pool of this node keeps to PostgreSQL, the primary's and the replica's
   * (YUXIN_DB_POOL_SIZE, 20 by default). More connections than the database has cores to run them queue
   * on its WAL and locks instead of in the node; behind PgBouncer this is the node's share of its clients.
   */
  databasePoolSize: number;
  dataDir: string;
  production: boolean;
  /** Idle and absolute session lifetimes. */
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  /**
   * Growing delays after failed sign-ins, per submitted username and client address: this many free
   * failures, then 1 s, 2 s, 4 s … up to the cap. A stranger elsewhere never delays the owner.
   */
  signInFreeFailures: number;
  signInMaxDelaySeconds: number;
  /** Wrong second-factor codes per account before the same growing delays apply to codes. */
  twoFactorFreeFailures: number;
  /** Failed sign-ins one client address may make per window: high, since a school shares one NAT address. */
  clientFailureLimit: number;
  clientWindowMinutes: number;
  seedDemo: boolean;
  demoPassword: string | undefined;
  webDist: string;
  logLevel: string;
  /**
   * Whether /api/docs (OpenAPI document and UI) is open to anyone (YUXIN_API_DOCS=public) or only to
   * signed-in people (YUXIN_API_DOCS=signed-in). Signed-in by default when NODE_ENV=production.
   */
  apiDocsPublic: boolean;
  bodyLimitBytes: number;
  uploadLimitBytes: number;
  /** Secure cookies need HTTPS; a city deployment sets this behind its TLS terminator. */
  secureCookies: boolean;
  /** Base64 32-byte key encrypting free-text notes at rest (YUXIN_DATA_KEY); see crypto/keys.ts. */
  dataKey: string | undefined;
  /** Earlier keys, still read after a rotation (YUXIN_DATA_KEYS_PREVIOUS, comma-separated). */
  previousDataKeys: string[];
  /**
   * PostgreSQL limits, in ms (0 = none): a connect gives up after connectMs (YUXIN_DB_CONNECT_TIMEOUT_MS),
   * the server cancels a statement after statementMs (YUXIN_DB_STATEMENT_TIMEOUT_MS), the client stops
   * waiting for an answer after queryMs (YUXIN_DB_QUERY_TIMEOUT_MS). Migrations run without them.
   */
  databaseTimeouts: { connectMs: number; statementMs: number; queryMs: number };
  /**
   * The embedded database without fsync (YUXIN_EMBEDDED_UNSAFE_NO_FSYNC=true): faster, and a power cut or
   * OS crash may lose answers already acknowledged. For throw-away demos and tests only.
   */
  embeddedUnsafeNoFsync: boolean;
  /**
   * This app node's name, stable across its restarts (YUXIN_NODE_ID; the host name and port by default):
   * at start the node fails the jobs its earlier process left running.
   */
  nodeId: string;
  /**
   * HTTP limits, in ms: all headers of a request must arrive within headersMs (slow-header clients), the
   * whole request within requestMs, a socket may sit silent for idleMs, a kept-alive connection waits
   * keepAliveMs for its next request, and a graceful shutdown closes whatever is still open after
   * shutdownMs.
   */
  httpTimeouts: { headersMs: number; requestMs: number; idleMs: number; keepAliveMs: number; shutdownMs: number };
  /**
   * Admission control (http/admission.ts): API requests worked on at once (YUXIN_MAX_IN_FLIGHT, 0 = no cap),
   * the event-loop delay in ms above which new ones are turned away (YUXIN_MAX_EVENT_LOOP_DELAY_MS, 0 = off),
   * and the Retry-After of the 503 they get (YUXIN_BUSY_RETRY_AFTER_SECONDS).
   */
  admission: {
    maxInFlight: number;
    maxSignInsInFlight: number;
    maxEventLoopDelayMs: number;
    retryAfterSeconds: number;
  };
}

function int(name: string, fallback: number, env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return n;
}

function positive(name: string, fallback: number, env: NodeJS.ProcessEnv): number {
  const n = int(name, fallback, env);
  if (n < 1) throw new Error(`${name} must be at least 1, got "${env[name]}"`);
  return n;
}

function bool(name: string, fallback: boolean, env: NodeJS.ProcessEnv): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  throw new Error(`${name} must be "true" or "false", got "${raw}"`);
}

function apiDocs(raw: string | undefined, production: boolean): boolean {
  if (raw === undefined || raw === '') return !production;
  if (raw === 'public') return true;
  if (raw === 'signed-in') return false;
  throw new Error(`YUXIN_API_DOCS must be "public" or "signed-in", got "${raw}"`);
}

export function loadConfig(env = process.env): Config {
  const production = env.NODE_ENV === 'production';
  return {
    port: int('PORT', 8080),
    host: env.HOST || (env.YUXIN_SEED_DEMO !== 'false' ? '127.0.0.1' : '0.0.0.0'),
    databaseUrl: env.DATABASE_URL || undefined,
    databaseMigrationUrl: env.DATABASE_MIGRATION_URL || env.DATABASE_URL || undefined,
    databaseReplicaUrl: env.DATABASE_REPLICA_URL || undefined,
    databasePreparedStatements: bool('YUXIN_DB_PREPARED_STATEMENTS', true, env),
    databasePoolSize: positive('YUXIN_DB_POOL_SIZE', 20, env),
    dataDir: resolve(env.YUXIN_DATA_DIR ?? './data'),
    production,
    sessionIdleMinutes: int('YUXIN_SESSION_IDLE_MINUTES', 30),
    sessionAbsoluteHours: int('YUXIN_SESSION_ABSOLUTE_HOURS', 12),
    signInFreeFailures: int('YUXIN_SIGNIN_FREE_FAILURES', 5),
    signInMaxDelaySeconds: int('YUXIN_SIGNIN_MAX_DELAY_SECONDS', 900),
    twoFactorFreeFailures: int('YUXIN_TWO_FACTOR_FREE_FAILURES', 5),
    clientFailureLimit: int('YUXIN_CLIENT_FAILURE_LIMIT', 200),
    clientWindowMinutes: int('YUXIN_CLIENT_WINDOW_MINUTES', 10),
    seedDemo: env.YUXIN_SEED_DEMO !== 'false',
    demoPassword: env.YUXIN_DEMO_PASSWORD || undefined,
    webDist: resolve(env.YUXIN_WEB_DIST ?? new URL('../../web/dist', import.meta.url).pathname),
    logLevel: env.LOG_LEVEL ?? 'info',
    apiDocsPublic: apiDocs(env.YUXIN_API_DOCS, production),
    bodyLimitBytes: int('YUXIN_BODY_LIMIT_BYTES', 1024 * 1024),
    uploadLimitBytes: int('YUXIN_UPLOAD_LIMIT_BYTES', 20 * 1024 * 1024),
    secureCookies: env.YUXIN_SECURE_COOKIES === 'true',
    dataKey: env.YUXIN_DATA_KEY || undefined,
    previousDataKeys: (env.YUXIN_DATA_KEYS_PREVIOUS ?? '')
      .split(',')
      .map((k) => k.trim())
      .filter(Boolean),
    databaseTimeouts: {
      connectMs: int('YUXIN_DB_CONNECT_TIMEOUT_MS', 5_000, env),
      statementMs: int('YUXIN_DB_STATEMENT_TIMEOUT_MS', 60_000, env),
      queryMs: int('YUXIN_DB_QUERY_TIMEOUT_MS', 65_000, env),
    },
    embeddedUnsafeNoFsync: env.YUXIN_EMBEDDED_UNSAFE_NO_FSYNC === 'true',
    nodeId: env.YUXIN_NODE_ID || `${hostname()}:${int('PORT', 8080, env)}`,
    httpTimeouts: {
      headersMs: Math.max(1, int('YUXIN_HEADERS_TIMEOUT_MS', 15_000, env)),
      // Long enough for the largest upload over a slow school line (20 MiB at 1 Mbit/s is under 3 minutes).
      requestMs: Math.max(1, int('YUXIN_REQUEST_TIMEOUT_MS', 300_000, env)),
      idleMs: int('YUXIN_IDLE_TIMEOUT_MS', 60_000, env),
      // Longer than the 60 s idle timeout of common proxies and load balancers, so they close first.
      keepAliveMs: int('YUXIN_KEEP_ALIVE_TIMEOUT_MS', 65_000, env),
      shutdownMs: int('YUXIN_SHUTDOWN_TIMEOUT_MS', 10_000, env),
    },
    admission: {
      // About five requests per connection of the default 20-connection pool: enough to keep it busy, few enough that
      // an admitted request is answered well within a second (bench: waiting room).
      maxInFlight: int('YUXIN_MAX_IN_FLIGHT', 96, env),
      // Password sign-ins (argon2id, ~10 ms of CPU each): four per core keep the hashing threads busy and
      // an admitted sign-in answered in a fraction of a second (YUXIN_MAX_SIGN_INS_IN_FLIGHT).
      maxSignInsInFlight: int('YUXIN_MAX_SIGN_INS_IN_FLIGHT', 4 * availableParallelism(), env),
      // Off by default on the embedded database, which runs on this event loop: one long query there is the
      // database working, not the node being saturated.
      maxEventLoopDelayMs: int('YUXIN_MAX_EVENT_LOOP_DELAY_MS', env.DATABASE_URL ? 500 : 0, env),
      retryAfterSeconds: Math.max(1, int('YUXIN_BUSY_RETRY_AFTER_SECONDS', 2, env)),
    },
  };
}
