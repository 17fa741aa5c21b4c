import { placementOf } from '../org/placement.js';
import { notFound, Problem } from '../http/problem.js';
import { revokeAllSessions } from '../auth/sessions.js';
import { resetTwoFactor } from '../auth/two-factor.js';
import type { ServiceContext } from '../services/context.js';
import { loadAccount, requireMayTakeOver, resetAccountPassword, unlockAccount } from './account-admin.js';

/**
 * An administrator's help for accounts in their scope: who is locked out by failed sign-ins, lifting the
 * lock, a temporary password for someone who forgot theirs, and a fresh start for a lost authenticator. Accounts outside the scope are not found.
 */

export interface LockedAccount {
  userId: string;
  username: string;
  displayName: string;
  lockedUntil: string;
  failedAttempts: number;
}

export async function listLockedAccounts(
  ctx: ServiceContext,
  page: number,
  pageSize: number,
): Promise<{ items: LockedAccount[]; total: number; page: number; pageSize: number }> {
  const query = ctx.db
    .selectFrom('user_account')
    .where('locked_until', '>', ctx.clock())
    .where(
      ctx.access.filter('account.manage', {
        city: 'city_id',
        district: 'district_id',
        school: 'school_id',
        person: 'student_id',
      }),
    );
  const { total } = await query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await query
    .select(['id', 'username', 'display_name', 'locked_until', 'failed_attempts'])
    .orderBy('locked_until', 'desc')
    .orderBy('username')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return {
    items: rows.map((r) => ({
      userId: r.id,
      username: r.username,
      displayName: r.display_name,
      lockedUntil: r.locked_until!.toISOString(),
      failedAttempts: r.failed_attempts,
    })),
    total: Number(total),
    page,
    pageSize,
  };
}

async function managedAccount(
  ctx: ServiceContext,
  userId: string,
  action: 'account.manage' | 'staff.manage' = 'account.manage',
) {
  const account = await loadAccount(ctx.db, userId);
  if (!account) throw notFound();
  const placement = placementOf(account);
  return { account, placement, binding: ctx.access.require(action, placement) };
}

export async function unlockManagedAccount(ctx: ServiceContext, userId: string): Promise<void> {
  const { account, placement, binding } = await managedAccount(ctx, userId);
  await ctx.db.transaction().execute(async (tx) => {
    await unlockAccount(tx, account.id);
    await ctx.audit(tx, { action: 'account.unlock', targetType: 'account', targetId: account.id, placement, binding });
  });
}

/** The temporary password, shown once to the administrator to pass on; the owner must replace it. */
export async function resetManagedPassword(ctx: ServiceContext, userId: string): Promise<string> {
  const { account, placement, binding } = await managedAccount(ctx, userId);
  await requireMayTakeOver(ctx.db, ctx.access.actor, account.id, 'password');
  return ctx.db.transaction().execute(async (tx) => {
    const password = await resetAccountPassword(tx, account.id);
    await ctx.audit(tx, {
      action: 'account.reset_password',
      targetType: 'account',
      targetId: account.id,
      placement,
      binding,
    });
    return password;
  });
}

/**
 * Removes a staff member's authenticator so they enrol again at next sign-in. Nobody resets their own: that
 * would let a stolen password replace the second factor.
 */
export async function resetManagedTwoFactor(ctx: ServiceContext, userId: string): Promise<void> {
  const { account, placement, binding } = await managedAccount(ctx, userId, 'staff.manage');
  if (account.id === ctx.actorId) throw new Problem('forbidden', { key: 'two-factor.own-reset' });
  await requireMayTakeOver(ctx.db, ctx.access.actor, account.id, 'two-factor');
  await ctx.db.transaction().execute(async (tx) => {
    const removed = await resetTwoFactor(tx, account.id);
    // Sessions opened with the old authenticator end with it: it may be why the reset was asked for.
    if (removed) await revokeAllSessions(tx, account.id);
    await ctx.audit(tx, {
      action: 'staff.two_factor_reset',
      targetType: 'account',
      targetId: account.id,
      placement,
      binding,
      detail: { removed },
    });
  });
}
