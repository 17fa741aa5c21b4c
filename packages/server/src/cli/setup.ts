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
 * `npm run setup -- --city 济宁市 --admin <login> --centre-staff <login> [--name 张老师] [--centre-name 李主任]
 * [--city-en "Jining"]` (README, "First start for a real city"): on the database the server would open
 * (DATABASE_MIGRATION_URL/DATABASE_URL, or the embedded one in YUXIN_DATA_DIR), applies the migrations,
 * creates the city, its first system administrator and the city centre's first member, and prints their
 * one-time passwords once. A second run refuses.
 */
export function parseSetupArgs(argv: string[]): CitySetup {
  const { values } = parseArgs({
    args: argv,
    options: {
      city: { type: 'string' },
      'city-en': { type: 'string' },
      admin: { type: 'string' },
      name: { type: 'string' },
      'centre-staff': { type: 'string' },
      'centre-name': { type: 'string' },
    },
    strict: true,
  });
  // The centre's member is required here: without a second person no role reading psychological data could
  // ever be approved in the new city.
  if (!values.city || !values.admin || !values['centre-staff'])
    throw new CitySetupRefused(
      "Usage: npm run setup -- --city <city name, e.g. 济宁市> --admin <username> --centre-staff <username of the city guidance centre's first member> [--name <admin display name>] [--centre-name <their display name>] [--city-en <English name>]",
    );
  return {
    city: values.city,
    admin: values.admin,
    name: values.name,
    cityEn: values['city-en'],
    centreStaff: values['centre-staff'],
    centreName: values['centre-name'],
  };
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
        ...(result.centreStaff
          ? [
              `The city guidance centre's first member (approves the district centres' staff):`,
              `  username:  ${result.centreStaff.username}`,
              `  password:  ${result.centreStaff.password}   (shown once, not stored)`,
            ]
          : []),
        '',
        'Start the server (YUXIN_SEED_DEMO=false npm start) and sign in: each password must be changed and a',
        'two-step authenticator set up at the first sign-in. Then build districts, schools, hospitals and',
        'school years under Organisation. A role that reads psychological data takes effect when the person',
        'above approves it: the city centre approves district centre staff, they approve school leaders, and',
        'school leaders approve their psychology teachers.',
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
