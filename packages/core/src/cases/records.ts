/** What a case records, by name: the server's schemas, the database's checks and the web use these lists. */

export const RISK_LEVELS = ['low', 'moderate', 'high', 'imminent'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/** Structured grounds of a risk level; the interview itself is free text, stored encrypted. */
export const RISK_REASONS = [
  'suicidal_ideation',
  'suicide_plan',
  'self_harm',
  'prior_attempt',
  'severe_depression',
  'severe_anxiety',
  'family_crisis',
  'bullying',
  'loss',
  'substance_use',
  'psychotic_signs',
  'other',
] as const;
export type RiskReason = (typeof RISK_REASONS)[number];

/** What was done with or for the student; each is one timeline event `action.<kind>`. */
export const ACTION_KINDS = ['talk', 'group_work', 'guardian_contact', 'home_visit', 'safety_plan'] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

/** 一人一帮: staff helpers are accounts (see `canHelpOnCase`); a peer or a guardian is named only. */
export const HELPER_ROLES = ['psych_teacher', 'head_teacher', 'peer', 'guardian'] as const;
export type HelperRole = (typeof HELPER_ROLES)[number];

/** The leader's answer to a closure request. */
export const CLOSURE_OUTCOMES = ['approved', 'rejected'] as const;
export type ClosureOutcome = (typeof CLOSURE_OUTCOMES)[number];

/** When a school sweeps its students at risk (季节性排查). */
export const SWEEP_SEASONS = ['before_exams', 'start_of_year', 'spring', 'before_graduation'] as const;
export type SweepSeason = (typeof SWEEP_SEASONS)[number];

/** How the guardian was reached for a contact, a consent or the return to school. */
export const CONTACT_METHODS = ['phone', 'visit', 'meeting', 'online'] as const;
export type ContactMethod = (typeof CONTACT_METHODS)[number];

/** Why a stated time of a step with the guardian is refused. */
export type OccurredAtRefusal = 'in_future' | 'before_case';

/** A phone's clock may run a little ahead of the server's: a time this close to now is not "in the future". */
export const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * A step with the guardian is recorded with when it really happened, which is often earlier than when it is
 * written down; it cannot have happened later than now, nor before the case was opened.
 */
export function occurredAtRefusal(occurredAt: Date, caseOpenedAt: Date, now: Date): OccurredAtRefusal | null {
  if (occurredAt.getTime() > now.getTime() + CLOCK_SKEW_MS) return 'in_future';
  if (occurredAt.getTime() < caseOpenedAt.getTime()) return 'before_case';
  return null;
}
