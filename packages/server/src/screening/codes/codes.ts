import { createHash, randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { studentAccountId, grantedBindingId } from '../../accounts/stable-ids.js';
import { ACCOUNT_COLUMNS, bindingsColumn } from '../../auth/actor.js';
import { batchedLookup } from '../../db/batched-lookup.js';
import { compiledOnce } from '../../db/compiled-once.js';
import type { Database } from '../../db/types.js';

/**
 * Crockford's base32: no I, L, O or U, so a child reading a slip cannot confuse letters with digits, and
 * what they type in instead (O for 0, I or L for 1) is read as meant.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** 26 characters of 5 bits: 130 bits, above the 128 that make a plain hash as safe as a slow one. */
const CODE_CHARS = 26;

/** A fresh code, grouped in fours for reading off paper: `7K3Q-…`. */
export function generateCode(): string {
  const bytes = randomBytes(CODE_CHARS);
  let out = '';
  // 256 is a multiple of 32, so taking each byte modulo 32 is unbiased.
  for (let i = 0; i < CODE_CHARS; i++) out += ALPHABET[bytes[i]! % 32];
  return out.replace(/(.{4})(?!$)/g, '$1-');
}

/** The code as typed or scanned, in its one canonical form; null when it cannot be a code at all. */
export function normalizeCode(input: string): string | null {
  const s = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (s.length !== CODE_CHARS) return null;
  for (const ch of s) if (!ALPHABET.includes(ch)) return null;
  return s;
}

/** What is stored and looked up: SHA-256 of the canonical code. 130 random bits need no slow hash. */
export function hashCode(canonical: string): string {
  return createHash('sha256').update(canonical).digest('hex');
}

export interface CodeSlip {
  assignmentId: string;
  studentId: string;
  studentNo: string;
  studentName: string;
  code: string;
}

export interface IssuedCodes {
  slips: CodeSlip[];
  /** Students whose earlier code was revoked by this issue. */
  replaced: number;
  /** Students left without a code: their account is disabled, or their 学籍号 is another account's username. */
  skipped: number;
}

// Never verifiable: a code-only account has no password until a teacher prints it one.
const NO_PASSWORD = '!screening-code-only';

/**
 * New codes for the self-report assignments of one class in one campaign (run in a transaction). Earlier
 * active codes of those assignments are revoked and their sessions end, so an old slip stops working.
 * A student without an account gets one (no password, change forced when one is printed): a session
 * belongs to an account, and the code opens only the questionnaire.
 */
export async function issueClassCodes(
  tx: Kysely<Database>,
  opts: { campaignId: string; classId: string; issuedBy: string; confirmBirthDate: boolean },
): Promise<IssuedCodes> {
  await sql`select id from org_unit where id = ${opts.classId} for update`.execute(tx);
  const rows = await tx
    .selectFrom('screening_assignment as a')
    .innerJoin('student as s', 's.id', 'a.student_id')
    .select([
      'a.id',
      'a.student_id',
      'a.city_id',
      'a.district_id',
      'a.school_id',
      'a.class_id',
      's.student_no',
      's.name',
    ])
    .where('a.campaign_id', '=', opts.campaignId)
    .where('a.class_id', '=', opts.classId)
    .where('a.respondent', '=', 'self')
    .where('s.status', '=', 'active')
    .orderBy('s.student_no')
    .execute();
  if (rows.length === 0) return { slips: [], replaced: 0, skipped: 0 };

  await tx
    .insertInto('user_account')
    .values(
      rows.map((r) => ({
        id: studentAccountId(r.student_id),
        kind: 'student' as const,
        username: r.student_no,
        display_name: r.name,
        password_hash: NO_PASSWORD,
        student_id: r.student_id,
        guardian_id: null,
        city_id: r.city_id,
        district_id: r.district_id,
        school_id: r.school_id,
        full_time: null,
        must_change_password: true,
        activated_at: null,
        disabled_at: null,
        locked_until: null,
        password_changed_at: null,
      })),
    )
    .onConflict((oc) => oc.doNothing())
    .execute();
  const accounts = await tx
    .selectFrom('user_account')
    .select(['id', 'student_id', 'disabled_at'])
    .where(
      'student_id',
      'in',
      rows.map((r) => r.student_id),
    )
    .execute();
  const accountOf = new Map(accounts.filter((a) => !a.disabled_at).map((a) => [a.student_id!, a.id]));
  const chosen = rows.filter((r) => accountOf.has(r.student_id));
  if (chosen.length === 0) return { slips: [], replaced: 0, skipped: rows.length };
  await tx
    .insertInto('role_binding')
    .values(
      chosen.map((r) => ({
        id: grantedBindingId(accountOf.get(r.student_id)!, 'student', 'person', r.student_id),
        user_id: accountOf.get(r.student_id)!,
        role: 'student',
        scope_level: 'person',
        scope_id: r.student_id,
        city_id: r.city_id,
        district_id: r.district_id,
        school_id: r.school_id,
        granted_by: opts.issuedBy,
      })),
    )
    .onConflict((oc) => oc.doNothing())
    .execute();

  const assignmentIds = chosen.map((r) => r.id);
  const replaced = await revokeCodes(tx, { assignmentIds, revokedBy: opts.issuedBy });
  const slips = chosen.map((r) => ({
    assignmentId: r.id,
    studentId: r.student_id,
    studentNo: r.student_no,
    studentName: r.name,
    code: generateCode(),
  }));
  await tx
    .insertInto('screening_code')
    .values(
      chosen.map((r, i) => ({
        assignment_id: r.id,
        campaign_id: opts.campaignId,
        student_id: r.student_id,
        city_id: r.city_id,
        district_id: r.district_id,
        school_id: r.school_id,
        class_id: r.class_id,
        code_hash: hashCode(normalizeCode(slips[i]!.code)!),
        confirm_birth_date: opts.confirmBirthDate,
        issued_by: opts.issuedBy,
      })),
    )
    .execute();
  return { slips, replaced, skipped: rows.length - chosen.length };
}

/**
 * Revokes the active codes of these assignments (or of a class in a campaign) and ends the sessions opened
 * with them. Returns how many codes were revoked.
 */
export async function revokeCodes(
  tx: Kysely<Database>,
  target: { assignmentIds: string[]; revokedBy: string } | { campaignId: string; classId: string; revokedBy: string },
): Promise<number> {
  if ('assignmentIds' in target && target.assignmentIds.length === 0) return 0;
  const now = new Date();
  let update = tx
    .updateTable('screening_code')
    .set({ revoked_at: now, revoked_by: target.revokedBy })
    .where('revoked_at', 'is', null);
  update =
    'assignmentIds' in target
      ? update.where('assignment_id', 'in', target.assignmentIds)
      : update.where('campaign_id', '=', target.campaignId).where('class_id', '=', target.classId);
  const revoked = await update.returning('id').execute();
  if (revoked.length === 0) return 0;
  await tx
    .updateTable('user_session')
    .set({ revoked_at: now })
    .where(
      'screening_code_id',
      'in',
      revoked.map((r) => r.id),
    )
    .where('revoked_at', 'is', null)
    .execute();
  return revoked.length;
}

/** A code to look up, and the client whose sign-in throttle comes back with it. */
export interface CodeLookup {
  codeHash: string;
  clientKey: string;
}

export type FoundCode = Awaited<ReturnType<typeof codeRows>>[number];

/**
 * Code sign-ins arriving together are looked up by one statement (db/batched-lookup.ts): a city's students
 * sign in within minutes of each other on a screening morning.
 */
export const codeFinder = batchedLookup((db, lookups: readonly CodeLookup[]) =>
  codeRows(
    db,
    lookups.map((l) => l.codeHash),
    lookups.map((l) => l.clientKey),
  ),
);

/**
 * The codes' students, accounts, campaign windows and the sign-in throttles of the clients they came from, in
 * one statement on the unique index; `turn` is the lookup's place in the arrays, from 1.
 */
const codeRows = compiledOnce((db: Kysely<Database>, codeHashes: string[], clientKeys: string[]) =>
  db
    .selectFrom(
      sql<{
        code_hash: string;
        client_key: string;
        turn: string;
      }>`(select * from unnest(${codeHashes}::text[], ${clientKeys}::text[])
        with ordinality as u (code_hash, client_key, turn))`.as('q'),
    )
    .innerJoin('screening_code as sc', 'sc.code_hash', 'q.code_hash')
    .innerJoin('campaign as c', 'c.id', 'sc.campaign_id')
    .innerJoin('student as s', 's.id', 'sc.student_id')
    .innerJoin('user_account as a', 'a.student_id', 'sc.student_id')
    .leftJoin('signin_throttle as t', 't.client_key', 'q.client_key')
    .select([
      'q.turn',
      'sc.id as code_id',
      'sc.assignment_id',
      'sc.class_id',
      'sc.revoked_at',
      'sc.confirm_birth_date',
      'c.status as campaign_status',
      'c.opens_at',
      'c.closes_at',
      's.birth_date',
      's.name as student_name',
      't.failures as throttle_failures',
      't.window_started_at as throttle_window_started_at',
    ])
    .select(ACCOUNT_COLUMNS)
    .select(bindingsColumn()),
);
