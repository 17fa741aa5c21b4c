import type { Kysely } from 'kysely';
import { loadAccount } from '../accounts/account-admin.js';
import type { Database } from '../db/types.js';
import { notFound } from '../http/problem.js';
import { placementOf } from '../org/placement.js';
import { chinaDate } from '../accounts/content-disposition.js';
import { schoolYearContaining } from '../screening/campaigns/period.js';
import type { ServiceContext } from '../services/context.js';

/**
 * The staff registry (issue 14): full-time (专职) or part-time (兼职), certificate level (A–D),
 * qualification, and each school year's training and supervision (督导) hours of a staff account. The staffing
 * indicators read `full_time`; the training indicator reads the certificate level (falling back to the one on
 * the newest training record) and the year's hours (falling back to the sum of the year's training records).
 */
export interface StaffRegistry {
  fullTime?: boolean | null;
  certificateLevel?: 'A' | 'B' | 'C' | 'D' | null;
  qualification?: string | null;
  training?: TrainingYear;
}

export interface TrainingYear {
  schoolYear: string;
  hours: number | null;
  supervisionHours: number | null;
}

export async function updateStaffRegistry(ctx: ServiceContext, userId: string, change: StaffRegistry) {
  const account = await loadAccount(ctx.db, userId);
  if (!account || account.kind !== 'staff') throw notFound();
  // Kept by whoever manages staff where the account lives: its school, else its district, else the city.
  const binding = ctx.access.require('staff.manage', placementOf(account));
  return ctx.db.transaction().execute(async (tx) => {
    await writeStaffRegistry(tx, account.id, change, ctx.actorId);
    await ctx.audit(tx, {
      action: 'staff.registry_update',
      targetType: 'account',
      targetId: account.id,
      placement: placementOf(account),
      binding,
      detail: { fields: Object.keys(change), ...(change.training && { schoolYear: change.training.schoolYear }) },
    });
    return readStaffRegistry(
      tx,
      account.id,
      change.training?.schoolYear ?? (await registrySchoolYear(tx, account.city_id)),
    );
  });
}

/** The one write of registry fields, for the staff page and the import alike; the caller checks and audits. */
export async function writeStaffRegistry(
  tx: Kysely<Database>,
  userId: string,
  change: StaffRegistry,
  updatedBy: string,
): Promise<void> {
  const set = {
    ...(change.fullTime !== undefined && { full_time: change.fullTime }),
    ...(change.certificateLevel !== undefined && { certificate_level: change.certificateLevel }),
    ...(change.qualification !== undefined && { qualification: change.qualification?.trim() || null }),
  };
  if (Object.keys(set).length > 0) await tx.updateTable('user_account').set(set).where('id', '=', userId).execute();
  const t = change.training;
  if (t)
    await tx
      .insertInto('staff_training_year')
      .values({
        user_id: userId,
        school_year: t.schoolYear,
        training_hours: t.hours,
        supervision_hours: t.supervisionHours,
        updated_by: updatedBy,
      })
      .onConflict((oc) =>
        oc.columns(['user_id', 'school_year']).doUpdateSet({
          training_hours: t.hours,
          supervision_hours: t.supervisionHours,
          updated_by: updatedBy,
          updated_at: new Date(),
        }),
      )
      .execute();
}

/** The school year the registry's hours default to: the one the supervision indicators read today. */
export async function registrySchoolYear(db: Kysely<Database>, cityId: string): Promise<string> {
  return (await schoolYearContaining(db, cityId, chinaDate())).code;
}

const hoursOf = (v: string | number | null) => (v === null ? null : Number(v));

/** Each account's recorded hours for one school year (absent: nothing recorded that year). */
export async function trainingYears(
  db: Kysely<Database>,
  userIds: string[],
  schoolYear: string,
): Promise<Map<string, TrainingYear>> {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('staff_training_year')
    .select(['user_id', 'training_hours', 'supervision_hours'])
    .where('user_id', 'in', userIds)
    .where('school_year', '=', schoolYear)
    .execute();
  return new Map(
    rows.map((r) => [
      r.user_id,
      { schoolYear, hours: hoursOf(r.training_hours), supervisionHours: hoursOf(r.supervision_hours) },
    ]),
  );
}

export async function readStaffRegistry(db: Kysely<Database>, userId: string, schoolYear: string) {
  const row = await db
    .selectFrom('user_account')
    .select(['full_time', 'certificate_level', 'qualification'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  const training = (await trainingYears(db, [userId], schoolYear)).get(userId) ?? {
    schoolYear,
    hours: null,
    supervisionHours: null,
  };
  return {
    fullTime: row.full_time,
    certificateLevel: row.certificate_level,
    qualification: row.qualification,
    training,
  };
}
