import type { InstrumentDefinition } from '@yuxin/core';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.js';
import type { Locale } from '../../http/locale.js';
import { instrumentExists, latestInstrumentVersion, loadInstrumentVersion } from '../instrument-store.js';
import { instrumentNotFound } from './messages.js';

/** The named version, or the latest active one; a 404 that says whether the code or the version is unknown. */
export async function findInstrument(
  db: Kysely<Database>,
  code: string,
  version: number | undefined,
  locale: Locale,
): Promise<InstrumentDefinition> {
  const def =
    version === undefined ? await latestInstrumentVersion(db, code) : await loadInstrumentVersion(db, code, version);
  if (def) return def;
  throw instrumentNotFound(
    locale,
    code,
    version !== undefined && (await instrumentExists(db, code)) ? version : undefined,
  );
}
