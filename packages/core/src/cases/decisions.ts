import { scopeContains, type OrgPlacement, type RoleBinding } from '../access/policy.js';
import type { Role } from '../access/roles.js';
import type { ClosureOutcome } from './records.js';
import type { CaseEvent, CaseState } from './state-machine.js';

/**
 * Rules about a case that are not moves of the state machine: when records may be written, when the leader
 * decides, who may help. Each answers with the reason for a refusal, or null when the step may go ahead.
 */
export type CaseRefusal = 'case_closed' | 'case_not_started' | 'review_outside_intervention' | 'closure_not_requested';

/** Records (assessment, plan, actions, follow-ups, monitoring) are written from the assessment on, until closure. */
export function refusalToRecord(state: CaseState): CaseRefusal | null {
  if (state === 'closed') return 'case_closed';
  if (state === 'open') return 'case_not_started';
  return null;
}

/** 研判 comes during intervention, before the case is referred. */
export function refusalToReview(state: CaseState): CaseRefusal | null {
  return state === 'intervening' ? null : 'review_outside_intervention';
}

/** The leader's closure decision answers a request for closure; it is the machine's approve or reject event. */
export function closureDecision(
  state: CaseState,
  outcome: ClosureOutcome,
): { ok: true; event: Extract<CaseEvent, 'approve_closure' | 'reject_closure'> } | { ok: false; refusal: CaseRefusal } {
  if (state !== 'closing') return { ok: false, refusal: 'closure_not_requested' };
  return { ok: true, event: outcome === 'approved' ? 'approve_closure' : 'reject_closure' };
}

/** Roles whose holders may be named a case's staff helper or the person responsible for its follow-ups. */
export const CASE_STAFF_ROLES = ['psych_teacher', 'school_leader', 'head_teacher'] as const satisfies readonly Role[];

/**
 * Who may help on a case or own its follow-ups: the psychology staff and leader of the student's school, and
 * the head teacher of the student's own class — not every head teacher of the school, who could neither
 * see nor record the follow-ups of a student outside their class.
 */
export function canHelpOnCase(bindings: readonly Pick<RoleBinding, 'role' | 'scope'>[], c: OrgPlacement): boolean {
  return bindings.some((b) => (CASE_STAFF_ROLES as readonly Role[]).includes(b.role) && scopeContains(b.scope, c));
}

/** 复学: the school's re-assessment and return plan, and the hospital's certificate when the student was admitted. */
export function returnRecordComplete(r: {
  admitted: boolean | null;
  certificate: boolean;
  reassessment: boolean;
  returnPlan: boolean;
}): boolean {
  return r.reassessment && r.returnPlan && (r.admitted !== true || r.certificate);
}
