/**
 * The city centre's psychological hotline (心理热线): its call records, when a call reaches a school, and
 * the shift board's 24-hour coverage. Pure rules; the server stores and the web shows.
 */
import type { Urgency } from '../warning/deadlines.js';

export const CALLER_TYPES = ['student', 'guardian', 'teacher', 'other'] as const;
export type CallerType = (typeof CALLER_TYPES)[number];

/** The counselor's risk assessment of the call, lowest first. */
export const HOTLINE_RISKS = ['none', 'low', 'medium', 'high', 'imminent'] as const;
export type HotlineRisk = (typeof HOTLINE_RISKS)[number];

export const HOTLINE_OUTCOMES = ['resolved', 'advised', 'referred', 'emergency_services'] as const;
export type HotlineOutcome = (typeof HOTLINE_OUTCOMES)[number];

/** What callers talk about; a call may touch several. */
export const HOTLINE_TOPICS = [
  'study_pressure',
  'peer_relations',
  'family',
  'bullying',
  'emotions',
  'self_harm',
  'suicidal_thoughts',
  'sleep',
  'internet_gaming',
  'romance',
  'other',
] as const;
export type HotlineTopic = (typeof HOTLINE_TOPICS)[number];

export function riskRank(risk: HotlineRisk): number {
  return HOTLINE_RISKS.indexOf(risk);
}

/**
 * Why a call may not reach a school, or null when it may. Only a student the counselor found on the roster
 * can be told about, so an anonymous caller stays anonymous; below medium risk the school is not told.
 */
export function schoolAlertRefusal(call: {
  anonymous: boolean;
  studentId: string | null;
  risk: HotlineRisk;
}): 'anonymous' | 'not_on_roster' | 'risk_too_low' | null {
  if (call.anonymous) return 'anonymous';
  if (!call.studentId) return 'not_on_roster';
  if (riskRank(call.risk) < riskRank('medium')) return 'risk_too_low';
  return null;
}

/** The alert's urgency, and so its deadline and escalation, follows the counselor's risk assessment. */
export function urgencyForRisk(risk: HotlineRisk): Urgency {
  if (risk === 'imminent') return 'crisis';
  if (risk === 'high') return 'high';
  return 'attention';
}

/**
 * The reason an alert raised from a call carries: the assessed risk, the topics and the counselor's short
 * reason for the school (encrypted, as all free text about a student). Never the call's notes.
 */
export interface HotlineAlertReason {
  kind: 'hotline';
  callId: string;
  risk: HotlineRisk;
  topics: HotlineTopic[];
  reasonEnc: string;
}

export interface Interval {
  start: Date;
  end: Date;
}

/**
 * The parts of [from, to) no shift covers, in order. Shifts may overlap, touch, or reach outside the window;
 * a shift with no length covers nothing.
 */
export function coverageGaps(shifts: readonly Interval[], from: Date, to: Date): Interval[] {
  const sorted = shifts
    .map((s) => ({ start: Math.max(s.start.getTime(), from.getTime()), end: Math.min(s.end.getTime(), to.getTime()) }))
    .filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start);
  const gaps: Interval[] = [];
  let covered = from.getTime();
  for (const s of sorted) {
    if (s.start > covered) gaps.push({ start: new Date(covered), end: new Date(s.start) });
    covered = Math.max(covered, s.end);
  }
  if (covered < to.getTime()) gaps.push({ start: new Date(covered), end: to });
  return gaps;
}

export interface Coverage {
  /** Hours in the window. */
  hours: number;
  /** Hours at least one shift covers. */
  coveredHours: number;
  /** coveredHours / hours, 0–1 (1 for an empty window). */
  share: number;
  /** The uncovered stretches, in order. */
  gaps: Interval[];
}

/**
 * How much of [from, to) the shifts cover around the clock, for the centre's report: a line meant to be
 * answered 24 hours a day is judged by its uncovered hours, not by how many shifts were planned.
 */
export function shiftCoverage(shifts: readonly Interval[], from: Date, to: Date): Coverage {
  const gaps = coverageGaps(shifts, from, to);
  const windowMs = Math.max(0, to.getTime() - from.getTime());
  const gapMs = gaps.reduce((n, g) => n + (g.end.getTime() - g.start.getTime()), 0);
  const toHours = (ms: number) => Math.round((ms / 3_600_000) * 100) / 100;
  return {
    hours: toHours(windowMs),
    coveredHours: toHours(windowMs - gapMs),
    share: windowMs === 0 ? 1 : Math.round(((windowMs - gapMs) / windowMs) * 1000) / 1000,
    gaps,
  };
}

/** The longest a single shift may run: a counselor on the phone for more than 12 hours is not covering. */
export const MAX_SHIFT_HOURS = 12;
