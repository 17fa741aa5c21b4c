import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Config } from '../config.js';
import { dataKeyOf, keyRing, type KeyRing } from './field-crypto.js';

export function demoKeyFile(dataDir: string): string {
  return join(dataDir, 'data-key');
}

/**
 * The data key from YUXIN_DATA_KEY. A production deployment on its own PostgreSQL must bring one: notes
 * encrypted with a key nobody kept are lost. The embedded demo makes one on first start and keeps it beside
 * its database, readable by the server's user only.
 */
export function loadKeyRing(
  config: Pick<Config, 'dataKey' | 'previousDataKeys' | 'production' | 'databaseUrl' | 'dataDir'>,
): KeyRing {
  const previous = config.previousDataKeys.map((k, i) => dataKeyOf(k, `YUXIN_DATA_KEYS_PREVIOUS[${i}]`));
  if (config.dataKey) return keyRing(dataKeyOf(config.dataKey), previous);
  if (config.production && config.databaseUrl) {
    throw new Error(
      'YUXIN_DATA_KEY is not set. A production server with DATABASE_URL needs a data key to encrypt case notes: ' +
        'generate one with `openssl rand -base64 32`, keep it in your secret store and set YUXIN_DATA_KEY.',
    );
  }
  const file = demoKeyFile(config.dataDir);
  if (!existsSync(file)) {
    mkdirSync(config.dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  }
  chmodSync(file, 0o600);
  return keyRing(dataKeyOf(readFileSync(file, 'utf8').trim(), file), previous);
}
