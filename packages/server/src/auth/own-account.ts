import type { Locale } from '../http/locale.js';
import { fieldProblem } from '../http/problem.js';
import type { ServiceContext } from '../services/context.js';
import { hashPassword, isStrongEnough, verifyPassword } from './passwords.js';
import { revokeAllSessions } from './sessions.js';

/** What any signed-in account does to itself: its password and the language it reads the app in. */

/**
 * A new password for the acting account. Other devices signed in with the old one are signed out, the one
 * asking (`keepSessionTokenHash`) stays: the person changing it is the one holding it.
 */
export async function changeOwnPassword(
  ctx: ServiceContext,
  keepSessionTokenHash: string,
  change: { currentPassword: string; newPassword: string },
): Promise<void> {
  const { currentPassword, newPassword } = change;
  const row = await ctx.db
    .selectFrom('user_account')
    .select('password_hash')
    .where('id', '=', ctx.actorId)
    .executeTakeFirstOrThrow();
  if (!(await verifyPassword(row.password_hash, currentPassword)))
    throw fieldProblem('/currentPassword', 'password.current-wrong');
  if (!isStrongEnough(newPassword)) throw fieldProblem('/newPassword', 'password.weak');
  if (newPassword === currentPassword) throw fieldProblem('/newPassword', 'password.same');
  const passwordHash = await hashPassword(newPassword);
  await ctx.db.transaction().execute(async (tx) => {
    await tx
      .updateTable('user_account')
      .set({ password_hash: passwordHash, must_change_password: false, password_changed_at: ctx.clock() })
      .where('id', '=', ctx.actorId)
      .execute();
    await revokeAllSessions(tx, ctx.actorId, keepSessionTokenHash);
    await ctx.audit(tx, { action: 'auth.change_password', targetType: 'account', targetId: ctx.actorId });
  });
}

export async function setOwnLocale(ctx: ServiceContext, locale: Locale): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    await tx.updateTable('user_account').set({ locale }).where('id', '=', ctx.actorId).execute();
    await ctx.audit(tx, {
      action: 'auth.locale',
      targetType: 'account',
      targetId: ctx.actorId,
      detail: { locale },
    });
  });
}
