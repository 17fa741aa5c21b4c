import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig, type Config } from '../config.js';
import { demoKeyFile } from '../crypto/keys.js';

/**
 * `npm run backup -- <file>` and `npm run restore -- <file>` (README, "Backup and restore").
 *
 * PostgreSQL: pg_dump's custom format of the owner's connection (DATABASE_MIGRATION_URL), online and
 * consistent (one snapshot); restored with pg_restore into an existing, empty database.
 * Embedded PGlite: a tar of the data directory. One process at a time may open it, so the server is
 * stopped first; its clean stop leaves a checkpointed, consistent directory.
 *
 * Neither ever contains the data key: a dump that carries its own key protects nothing. The key is kept
 * apart (a secret store, a sealed envelope) and put back separately; without it every encrypted note of
 * the restored database is unreadable.
 */

/** Files of the data directory that are not the database: the key, and the demo sign-ins beside it. */
const NOT_DATABASE = ['data-key', 'demo-sign-ins.json'];

type Target = Pick<Config, 'databaseUrl' | 'databaseMigrationUrl' | 'dataDir'>;

export function backup(config: Target, file: string, pgBin = pgBinDir()): string {
  const url = config.databaseMigrationUrl ?? config.databaseUrl;
  if (url) {
    execFileSync(join(pgBin, 'pg_dump'), ['--format=custom', `--file=${file}`, url], { stdio: 'inherit' });
    return `PostgreSQL dump written to ${file}`;
  }
  refuseWhileOpen(config.dataDir);
  if (!existsSync(join(config.dataDir, 'PG_VERSION'))) throw new Error(`${config.dataDir} holds no embedded database`);
  execFileSync('tar', [
    '--create',
    '--gzip',
    `--file=${file}`,
    ...NOT_DATABASE.map((f) => `--exclude=./${f}`),
    `--directory=${config.dataDir}`,
    '.',
  ]);
  return `embedded database ${config.dataDir} written to ${file} (without ${demoKeyFile(config.dataDir)})`;
}

export function restore(config: Target, file: string, pgBin = pgBinDir()): string {
  const url = config.databaseMigrationUrl ?? config.databaseUrl;
  if (url) {
    // Into an empty database created beforehand (owner, encoding, the yuxin_app role as in the README):
    // one transaction, so a failed restore leaves it empty rather than half full.
    execFileSync(
      join(pgBin, 'pg_restore'),
      ['--single-transaction', '--exit-on-error', '--no-owner', `--dbname=${url}`, file],
      { stdio: 'inherit' },
    );
    return `PostgreSQL dump ${file} restored`;
  }
  if (existsSync(join(config.dataDir, 'PG_VERSION')))
    throw new Error(`${config.dataDir} already holds a database: move it aside, then restore into an empty directory`);
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  execFileSync('tar', ['--extract', '--gzip', `--file=${file}`, `--directory=${config.dataDir}`]);
  return `embedded database restored into ${config.dataDir}; put its data key back before starting (README)`;
}

/** PGlite writes postmaster.pid while open and removes it on a clean close. */
function refuseWhileOpen(dataDir: string) {
  if (existsSync(join(dataDir, 'postmaster.pid')))
    throw new Error(
      `${dataDir} is open (postmaster.pid): stop the server first. If it did not stop cleanly, start and stop it once.`,
    );
}

/** pg_dump and pg_restore: PG_BIN, else the newest Debian install, else the PATH. */
function pgBinDir(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => /^\d+$/.test(v))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  return versions.length ? join(root, versions[0]!, 'bin') : '';
}

function main() {
  const [command, file] = process.argv.slice(2);
  if ((command !== 'backup' && command !== 'restore') || !file) {
    console.error('usage: npm run backup -- <file>   |   npm run restore -- <file>');
    process.exit(2);
  }
  try {
    console.log((command === 'backup' ? backup : restore)(loadConfig(), file));
  } catch (err) {
    console.error(`${command} failed: ${(err as Error).message}`);
    process.exit(1);
  }
}

const invokedDirectly =
  process.argv[1] !== undefined && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) main();
