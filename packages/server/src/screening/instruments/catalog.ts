import { INSTRUMENTS, type InstrumentDefinition } from '@yuxin/core';
import type { Kysely } from 'kysely';
import { Type, type Static } from 'typebox';
import { Nullable } from '../../http/schemas.js';
import type { Database } from '../../db/types.js';
import { listInstrumentVersions, loadInstrumentVersion, type StoredVersion } from '../instrument-store.js';
import { BilingualSchema, CodeSchema } from './definition-schema.js';

export const InstrumentSummarySchema = Type.Object({
  code: CodeSchema,
  version: Type.Integer({ description: 'Latest active version; what a new campaign pins.' }),
  shortName: Type.String(),
  name: BilingualSchema,
  respondent: Type.Enum(['self', 'guardian']),
  itemCount: Type.Integer(),
  grades: Nullable(Type.Object({ min: Type.Integer(), max: Type.Integer() }, { description: 'Grade hint (1–12).' })),
  riskScreen: Type.Boolean(),
  optional: Type.Boolean(),
  licence: Type.Object({ text: Type.String(), source: Type.String(), displayFooter: Type.Boolean() }),
  translationStatus: Type.Object({ zh: Type.String(), zhOrigin: Type.String(), note: Type.Optional(Type.String()) }),
  versions: Type.Array(
    Type.Object({
      version: Type.Integer(),
      status: Type.Enum(['active', 'retired']),
      source: Type.Enum(['builtin', 'edited', 'fhir_import']),
      createdAt: Type.String(),
    }),
  ),
});
export type InstrumentSummaryView = Static<typeof InstrumentSummarySchema>;

/** Shipped instruments in catalog order first (as the catalog lists them), then others by code. */
const CATALOG_ORDER = [...new Set(INSTRUMENTS.map((d) => d.code))];
const rank = (code: string) => {
  const i = CATALOG_ORDER.indexOf(code);
  return i < 0 ? CATALOG_ORDER.length : i;
};

function summary(def: InstrumentDefinition, versions: StoredVersion[]): InstrumentSummaryView {
  return {
    code: def.code,
    version: def.version,
    shortName: def.shortName,
    name: def.name,
    respondent: def.respondent,
    itemCount: def.items.length,
    grades: def.audience.grades ?? null,
    riskScreen: def.riskScreen,
    optional: def.optional,
    licence: { text: def.licence.text, source: def.licence.source, displayFooter: def.licence.displayFooter ?? false },
    translationStatus: def.translationStatus,
    versions: versions.map((v) => ({
      version: v.version,
      status: v.status,
      source: v.source,
      createdAt: v.createdAt.toISOString(),
    })),
  };
}

/** The library: each instrument's latest active version, with the list of every stored version. */
export async function instrumentCatalog(db: Kysely<Database>): Promise<InstrumentSummaryView[]> {
  const byCode = new Map<string, StoredVersion[]>();
  for (const v of await listInstrumentVersions(db)) byCode.set(v.code, [...(byCode.get(v.code) ?? []), v]);
  const items: InstrumentSummaryView[] = [];
  for (const [code, versions] of byCode) {
    const latest = versions.filter((v) => v.status === 'active').at(-1);
    // A code whose every version is retired is out of the library, though its versions stay readable by number.
    if (!latest) continue;
    const def = await loadInstrumentVersion(db, code, latest.version);
    if (def) items.push(summary(def, versions));
  }
  return items.sort((a, b) => rank(a.code) - rank(b.code) || a.code.localeCompare(b.code));
}
