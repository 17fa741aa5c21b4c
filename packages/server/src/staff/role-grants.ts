import type { Role, ScopeLevel } from '@yuxin/core';
import { loadAccount } from '../accounts/account-admin.js';
import { hashPassword, isStrongEnough } from '../auth/passwords.js';
import { fieldProblem, notFound } from '../http/problem.js';
import { placementOf } from '../org/placement.js';
import type { ServiceContext } from '../services/context.js';
import { openGrantRequest } from './grant-requests.js';
import { localizedField, requireGrantable, requireRoleFitsAccount } from './grant-rules.js';
import { registrySchoolYear } from './registry.js';
import { resolveBindingScope, resolveGrantTarget, type ResolvedScope } from './scope-resolver.js';
import {
  findBinding,
  grantBinding,
  heldBindingId,
  insertStaffAccount,
  revokeBinding,
  type NewStaff,
} from './staff-writes.js';

/**
 * Staff accounts and the roles they hold. Who may grant what, where, is core's grant policy: nobody grants a
 * role to themselves, only inside their own subtree, and a role that reads psychological data waits for a
 * second person's approval (a pending request) instead of taking effect. Every grant, request and
 * revocation commits with its audit row.
 */

/** A role given at once (`created` false when it was already held), or a request waiting for approval. */
export type GrantResult =
  | { kind: 'granted'; bindingId: string; created: boolean; role: Role; target: ResolvedScope }
  | { kind: 'pending'; requestId: string; role: Role; target: ResolvedScope };

async function requireTarget(ctx: ServiceContext, scopeId: string): Promise<ResolvedScope> {
  const target = await resolveGrantTarget(ctx.db, scopeId);
  if (!target) throw localizedField('/scopeId', 'grant.unknown-scope', ctx.locale);
  return target;
}

export interface NewStaffAccount extends Omit<NewStaff, 'passwordHash'> {
  password: string;
  role: Role;
  scopeId: string;
}

/** A new staff account with its first role; the account exists at once even when the role waits. */
export async function createStaffAccount(
  ctx: ServiceContext,
  input: NewStaffAccount,
): Promise<{ userId: string; grant: GrantResult; schoolYear: string }> {
  const { password, role, scopeId, ...staff } = input;
  if (!isStrongEnough(password)) throw fieldProblem('/password', 'password.weak');
  const target = await requireTarget(ctx, scopeId);
  // The new account is nobody yet, so never the granter: '' stands for it in the self rule.
  const { outcome } = requireGrantable(ctx.access.actor, '', role, target);
  const binding = ctx.access.require('staff.manage', target.placement);
  const passwordHash = await hashPassword(password);
  const created = await ctx.db.transaction().execute(async (tx) => {
    const userId = await insertStaffAccount(tx, { ...staff, passwordHash }, target);
    const grant: GrantResult =
      outcome === 'immediate'
        ? {
            kind: 'granted',
            bindingId: (await grantBinding(tx, userId, role, target, ctx.actorId)).id,
            created: true,
            role,
            target,
          }
        : {
            kind: 'pending',
            requestId: (await openGrantRequest(tx, { userId, role, target, requestedBy: ctx.actorId })).id,
            role,
            target,
          };
    await ctx.audit(tx, {
      action: 'staff.create',
      targetType: 'account',
      targetId: userId,
      placement: target.placement,
      binding,
      detail: {
        username: staff.username,
        role,
        scope: target.scope,
        bindingId: grant.kind === 'granted' ? grant.bindingId : null,
        requestId: grant.kind === 'pending' ? grant.requestId : null,
      },
    });
    return { userId, grant };
  });
  return { ...created, schoolYear: await registrySchoolYear(ctx.db, target.placement.cityId) };
}

/** Gives an existing account a role; granting what is already held changes nothing and says so. */
export async function grantStaffRole(
  ctx: ServiceContext,
  userId: string,
  request: { role: Role; scopeId: string },
): Promise<GrantResult> {
  const { role } = request;
  const account = await loadAccount(ctx.db, userId);
  if (!account) throw notFound();
  ctx.access.require('staff.manage', placementOf(account));
  const target = await requireTarget(ctx, request.scopeId);
  const studentClass = account.student_id
    ? ((await ctx.db.selectFrom('student').select('class_id').where('id', '=', account.student_id).executeTakeFirst())
        ?.class_id ?? null)
    : null;
  requireRoleFitsAccount(account, studentClass, role, target, ctx.locale);
  const { outcome } = requireGrantable(ctx.access.actor, account.id, role, target);
  const binding = ctx.access.require('staff.manage', target.placement);
  return ctx.db.transaction().execute(async (tx): Promise<GrantResult> => {
    const held = outcome === 'pending' ? await heldBindingId(tx, account.id, role, target.scope) : undefined;
    if (outcome === 'immediate' || held) {
      const result = held
        ? { id: held, created: false }
        : await grantBinding(tx, account.id, role, target, ctx.actorId);
      // Granting what is already held is recorded as the repeated grant it is.
      await ctx.audit(tx, {
        action: 'staff.grant',
        targetType: 'account',
        targetId: account.id,
        placement: target.placement,
        binding,
        detail: { bindingId: result.id, role, scope: target.scope, created: result.created },
      });
      return { kind: 'granted', bindingId: result.id, created: result.created, role, target };
    }
    const request = await openGrantRequest(tx, { userId: account.id, role, target, requestedBy: ctx.actorId });
    await ctx.audit(tx, {
      action: 'staff.grant_request',
      targetType: 'account',
      targetId: account.id,
      placement: target.placement,
      binding,
      detail: { requestId: request.id, role, scope: target.scope, created: request.created },
    });
    return { kind: 'pending', requestId: request.id, role, target };
  });
}

/**
 * Revoking is granting undone: the same subtree, level and self rules apply, but no second person, since
 * it only takes access away. A repeated revocation finds the binding already gone and answers as the first.
 */
export async function revokeStaffRole(ctx: ServiceContext, bindingId: string): Promise<void> {
  const found = await findBinding(ctx.db, bindingId);
  if (!found) throw notFound();
  const target: ResolvedScope = (await resolveBindingScope(
    ctx.db,
    found.scope_level as ScopeLevel,
    found.scope_id,
  )) ?? {
    scope: { level: found.scope_level as ScopeLevel, id: found.scope_id },
    placement: { cityId: found.city_id, districtId: found.district_id, schoolId: found.school_id },
    name: '',
  };
  const binding = ctx.access.require('staff.manage', target.placement);
  const role = found.role as Role;
  if (role === 'student' || role === 'guardian') throw localizedField('/id', 'grant.roster-managed', ctx.locale);
  requireGrantable(ctx.access.actor, found.user_id, role, target);
  if (found.revoked) return;
  await ctx.db.transaction().execute(async (tx) => {
    await revokeBinding(tx, found, ctx.actorId);
    await ctx.audit(tx, {
      action: 'staff.revoke',
      targetType: 'role_binding',
      targetId: found.id,
      placement: target.placement,
      binding,
      detail: { userId: found.user_id, role, scope: target.scope },
    });
  });
}
