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
