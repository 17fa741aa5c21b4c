import { roleAllows, scopeContains, type Actor, type OrgPlacement, type RoleBinding } from '../access/policy.js';
import type { Role } from '../access/roles.js';

/**
 * A school's mental-health activities (活动台账), each a supervision record of its own kind: 主题班会 held by a
 * head teacher for their class, 心理讲座 for students, 团体辅导, and the activities of the two days every school
 * marks, 5·25 (大学生/心理健康日) and 10·10 (世界精神卫生日).
 */
export const ACTIVITY_KINDS = ['class_meeting', 'lecture', 'group_session', 'day_5_25', 'day_10_10'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export function isActivityKind(k: string): k is ActivityKind {
  return (ACTIVITY_KINDS as readonly string[]).includes(k);
}

/**
 * The kinds each recording role may enter. A head teacher runs their own class's meetings and nothing
 * school-wide; the psychology teachers and the leader keep the whole school's ledger.
 */
export const ACTIVITY_KINDS_BY_ROLE: Partial<Record<Role, readonly ActivityKind[]>> = {
  head_teacher: ['class_meeting'],
  psych_teacher: ACTIVITY_KINDS,
  school_leader: ACTIVITY_KINDS,
};

export function activityKindsFor(role: Role): readonly ActivityKind[] {
  return roleAllows(role, 'activity.record') ? (ACTIVITY_KINDS_BY_ROLE[role] ?? []) : [];
}

/** Kinds that belong to one class and must name it; the others may name a class or not. */
export const CLASS_ACTIVITY_KINDS: readonly ActivityKind[] = ['class_meeting'];

export type ActivityDecision =
  | { allowed: true; binding: RoleBinding }
  | {
      allowed: false;
      /**
       * `no_role`: nobody of the actor records activities. `kind`: they record activities here, not this
       * kind (a head teacher's lecture). `out_of_scope`: not their school or class.
       */
      reason: 'no_role' | 'kind' | 'out_of_scope';
    };

/**
 * Who may record (or change) an activity of this kind at this place: a binding that holds activity.record,
 * contains the place and lets its role enter the kind. A head teacher's binding is their class, so an
 * activity without a class, or of another class, is outside it.
 */
export function authorizeActivity(actor: Actor, kind: ActivityKind, target: OrgPlacement): ActivityDecision {
  let anyRole = false;
  let inScope = false;
  for (const binding of actor.bindings) {
    if (!roleAllows(binding.role, 'activity.record')) continue;
    anyRole = true;
    if (!scopeContains(binding.scope, target)) continue;
    inScope = true;
    if (activityKindsFor(binding.role).includes(kind)) return { allowed: true, binding };
  }
  return { allowed: false, reason: !anyRole ? 'no_role' : inScope ? 'kind' : 'out_of_scope' };
}

/** The per-term standards of the activities; null means the city's policy says nothing, so nothing is checked. */
export interface ActivityStandards {
  lecturesPerTerm: number | null;
  groupSessionsPerTerm: number | null;
}

export type ActivityCounts = Record<ActivityKind, number>;

/**
 * Counts a school's activities of one term by kind. Voided entries do not count: a mistaken entry is voided
 * with a reason, never deleted, and must not meet a standard.
 */
export function countActivities(items: readonly { kind: ActivityKind; voided?: boolean }[]): ActivityCounts {
  const counts = Object.fromEntries(ACTIVITY_KINDS.map((k) => [k, 0])) as ActivityCounts;
  for (const item of items) if (!item.voided) counts[item.kind]++;
  return counts;
}

/** The checked activity standards with the count that meets each; a standard the city does not set is left out. */
export function activityTargets(
  counts: Partial<ActivityCounts>,
  s: ActivityStandards,
): { id: 'activity_lectures' | 'activity_group_sessions'; value: number; target: number }[] {
  const out: { id: 'activity_lectures' | 'activity_group_sessions'; value: number; target: number }[] = [];
  if (s.lecturesPerTerm != null)
    out.push({ id: 'activity_lectures', value: counts.lecture ?? 0, target: s.lecturesPerTerm });
  if (s.groupSessionsPerTerm != null)
    out.push({ id: 'activity_group_sessions', value: counts.group_session ?? 0, target: s.groupSessionsPerTerm });
  return out;
}
