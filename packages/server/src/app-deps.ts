import type { Kysely } from 'kysely';
import type { Config } from './config.js';
import type { Database } from './db/types.js';
import type { WarningOptions } from './warning/loop.js';

/**
 * What the app is built from. Its own module, importing no route, so that route modules can take it
 * without importing app.ts, which imports them.
 */
export interface AppDeps {
  db: Kysely<Database>;
  /**
   * Where report and export reads go (DatabaseHandle.readDb): the replica's pool when DATABASE_REPLICA_URL
   * is set. Absent, they read db.
   */
  readDb?: Kysely<Database>;
  config: Config;
  /** Early-warning loop options: a fake clock and channel adapters in tests, SMS/WeChat adapters in a deployment. */
  warning?: WarningOptions;
}
