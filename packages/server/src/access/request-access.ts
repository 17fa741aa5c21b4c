import {
  authorize,
  canEver,
  placementKey,
  scopesFor,
  type Action,
  type Actor,
  type OrgPlacement,
  type RoleBinding,
  type Scope,
  type ScopeLevel,
} from '@yuxin/core';
import { sql, type Expression, type SqlBool } from 'kysely';
import { Problem } from '../http/problem.js';

/** Column names of a table's org ancestry, keyed by scope level. */
export type ScopeColumns = Partial<Record<ScopeLevel, string>>;

export const STUDENT_SCOPE_COLUMNS: ScopeColumns = {
  city: 'city_id',
  district: 'district_id',
  school: 'school_id',
  grade: 'grade_id',
  class: 'class_id',
  person: 'id',
};

/**
 * What one signed-in request may see, built once from the actor's bindings. Handlers ask it instead of
 * checking roles themselves, so the policy in @yuxin/core is the only place access is decided.
 */
export class RequestAccess {
  constructor(readonly actor: Actor) {}

  can(action: Action): boolean {
    return canEver(this.actor, action);
  }

  /** Throws 403 when the action is never the actor's, 404 when this record is outside their scope. */
  require(action: Action, target: OrgPlacement): RoleBinding {
    const decision = authorize(this.actor, action, target);
    if (decision.allowed) return decision.binding;
    throw new Problem(decision.reason === 'no_role' ? 'forbidden' : 'not-found');
  }

  scopes(action: Action): Scope[] {
    return scopesFor(this.actor, action);
  }

  /**
   * A WHERE predicate limiting rows to the actor's scopes for an action; false when there are none.
   * Levels a table cannot express (no such column) grant nothing on it.
   */
  filter(action: Action, columns: ScopeColumns): Expression<SqlBool> {
    const parts = this.scopes(action)
      .filter((s) => columns[s.level])
      .map((s) => sql<SqlBool>`${sql.ref(columns[s.level]!)} = ${s.id}`);
    return parts.length ? sql<SqlBool>`(${sql.join(parts, sql` or `)})` : sql<SqlBool>`false`;
  }
}

export { placementKey };
