/**
 * Follow-up schedules (三预一跟 的"跟"): phases such as weekly for 4 weeks then monthly for 3 months,
 * turned into due dates; and the status of one follow-up at a given instant. Time is always passed in,
 * so the rules run the same on a fake clock.
 */
export interface SchedulePhase {
  everyDays: number;
  count: number;
}

export const DEFAULT_SCHEDULE: readonly SchedulePhase[] = [
  { everyDays: 7, count: 4 },
  { everyDays: 30, count: 3 },
];

const DAY_MS = 86_400_000;
export const MAX_FOLLOW_UPS = 60;

/** Due instants after `start`: each phase continues from the last date of the one before. */
export function followUpDates(start: Date, phases: readonly SchedulePhase[]): Date[] {
  const dates: Date[] = [];
  let t = start.getTime();
  for (const p of phases) {
    if (!Number.isInteger(p.everyDays) || p.everyDays < 1) throw new RangeError('everyDays must be a positive integer');
    if (!Number.isInteger(p.count) || p.count < 0) throw new RangeError('count must be a non-negative integer');
    for (let i = 0; i < p.count; i++) {
      t += p.everyDays * DAY_MS;
      dates.push(new Date(t));
    }
  }
  if (dates.length > MAX_FOLLOW_UPS) throw new RangeError(`a schedule has at most ${MAX_FOLLOW_UPS} follow-ups`);
  return dates;
}

export const FOLLOW_UP_STATUSES = ['done', 'upcoming', 'due', 'overdue', 'escalated'] as const;
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number];

/** How long before its date a follow-up shows as due to the responsible person. */
export const DUE_WINDOW_DAYS = 2;
/** Overdue this long and it goes up to the school leader. */
export const ESCALATE_AFTER_DAYS = 3;

export function followUpStatus(item: { dueAt: Date; doneAt: Date | null }, now: Date): FollowUpStatus {
  if (item.doneAt) return 'done';
  const late = now.getTime() - item.dueAt.getTime();
  if (late > ESCALATE_AFTER_DAYS * DAY_MS) return 'escalated';
  if (late > 0) return 'overdue';
  if (-late <= DUE_WINDOW_DAYS * DAY_MS) return 'due';
  return 'upcoming';
}
