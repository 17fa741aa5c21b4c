import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { loadKeyRing } from './crypto/keys.js';
import { openDatabase } from './db/connect.js';
import { migrate, MigrationChangedError } from './db/migrate.js';
import { waitForDatabase } from './db/wait.js';
import { closeWithin } from './http/shutdown.js';
import { ensureDemoCity } from './seed/demo.js';
import { syncBuiltinInstruments } from './screening/instrument-store.js';

const config = loadConfig();
try {
  // Checked before anything else so a missing data key stops the start with one clear line.
  loadKeyRing(config);
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}
const handle = await openDatabase({
  url: config.databaseUrl,
  dataDir: config.databaseUrl ? undefined : config.dataDir,
  timeouts: config.databaseTimeouts,
  unsafeNoFsync: config.embeddedUnsafeNoFsync,
  replicaUrl: config.databaseReplicaUrl,
  preparedStatements: config.databasePreparedStatements,
  poolSize: config.databasePoolSize,
});
if (!config.databaseUrl && config.embeddedUnsafeNoFsync)
  console.error(
    'YUXIN_EMBEDDED_UNSAFE_NO_FSYNC=true: the embedded database does not fsync; a power cut may lose acknowledged answers.',
  );
// Migrations run as the owner of the schema; the app itself connects as a role that only reads and writes
// rows (README, "On PostgreSQL"). Without DATABASE_MIGRATION_URL both are the one DATABASE_URL. On
// PostgreSQL they get a connection of their own without statement timeouts: a migration may rightly run
// long, and waiting for another node's migration lock is not a hang.
const separateOwner = config.databaseUrl !== undefined;
const owner = separateOwner
  ? await openDatabase({
      url: config.databaseMigrationUrl,
      poolSize: 1,
      timeouts: { connectMs: config.databaseTimeouts.connectMs, statementMs: 0, queryMs: 0 },
      preparedStatements: config.databasePreparedStatements,
    })
  : handle;
let applied: number[];
try {
  if (separateOwner) await waitForDatabase(owner.db, (line) => console.error(line));
  applied = await migrate(owner.db);
} catch (err) {
  if (!(err instanceof MigrationChangedError)) throw err;
  console.error(err.message);
  await handle.close();
  process.exit(1);
} finally {
  if (separateOwner) await owner.close();
}
await syncBuiltinInstruments(handle.db);
const app = await buildApp({ db: handle.db, readDb: handle.readDb, config });
if (applied.length) app.log.info({ applied }, 'migrations applied');

if (config.seedDemo) {
  const demo = await ensureDemoCity(handle.db, config, (msg) => app.log.info(msg));
  if (demo) printDemoSignIns(demo);
}

let closing = false;
async function shutdown(signal: NodeJS.Signals) {
  if (closing) return;
  closing = true;
  app.log.info({ signal }, 'shutting down');
  await closeWithin(app, config.httpTimeouts.shutdownMs, (msg) => app.log.warn(msg));
  await handle.close();
  process.exit(0);
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void shutdown(signal));

await app.listen({ port: config.port, host: config.host });
const engine = handle.engine === 'pglite' ? `embedded PGlite at ${config.dataDir}` : 'PostgreSQL';
console.log(
  `\nYuxin 育心 is serving on http://localhost:${config.port}  (database: ${engine})\nAPI docs: http://localhost:${config.port}/api/docs\n`,
);

function printDemoSignIns(demo: {
  password: string;
  accounts: Array<{ role: string; username: string; scope: string }>;
}) {
  const lines = demo.accounts.map((a) => `  ${a.role.padEnd(18)} ${a.username.padEnd(22)} ${a.scope}`);
  console.log(`\nDemo sign-ins (password for all: ${demo.password})\n${lines.join('\n')}\n`);
  console.log(
    'Administrators and psychology staff also give a two-step code: `npm run demo-code -- <username>` prints the\n' +
      "current one (or add the account's key from data/demo-sign-ins.json to an authenticator app).\n",
  );
}
