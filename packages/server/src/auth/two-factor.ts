import { randomInt } from 'node:crypto';
import { secondFactorRequired, type Role } from '@yuxin/core';
import type { Kysely } from 'kysely';
import { generateSecret, generateURI, verify } from 'otplib';
import { sha256 } from '../audit/audit.js';
import { decryptText, encryptText } from '../crypto/field-crypto.js';
import type { Database } from '../db/types.js';
import type { ServiceContext } from '../services/context.js';
import { readCitySetting, writeCitySetting } from '../settings/city-settings.js';

/** The name authenticator apps show beside the account. */
export const TOTP_ISSUER = 'Yuxin 育心';
/** RFC 6238's 30-second step; one step either side is accepted for clock drift (its section 6). */
const PERIOD_SECONDS = 30;
const TOLERANCE_SECONDS = PERIOD_SECONDS;
export const RECOVERY_CODE_COUNT = 10;
/** The city setting that asks every staff member, not only the privileged ones, for a second factor. */
export const ALL_STAFF_SETTING = 'security.two_factor_all_staff';

export type SecondFactorOwed = 'verify' | 'enrol' | null;

export async function cityRequiresTwoFactorForAllStaff(db: Kysely<Database>, cityId: string): Promise<boolean> {
  return (await readCitySetting<boolean>(db, cityId, ALL_STAFF_SETTING)) === true;
}

export async function saveTwoFactorForAllStaff(db: Kysely<Database>, cityId: string, allStaff: boolean): Promise<void> {
  await writeCitySetting(db, cityId, ALL_STAFF_SETTING, allStaff);
}

/**
 * What a password-only sign-in still owes: a code from anyone who set up an authenticator; set-up first
 * from staff who must have one (administrators, roles reading psychological data, all staff where the city
 * says so); nothing from students, guardians and other staff.
 */
export async function secondFactorOwed(
  db: Kysely<Database>,
  account: { id: string; kind: 'staff' | 'student' | 'guardian'; city_id: string },
  roles: readonly Role[],
): Promise<SecondFactorOwed> {
  if (account.kind !== 'staff') return null;
  const enrolled = await db
    .selectFrom('staff_two_factor')
    .select('user_id')
    .where('user_id', '=', account.id)
    .where('confirmed_at', 'is not', null)
    .executeTakeFirst();
  if (enrolled) return 'verify';
  const allStaff = await cityRequiresTwoFactorForAllStaff(db, account.city_id);
  return secondFactorRequired(account.kind, roles, allStaff) ? 'enrol' : null;
}

/** Whether the account has a confirmed authenticator. */
export async function isEnrolled(db: Kysely<Database>, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('staff_two_factor')
    .select('confirmed_at')
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return !!row?.confirmed_at;
}

/**
 * A fresh secret for the account, stored encrypted and unconfirmed; a confirmed one is never replaced here
 * (an administrator resets it). Answers the key and the otpauth URI the QR code carries.
 */
export async function beginEnrolment(
  db: Kysely<Database>,
  account: { id: string; username: string },
): Promise<{ secret: string; otpauthUri: string } | 'already-enrolled'> {
  const secret = generateSecret();
  const stored = await db
    .insertInto('staff_two_factor')
    .values({ user_id: account.id, secret_enc: encryptText(secret), confirmed_at: null, last_step: null })
    .onConflict((oc) =>
      oc
        .column('user_id')
        .doUpdateSet({ secret_enc: encryptText(secret), last_step: null, created_at: new Date() })
        .where('staff_two_factor.confirmed_at', 'is', null),
    )
    .returning('user_id')
    .executeTakeFirst();
  if (!stored) return 'already-enrolled';
  return { secret, otpauthUri: generateURI({ issuer: TOTP_ISSUER, label: account.username, secret }) };
}

/** The TOTP time step a code matches (within one step of now), or null. */
async function matchingStep(secret: string, code: string, afterStep: number | null): Promise<number | null> {
  const result = await verify({
    secret,
    token: code,
    epochTolerance: TOLERANCE_SECONDS,
    ...(afterStep !== null ? { afterTimeStep: afterStep } : {}),
  });
  return result.valid && 'timeStep' in result ? result.timeStep : null;
}

function normalizeCode(code: string): string {
  return code.replace(/[\s-]/g, '').toUpperCase();
}

const isTotpCode = (normalized: string) => /^\d{6}$/.test(normalized);

/** The actor confirms their own enrolment; a confirmed one is audited with it, in one transaction. */
export async function confirmOwnEnrolment(ctx: ServiceContext, code: string) {
  return ctx.db.transaction().execute(async (tx) => {
    const result = await confirmEnrolment(tx, ctx.actorId, code);
    if (typeof result !== 'string')
      await ctx.audit(tx, { action: 'auth.two_factor_enrol', targetType: 'account', targetId: ctx.actorId });
    return result;
  });
}

