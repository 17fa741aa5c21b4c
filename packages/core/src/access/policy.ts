import { ROLE_ACTIONS, type Action } from './actions.js';
import { ROLE_SCOPE_LEVELS, type Role, type ScopeLevel } from './roles.js';

export interface Scope {
  level: ScopeLevel;
  id: string;
}

export interface RoleBinding {
  id: string;
  role: Role;
  scope: Scope;
}

/** The signed-in person, resolved once per request. */
export interface Actor {
  userId: string;
  personId: string | null;
  bindings: readonly RoleBinding[];
  /**
   * Set for a session opened with a screening code: it reaches this one assignment's questionnaire and
   * nothing else of the account, whatever its bindings would allow.
   */
  onlyAssignment?: string | null;
}

/**
 * Where a record sits in the org tree. Every tenant row carries these ids, so containment is one
 * equality on an indexed column rather than a walk up the tree.
 */
export interface OrgPlacement {
  cityId: string;
  districtId?: string | null;
  schoolId?: string | null;
  gradeId?: string | null;
  classId?: string | null;
  hospitalId?: string | null;
  /** The student the record is about, for person-scoped roles. */
  personId?: string | null;
}

const PLACEMENT_KEY: Record<ScopeLevel, keyof OrgPlacement> = {
  city: 'cityId',
  district: 'districtId',
  school: 'schoolId',
  grade: 'gradeId',
  class: 'classId',
  hospital: 'hospitalId',
  person: 'personId',
};

export function placementKey(level: ScopeLevel): keyof OrgPlacement {
  return PLACEMENT_KEY[level];
}

export function scopeContains(scope: Scope, target: OrgPlacement): boolean {
  const value = target[PLACEMENT_KEY[scope.level]];
  return value != null && value === scope.id;
}

export function roleAllows(role: Role, action: Action): boolean {
  return ROLE_ACTIONS[role].includes(action);
}

export type Decision = { allowed: true; binding: RoleBinding } | { allowed: false; reason: 'no_role' | 'out_of_scope' };

/**
 * The one authorization decision. `no_role`: no binding of the actor can do this action anywhere, so the
 * route itself is forbidden. `out_of_scope`: the action is theirs, the record is not; callers answer
 * 404 then so the existence of another school's record is not revealed.
 */
export function authorize(actor: Actor, action: Action, target: OrgPlacement): Decision {
  let anyRole = false;
  for (const binding of actor.bindings) {
    if (!roleAllows(binding.role, action)) continue;
    anyRole = true;
    if (scopeContains(binding.scope, target)) return { allowed: true, binding };
  }
  return { allowed: false, reason: anyRole ? 'out_of_scope' : 'no_role' };
}

/** Whether any binding grants the action somewhere: decides 403 before a record is even looked up. */
export function canEver(actor: Actor, action: Action): boolean {
  return actor.bindings.some((b) => roleAllows(b.role, action));
}

/** The scopes inside which the actor may perform an action: the data layer turns them into a filter. */
export function scopesFor(actor: Actor, action: Action): Scope[] {
  const seen = new Set<string>();
  const scopes: Scope[] = [];
  for (const b of actor.bindings) {
    if (!roleAllows(b.role, action)) continue;
    const key = `${b.scope.level}:${b.scope.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    scopes.push(b.scope);
  }
  return scopes;
}

export function bindingScopeIsValid(role: Role, scope: Scope): boolean {
  return ROLE_SCOPE_LEVELS[role].includes(scope.level);
}

const LEVEL_RANK: Record<ScopeLevel, number> = {
  city: 0,
  district: 1,
  hospital: 1,
  school: 2,
  grade: 3,
  class: 4,
  person: 5,
};
export function levelRank(level: ScopeLevel): number {
  return LEVEL_RANK[level];
}
