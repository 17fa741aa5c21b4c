import { deadlineMs, type DeadlineMinutes, type Urgency } from './deadlines.js';

/**
 * Who holds an unacknowledged alert: the school's psychology teachers first, then the school leader, then
 * the district centre. Each step up waits one more deadline of the alert's urgency.
 */
export const ESCALATION_LEVELS = ['school', 'leader', 'district'] as const;
export type EscalationLevel = (typeof ESCALATION_LEVELS)[number];

export interface EscalationState {
  status: 'open' | 'acknowledged' | 'closed';
  urgency: Urgency;
  dueAt: Date;
  escalationLevel: EscalationLevel;
  /** When the alert reached its current level above `school`. */
  escalatedAt: Date | null;
}

export type EscalationStep =
  | { kind: 'escalate'; to: Exclude<EscalationLevel, 'school'>; overdueSince: Date }
  /** Nothing to do now; `nextCheckAt` is when the next step would fall due, if any. */
  | { kind: 'wait'; nextCheckAt: Date | null };

/** When the alert would move above its current level if still unacknowledged; null at the top or when handled. */
export function nextEscalationAt(a: EscalationState, deadlines: DeadlineMinutes): Date | null {
  if (a.status !== 'open') return null;
  switch (a.escalationLevel) {
    case 'school':
      return a.dueAt;
    case 'leader':
      // An alert escalated before this rule existed has no time; count from its due time then.
      return new Date((a.escalatedAt ?? a.dueAt).getTime() + deadlineMs(a.urgency, deadlines));
    case 'district':
      return null;
  }
}

/**
 * The next step for one alert at `now`. One step at a time: an alert found long overdue goes to the leader
 * first and reaches the district a full deadline later, so the leader always gets their turn.
 */
export function escalationStep(a: EscalationState, now: Date, deadlines: DeadlineMinutes): EscalationStep {
  const at = nextEscalationAt(a, deadlines);
  if (!at || now.getTime() < at.getTime()) return { kind: 'wait', nextCheckAt: at };
  return { kind: 'escalate', to: a.escalationLevel === 'school' ? 'leader' : 'district', overdueSince: at };
}