/**
 * Confirms an enrolment with a first code and issues recovery codes (answered once, stored hashed).
 * Null when there is no enrolment under way or the code does not match.
 */
export async function confirmEnrolment(
  tx: Kysely<Database>,
  userId: string,
  code: string,
): Promise<{ recoveryCodes: string[] } | 'no-enrolment' | 'wrong-code'> {
  const row = await tx
    .selectFrom('staff_two_factor')
    .select(['secret_enc', 'confirmed_at'])
    .where('user_id', '=', userId)
    .forUpdate()
    .executeTakeFirst();
  if (!row || row.confirmed_at) return 'no-enrolment';
  const normalized = normalizeCode(code);
  const step = isTotpCode(normalized) ? await matchingStep(decryptText(row.secret_enc), normalized, null) : null;
  if (step === null) return 'wrong-code';
  await tx
    .updateTable('staff_two_factor')
    .set({ confirmed_at: new Date(), last_step: step })
    .where('user_id', '=', userId)
    .execute();
  const recoveryCodes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await tx.deleteFrom('two_factor_recovery_code').where('user_id', '=', userId).execute();
  await tx
    .insertInto('two_factor_recovery_code')
    .values(recoveryCodes.map((c) => ({ user_id: userId, code_hash: sha256(normalizeCode(c)), used_at: null })))
    .execute();
  return { recoveryCodes };
}

// Crockford's base32 without look-alikes: read off paper, typed by hand.
const RECOVERY_ALPHABET = 'ABCDEFGHJKMNPQRSTVWXYZ23456789';
function newRecoveryCode(): string {
  let out = '';
  for (let i = 0; i < 10; i++) out += RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)];
  return `${out.slice(0, 5)}-${out.slice(5)}`;
}

/**
 * Checks a second-factor code: a TOTP code accepted once (its step must be later than the last accepted
 * one; the conditional update makes two concurrent uses of one code a single success), or an unused
 * recovery code, which is then spent.
 */
export async function verifySecondFactor(
  db: Kysely<Database>,
  userId: string,
  code: string,
): Promise<'totp' | 'recovery' | null> {
  const normalized = normalizeCode(code);
  if (isTotpCode(normalized)) {
    const row = await db
      .selectFrom('staff_two_factor')
      .select(['secret_enc', 'last_step'])
      .where('user_id', '=', userId)
      .where('confirmed_at', 'is not', null)
      .executeTakeFirst();
    if (!row) return null;
    const step = await matchingStep(decryptText(row.secret_enc), normalized, row.last_step);
    if (step === null) return null;
    const taken = await db
      .updateTable('staff_two_factor')
      .set({ last_step: step })
      .where('user_id', '=', userId)
      .where((eb) => eb.or([eb('last_step', 'is', null), eb('last_step', '<', step)]))
      .returning('user_id')
      .executeTakeFirst();
    return taken ? 'totp' : null;
  }
  const spent = await db
    .updateTable('two_factor_recovery_code')
    .set({ used_at: new Date() })
    .where('user_id', '=', userId)
    .where('code_hash', '=', sha256(normalized))
    .where('used_at', 'is', null)
    .returning('user_id')
    .executeTakeFirst();
  return spent ? 'recovery' : null;
}

/** Removes the account's authenticator and recovery codes: it sets up a new one at next sign-in. */
export async function resetTwoFactor(tx: Kysely<Database>, userId: string): Promise<boolean> {
  await tx.deleteFrom('two_factor_recovery_code').where('user_id', '=', userId).execute();
  const removed = await tx.deleteFrom('staff_two_factor').where('user_id', '=', userId).executeTakeFirst();
  return Number(removed.numDeletedRows) > 0;
}

/** Recovery codes not yet used, for the owner's own security page. */
export async function recoveryCodesLeft(db: Kysely<Database>, userId: string): Promise<number> {
  const { n } = await db
    .selectFrom('two_factor_recovery_code')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(n);
}

/**
 * Enrols an account with a known secret, confirmed at once: only for the demo city, whose staff sign in
 * with codes computed from `data/demo-sign-ins.json` (see seed/demo-two-factor.ts).
 */
export async function enrolWithSecret(db: Kysely<Database>, userIds: string[], secretOf: (id: string) => string) {
  for (let i = 0; i < userIds.length; i += 500) {
    const chunk = userIds.slice(i, i + 500);
    await db
      .insertInto('staff_two_factor')
      .values(
        chunk.map((id) => ({
          user_id: id,
          secret_enc: encryptText(secretOf(id)),
          confirmed_at: new Date(),
          last_step: null,
        })),
      )
      .execute();
  }
}
