import { decideGrant, type Actor, type Role, type RoleBinding } from '@yuxin/core';
import type { Locale } from '../http/locale.js';
import { fieldProblem, Problem } from '../http/problem.js';
import { ta, type AccountMessageKey } from '../accounts/messages.js';
import type { ResolvedScope } from './scope-resolver.js';

/**
 * The grant rule of @yuxin/core, as HTTP answers: a role bound to a level it cannot have is the caller's
 * mistake (400 on the scope); a grant to oneself, or outside the granter's subtree or above their level, is
 * refused (403). Otherwise the grant is immediate or waits for a second person.
 */
export function requireGrantable(
  actor: Actor,
  granteeUserId: string,
  role: Role,
  target: ResolvedScope,
): { outcome: 'immediate' | 'pending'; binding: RoleBinding } {
  const decision = decideGrant(actor, { granteeUserId, role, scope: target.scope, placement: target.placement });
  if (decision.outcome === 'refused') {
    if (decision.reason === 'scope_mismatch') throw fieldProblem('/scopeId', 'grant.scope-mismatch');
    throw new Problem('forbidden', { key: decision.reason === 'self' ? 'grant.self' : 'grant.not-allowed' });
  }
  return { outcome: decision.outcome, binding: decision.binding };
}

/** The kind of account decides which roles it may hold: staff roles for staff, peer supporter of their own class for a student. */
export function requireRoleFitsAccount(
  account: { kind: 'staff' | 'student' | 'guardian' },
  studentClassId: string | null,
  role: Role,
  target: ResolvedScope,
  locale: Locale,
): void {
  if (account.kind === 'guardian') throw localizedField('/role', 'grant.guardian-account', locale);
  if (account.kind === 'student') {
    if (role !== 'peer_supporter') throw localizedField('/role', 'grant.student-account-role', locale);
    if (target.scope.level !== 'class' || target.scope.id !== studentClassId)
      throw localizedField('/scopeId', 'grant.peer-own-class', locale);
    return;
  }
  if (role === 'peer_supporter') throw localizedField('/role', 'grant.staff-peer-role', locale);
}

export function localizedField(field: string, key: AccountMessageKey, locale: Locale): Problem {
  return new Problem('validation', { errors: [{ field, key: 'field.invalid', message: ta(key, locale) }] });
}
