import type { Kysely } from 'kysely';
import { loadAccount } from '../accounts/account-admin.js';
import type { Database } from '../db/types.js';
import { notFound } from '../http/problem.js';
import { placementOf } from '../org/placement.js';
import type { ServiceContext } from '../services/context.js';

/**
 * The staff registry (issue 14): full-time (专职) or part-time (兼职), certificate level (A–D) and
 * qualification of a staff account. The staffing indicators read `full_time`; the training table reads the
 * certificate level, falling back to the one on the newest training record.
 */
export interface StaffRegistry {
  fullTime?: boolean | null;
  certificateLevel?: 'A' | 'B' | 'C' | 'D' | null;
  qualification?: string | null;
}

export async function updateStaffRegistry(ctx: ServiceContext, userId: string, change: StaffRegistry) {
  const account = await loadAccount(ctx.db, userId);
  if (!account || account.kind !== 'staff') throw notFound();
  // Kept by whoever manages staff where the account lives: its school, else its district, else the city.
  const binding = ctx.access.require('staff.manage', placementOf(account));
  const set = {
    ...(change.fullTime !== undefined && { full_time: change.fullTime }),
    ...(change.certificateLevel !== undefined && { certificate_level: change.certificateLevel }),
    ...(change.qualification !== undefined && { qualification: change.qualification?.trim() || null }),
  };
  return ctx.db.transaction().execute(async (tx) => {
    await tx.updateTable('user_account').set(set).where('id', '=', account.id).execute();
    await ctx.audit(tx, {
      action: 'staff.registry_update',
      targetType: 'account',
      targetId: account.id,
      placement: placementOf(account),
      binding,
      detail: { fields: Object.keys(change) },
    });
    return readStaffRegistry(tx, account.id);
  });
}

export async function readStaffRegistry(db: Kysely<Database>, userId: string) {
  const row = await db
    .selectFrom('user_account')
    .select(['full_time', 'certificate_level', 'qualification'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  return { fullTime: row.full_time, certificateLevel: row.certificate_level, qualification: row.qualification };
}
