import type { Kysely } from 'kysely';
import { cm } from '../cases/messages.js';
import type { CaseRow, ReferralRow } from '../cases/store.js';
import type { Database } from '../db/types.js';
import { enqueueNotifications, usersWithRole } from '../warning/notify.js';
import { getWarningSettings } from '../warning/settings.js';

/** What reaches a guardian about their child's referral, and the school's side of the guardian's answer. */
type Db = Kysely<Database>;

/** The enabled guardian accounts of a student: those who can decide in the app. */
export async function guardianAccountsOf(db: Db, studentId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('student_guardian as sg')
    .innerJoin('user_account as u', 'u.guardian_id', 'sg.guardian_id')
    .select('u.id')
    .distinct()
    .where('sg.student_id', '=', studentId)
    .where('u.kind', '=', 'guardian')
    .where('u.disabled_at', 'is', null)
    .orderBy('u.id')
    .execute();
  return rows.map((r) => r.id);
}

/** The school's psychology teachers, who hear of a guardian's refusal (with the case's opener). */
export async function schoolPsychTeachers(db: Db, c: Pick<CaseRow, 'school_id' | 'opened_by'>): Promise<string[]> {
  return [...(await usersWithRole(db, 'psych_teacher', 'school', c.school_id)), c.opened_by];
}

/**
 * A new referral waits for the guardian: each guardian with an account is told in the app (and by the
 * city's channels), in the transaction that writes the referral. The notice names the school, never the
 * child or the reason: an SMS may be read by anyone holding the phone.
 */
export async function notifyGuardiansOfReferral(
  tx: Db,
  r: Pick<ReferralRow, 'id' | 'city_id' | 'school_id' | 'student_id'>,
): Promise<void> {
  const users = await guardianAccountsOf(tx, r.student_id);
  if (users.length === 0) return;
  const { channels } = await getWarningSettings(tx, r.city_id);
  const school = await tx.selectFrom('org_unit').select('name_zh').where('id', '=', r.school_id).executeTakeFirst();
  const both = (text: (l: 'zh-CN' | 'en') => string) => ({ 'zh-CN': text('zh-CN'), en: text('en') });
  await enqueueNotifications(tx, {
    users,
    payload: {
      kind: 'referral.consent_requested',
      referralId: r.id,
      title: both((l) => cm('notice.guardian-referral.title', l)),
      body: both((l) => cm('notice.guardian-referral.body', l, { school: school?.name_zh ?? '' })),
    },
    channels,
    dedupePrefix: `referral:${r.id}:consent-requested`,
  });
}
