/** How urgent an alert is; each urgency has a deadline for someone to acknowledge it. */
export const URGENCIES = ['crisis', 'high', 'attention'] as const;
export type Urgency = (typeof URGENCIES)[number];

export type DeadlineMinutes = Record<Urgency, number>;

/** Defaults: a crisis within the hour, a high alert within a day, attention within a week. */
export const DEFAULT_DEADLINE_MINUTES: DeadlineMinutes = { crisis: 60, high: 24 * 60, attention: 7 * 24 * 60 };

const MINUTE_MS = 60_000;

export function deadlineMs(urgency: Urgency, deadlines: DeadlineMinutes): number {
  return deadlines[urgency] * MINUTE_MS;
}

export function dueAt(raisedAt: Date, urgency: Urgency, deadlines: DeadlineMinutes): Date {
  return new Date(raisedAt.getTime() + deadlineMs(urgency, deadlines));
}

/**
 * A city may change the deadlines but not turn them upside down: a crisis is never given longer than a
 * high alert, nor a high alert longer than attention. Returns the urgencies that break the order.
 */
export function deadlineOrderProblems(d: DeadlineMinutes): Urgency[] {
  const problems: Urgency[] = [];
  if (d.crisis > d.high) problems.push('crisis');
  if (d.high > d.attention) problems.push('high');
  return problems;
}
