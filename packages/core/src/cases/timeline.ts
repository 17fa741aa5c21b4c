import type { CaseEvent } from './state-machine.js';
import type { ActionKind } from './records.js';

/**
 * Every kind of entry a case's timeline stores (`case_event.type`). A state change is one `state_changed`
 * entry naming the machine's event in its payload, so the machine's events are not listed again here.
 */
export const CASE_EVENT_TYPES = [
  'opened',
  'alerts_linked',
  'state_changed',
  'assessed',
  'planned',
  'conference',
  'confidentiality_broken',
  'note',
  'leader_review',
  'follow_ups_scheduled',
  'follow_up_done',
  'followup_overdue_notified',
  'followup_escalated',
  'monitoring_scheduled',
  'referral_consent',
  'referral_consent_corrected',
  'referral_consent_refused',
  'referral_rerouted',
  'referral_feedback',
  'hospital_stay',
  'returned_to_school',
  // The student moved to another school and the case went with them (a transfer's hand-over).
  'handed_over',
] as const;
export type CaseEventType = (typeof CASE_EVENT_TYPES)[number] | `action.${ActionKind}`;

/** The timeline entry of an action of one kind. */
export function actionEventType(kind: ActionKind): CaseEventType {
  return `action.${kind}`;
}

/**
 * A case's current episode starts when it was last reopened: what was decided before (the leader's review)
 * belongs to the earlier episode. The reopening is stored as this state change.
 */
export const EPISODE_START = { type: 'state_changed', event: 'reopen' } as const satisfies {
  type: CaseEventType;
  event: CaseEvent;
};
