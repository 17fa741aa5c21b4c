import { bindingScopeIsValid, canGrant, type Actor, type Role } from '@yuxin/core';
import type { Locale } from '../http/locale.js';
import { fieldProblem, Problem } from '../http/problem.js';
import { ta, type AccountMessageKey } from '../accounts/messages.js';
import type { ResolvedScope } from './scope-resolver.js';

/**
 * DHIS2's lesson, in order: a role bound to a level it cannot have is the caller's mistake (400 on the
 * scope); a scope outside the granter's subtree, or a level above their own, is refused (403).
 */
export function requireGrantable(actor: Actor, role: Role, target: ResolvedScope): void {
  if (!bindingScopeIsValid(role, target.scope)) throw fieldProblem('/scopeId', 'grant.scope-mismatch');
  if (!canGrant(actor, role, target.scope, target.placement))
    throw new Problem('forbidden', { key: 'grant.not-allowed' });
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
