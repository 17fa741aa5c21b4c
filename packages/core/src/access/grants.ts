import {
  bindingScopeIsValid,
  levelRank,
  scopeContains,
  type Actor,
  type OrgPlacement,
  type RoleBinding,
  type Scope,
} from './policy.js';
import type { Role, ScopeLevel } from './roles.js';

/**
 * Roles that read psychological data (answers, tiers, alerts, cases, referrals, or reports built from them).
 * An administrator never makes anyone one of these alone: a second person approves (four-eyes).
 */
export const PSYCH_DATA_ROLES: readonly Role[] = [
  'psych_teacher',
  'school_leader',
  'head_teacher',
  'hospital_doctor',
  'hotline_counselor',
  'city_staff',
  'district_staff',
  'supervisor',
];

export function readsPsychologicalData(role: Role): boolean {
  return PSYCH_DATA_ROLES.includes(role);
}

/** Who may approve a pending grant: a holder of `role` bound at `level` over the granted scope. */
export interface ApproverRule {
  role: Role;
  level: ScopeLevel;
}

/**
 * The second person of a four-eyes grant. The school leader for school and class roles (the leader knows
 * who teaches there); the district centre for a new school leader (leaders are appointed above the school,
 * and a school without one can still get one); the district or city centre for district roles; the city
 * centre for city and hospital roles (partner hospitals are contracted by the city); another city
 * administrator for a city administrator, since nobody stands above one.
 */
export function approversFor(role: Role, scope: Scope): readonly ApproverRule[] {
  if (role === 'system_admin') return [{ role: 'system_admin', level: 'city' }];
  if (role === 'school_leader') return [{ role: 'district_staff', level: 'district' }];
  switch (scope.level) {
    case 'school':
    case 'grade':
    case 'class':
      return [{ role: 'school_leader', level: 'school' }];
    case 'district':
      return [
        { role: 'district_staff', level: 'district' },
        { role: 'city_staff', level: 'city' },
      ];
    default:
      return [{ role: 'city_staff', level: 'city' }];
  }
}

export interface GrantRequest {
  /** The account that would hold the role. */
  granteeUserId: string;
  role: Role;
  scope: Scope;
  /** Where the granted scope sits in the org tree. */
  placement: OrgPlacement;
}

export type GrantDecision =
  | { outcome: 'refused'; reason: 'self' | 'scope_mismatch' | 'not_allowed' }
  | { outcome: 'immediate'; binding: RoleBinding }
  | { outcome: 'pending'; binding: RoleBinding; approvers: readonly ApproverRule[] };

/**
 * The grant rule (DHIS2's delegation lesson plus four-eyes), in order:
 * - a role bound to a level it cannot have is refused;
 * - nobody grants a role to themselves, ever;
 * - only an administrator grants, inside their own subtree and never above their own level;
 * - `system_admin` is granted only from a strictly higher level (a school admin makes no admins, a district
 *   admin makes school admins); a city admin making another city admin needs a second city admin;
 * - a role that reads psychological data takes effect only when a second person approves it;
 * - every other role (teacher, dormitory staff, peer supporter) is granted at once.
 */
export function decideGrant(actor: Actor, request: GrantRequest): GrantDecision {
  const { role, scope, placement } = request;
  if (!bindingScopeIsValid(role, scope)) return { outcome: 'refused', reason: 'scope_mismatch' };
  if (request.granteeUserId === actor.userId) return { outcome: 'refused', reason: 'self' };
  const strictlyAbove = role === 'system_admin' && scope.level !== 'city';
  const binding = actor.bindings.find(
    (b) =>
      b.role === 'system_admin' &&
      scopeContains(b.scope, placement) &&
      (strictlyAbove
        ? levelRank(b.scope.level) < levelRank(scope.level)
        : levelRank(b.scope.level) <= levelRank(scope.level)),
  );
  if (!binding) return { outcome: 'refused', reason: 'not_allowed' };
  if (role === 'system_admin' && scope.level === 'city')
    return { outcome: 'pending', binding, approvers: approversFor(role, scope) };
  if (readsPsychologicalData(role)) return { outcome: 'pending', binding, approvers: approversFor(role, scope) };
  return { outcome: 'immediate', binding };
}

/** Whether the actor could have granted this role at once, with no second person: the bar for taking over an account. */
export function canGrantDirectly(actor: Actor, role: Role, scope: Scope, placement: OrgPlacement): boolean {
  // A grantee id nobody has: the self rule is about the grant, not about this question.
  return decideGrant(actor, { granteeUserId: '', role, scope, placement }).outcome === 'immediate';
}

export interface PendingGrant extends GrantRequest {
  requestedBy: string;
}

export type ApprovalDecision =
  { allowed: true; binding: RoleBinding } | { allowed: false; reason: 'self' | 'not_approver' };

/** The second person: neither the requester nor the grantee, holding an approver role over the granted scope. */
export function canApprove(actor: Actor, grant: PendingGrant): ApprovalDecision {
  if (actor.userId === grant.requestedBy || actor.userId === grant.granteeUserId)
    return { allowed: false, reason: 'self' };
  const rules = approversFor(grant.role, grant.scope);
  const binding = actor.bindings.find((b) =>
    rules.some((r) => r.role === b.role && r.level === b.scope.level && scopeContains(b.scope, grant.placement)),
  );
  return binding ? { allowed: true, binding } : { allowed: false, reason: 'not_approver' };
}

/**
 * Staff who must sign in with a second factor (等保 2.0 level 3 for privileged users): administrators and
 * every role that reads psychological data; all staff when the city says so. Students and guardians never.
 */
export function secondFactorRequired(
  kind: 'staff' | 'student' | 'guardian',
  roles: readonly Role[],
  allStaff: boolean,
): boolean {
  if (kind !== 'staff') return false;
  if (allStaff) return true;
  return roles.some((r) => r === 'system_admin' || readsPsychologicalData(r));
}
