import type { Kysely } from 'kysely';
import { decryptText, encryptText } from '../crypto/field-crypto.js';
import type { Database, OrgUnit } from '../db/types.js';
import type { CredentialScope } from './class-credentials.js';
import type { CredentialSlip } from './slips.js';

/** Long enough to print for a class and hand the slips out; short enough that a forgotten batch does not linger. */
export const BATCH_KEPT_DAYS = 7;

export interface CredentialBatch {
  id: string;
  classId: string;
  scope: CredentialScope;
  count: number;
  issuedAt: Date;
  expiresAt: Date;
  issuedBy: { id: string; name: string };
}

/**
 * Keeps the slips of one issue, encrypted, so a second download (the spreadsheet after the PDF, a lost
 * file) gives the same passwords instead of new ones. Expired batches of the city are erased on the way.
 * Call in the transaction that issued the passwords.
 */
export async function keepBatch(
  tx: Kysely<Database>,
  klass: Pick<OrgUnit, 'id' | 'city_id' | 'district_id' | 'school_id'>,
  args: { scope: CredentialScope; slips: CredentialSlip[]; issuedBy: string; now: Date },
): Promise<string> {
  await tx
    .deleteFrom('credential_batch')
    .where('city_id', '=', klass.city_id)
    .where('expires_at', '<=', args.now)
    .execute();
  const row = await tx
    .insertInto('credential_batch')
    .values({
      class_id: klass.id,
      city_id: klass.city_id,
      district_id: klass.district_id!,
      school_id: klass.school_id!,
      scope: args.scope,
      slip_count: args.slips.length,
      slips_enc: encryptText(JSON.stringify(args.slips)),
      issued_by: args.issuedBy,
      issued_at: args.now,
      expires_at: new Date(args.now.getTime() + BATCH_KEPT_DAYS * 86_400_000),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The class's most recent batch that has not expired, without its slips; null when there is none. */
export async function latestBatch(db: Kysely<Database>, classId: string, now: Date): Promise<CredentialBatch | null> {
  const row = await db
    .selectFrom('credential_batch as b')
    .innerJoin('user_account as u', 'u.id', 'b.issued_by')
    .select([
      'b.id',
      'b.class_id',
      'b.scope',
      'b.slip_count',
      'b.issued_at',
      'b.expires_at',
      'u.id as issuer_id',
      'u.display_name as issuer_name',
    ])
    .where('b.class_id', '=', classId)
    .where('b.expires_at', '>', now)
    .orderBy('b.issued_at', 'desc')
    .orderBy('b.id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    classId: row.class_id,
    scope: row.scope,
    count: row.slip_count,
    issuedAt: row.issued_at,
    expiresAt: row.expires_at,
    issuedBy: { id: row.issuer_id, name: row.issuer_name },
  };
}

/** The slips of a batch, decrypted: only to render the file the caller downloads. */
export async function slipsOf(db: Kysely<Database>, batchId: string): Promise<CredentialSlip[]> {
  const row = await db
    .selectFrom('credential_batch')
    .select('slips_enc')
    .where('id', '=', batchId)
    .executeTakeFirstOrThrow();
  return JSON.parse(decryptText(row.slips_enc)) as CredentialSlip[];
}
