import { existsSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadConfig, type Config } from '../config.js';
import { openDatabase } from '../db/connect.js';
import { migrate, MigrationChangedError } from '../db/migrate.js';
import { waitForDatabase } from '../db/wait.js';
import { CitySetupRefused, setupCity, type CitySetup, type CitySetupResult } from '../org/city-setup.js';

/**
 * `npm run setup -- --city 济宁市 --admin <login> [--name 张老师] [--city-en "Jining"]` (README, "First start
 * for a real city"): on the database the server would open (DATABASE_MIGRATION_URL/DATABASE_URL, or the
 * embedded one in YUXIN_DATA_DIR), applies the migrations, creates the city and its first system
 * administrator and prints a one-time password once. A second run refuses.
 */
export function parseSetupArgs(argv: string[]): CitySetup {
  const { values } = parseArgs({
    args: argv,
    options: {
      city: { type: 'string' },
      'city-en': { type: 'string' },
      admin: { type: 'string' },
      name: { type: 'string' },
    },
    strict: true,
  });
  if (!values.city || !values.admin)
    throw new CitySetupRefused(
      'Usage: npm run setup -- --city <city name, e.g. 济宁市> --admin <username> [--name <display name>] [--city-en <English name>]',
    );
  return { city: values.city, admin: values.admin, name: values.name, cityEn: values['city-en'] };
}

export async function runSetup(
  config: Pick<
    Config,
    'databaseUrl' | 'databaseMigrationUrl' | 'dataDir' | 'databaseTimeouts' | 'embeddedUnsafeNoFsync'
  >,
  input: CitySetup,
): Promise<CitySetupResult> {
  if (!config.databaseUrl && existsSync(join(config.dataDir, 'postmaster.pid')))
    throw new CitySetupRefused(
      `${config.dataDir} is open (postmaster.pid): stop the server first, then run setup, then start it again.`,
    );
  // Migrations as the schema owner, the rows as the app role: the same split as the server's start.
  if (config.databaseUrl) {
    const owner = await openDatabase({
      url: config.databaseMigrationUrl ?? config.databaseUrl,
      poolSize: 1,
      timeouts: { connectMs: config.databaseTimeouts.connectMs, statementMs: 0, queryMs: 0 },
    });
    try {
      await waitForDatabase(owner.db, (line) => console.error(line));
      await migrate(owner.db);
    } finally {
      await owner.close();
    }
  }
  const handle = await openDatabase({
    url: config.databaseUrl,
    dataDir: config.databaseUrl ? undefined : config.dataDir,
    poolSize: 1,
    timeouts: config.databaseTimeouts,
    unsafeNoFsync: config.embeddedUnsafeNoFsync,
  });
  try {
    if (!config.databaseUrl) await migrate(handle.db);
    return await setupCity(handle.db, input);
  } finally {
    await handle.close();
  }
}

const invokedDirectly =
  process.argv[1] !== undefined && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  try {
    const result = await runSetup(loadConfig(), parseSetupArgs(process.argv.slice(2)));
    console.log(
      [
        '',
        `City set up. Its first system administrator:`,
        `  username:  ${result.username}`,
        `  password:  ${result.password}   (shown once, not stored: write it down now)`,
        '',
        'Start the server (YUXIN_SEED_DEMO=false npm start) and sign in: the password must be changed and a',
        'two-step authenticator set up at the first sign-in. Then build districts, schools, hospitals and',
        'school years under Organisation.',
        '',
      ].join('\n'),
    );
  } catch (err) {
    if (err instanceof CitySetupRefused || err instanceof MigrationChangedError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
}
