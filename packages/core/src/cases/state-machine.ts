/**
 * 一案一清: the one state machine of a crisis case. The server never sets a state itself; its case commands
 * gather the facts below, ask `decide`, and store the state it returns, so every rule about what may follow
 * what lives here and is tested on its own.
 */
export const CASE_STATES = [
  'open',
  'assessing',
  'intervening',
  'referred',
  'following_up',
  'closing',
  'closed',
] as const;
export type CaseState = (typeof CASE_STATES)[number];

/** The school leader's 研判 before a referral. */
export const LEADER_REVIEW_OUTCOMES = ['refer', 'no_referral'] as const;
export type LeaderReviewOutcome = (typeof LEADER_REVIEW_OUTCOMES)[number];

export const CASE_EVENTS = [
  'start_assessment',
  'start_intervention',
  'refer',
  'cancel_referral',
  'return_to_school',
  'start_follow_up',
  'request_closure',
  'approve_closure',
  'reject_closure',
  'reopen',
] as const;
export type CaseEvent = (typeof CASE_EVENTS)[number];

/** Why a transition is refused; each has a localized message on the server. */
export type GuardReason =
  | 'wrong_state'
  | 'assessment_missing'
  | 'plan_missing'
  | 'helpers_missing'
  | 'leader_review_missing'
  | 'leader_review_declined'
  | 'referral_missing'
  | 'referral_open'
  | 'consent_missing'
  | 'feedback_missing'
  | 'return_record_missing'
  | 'follow_ups_missing'
  | 'follow_ups_open'
  | 'conclusion_missing'
  | 'guardian_not_informed'
  | 'reason_missing'
  | 'active_case_exists';

/** What is known about a case when a transition is asked for. */
export interface CaseFacts {
  state: CaseState;
  assessmentRecorded: boolean;
  planRecorded: boolean;
  helperCount: number;
  /** City setting (常州): the school leader reviews (研判) every student before a referral. */
  leaderReviewRequired: boolean;
  /** The latest leader review of this episode: reviews from before the case was last reopened do not count. */
  leaderReview: LeaderReviewOutcome | null;
  /** The open referral (not yet finished by a return to school), if any. */
  referral: {
    consentRecorded: boolean;
    feedbackRecorded: boolean;
    admitted: boolean | null;
    returnRecorded: boolean;
  } | null;
  followUpsScheduled: number;
  followUpsOpen: number;
  conclusionRecorded: boolean;
  guardianInformed: boolean;
  /** A reason given with this request (reopen, reject). */
  reasonGiven: boolean;
  /** Another case of the same student is active: a student has one active case at a time. */
  otherActiveCase: boolean;
}

interface Transition {
  from: readonly CaseState[];
  to: CaseState;
  guard: (f: CaseFacts) => GuardReason[];
}

const none = (): GuardReason[] => [];
const when = (cond: boolean, reason: GuardReason): GuardReason[] => (cond ? [reason] : []);

export const TRANSITIONS: Record<CaseEvent, Transition> = {
  start_assessment: { from: ['open'], to: 'assessing', guard: none },
  start_intervention: {
    from: ['assessing'],
    to: 'intervening',
    guard: (f) => [
      ...when(!f.assessmentRecorded, 'assessment_missing'),
      ...when(!f.planRecorded, 'plan_missing'),
      ...when(f.helperCount === 0, 'helpers_missing'),
    ],
  },
  // The event carries the new referral, written only when this allows it: one open referral per case.
  refer: {
    from: ['intervening'],
    to: 'referred',
    guard: (f) => [
      ...(f.leaderReviewRequired
        ? [
            ...when(f.leaderReview === null, 'leader_review_missing'),
            ...when(f.leaderReview === 'no_referral', 'leader_review_declined'),
          ]
        : []),
      ...when(f.referral !== null, 'referral_open'),
    ],
  },
  // The referral is cancelled before the student was admitted (core's referral rules): intervention goes on.
  cancel_referral: {
    from: ['referred'],
    to: 'intervening',
    guard: (f) => when(!f.referral, 'referral_missing'),
  },
  // Back from hospital: with its feedback, and when the student was admitted, with the 复学 record.
  return_to_school: {
    from: ['referred'],
    to: 'intervening',
    guard: (f) =>
      !f.referral
        ? ['referral_missing']
        : [
            ...when(!f.referral.consentRecorded, 'consent_missing'),
            ...when(!f.referral.feedbackRecorded, 'feedback_missing'),
            ...when(f.referral.admitted === true && !f.referral.returnRecorded, 'return_record_missing'),
          ],
  },
  start_follow_up: {
    from: ['intervening'],
    to: 'following_up',
    guard: (f) => when(f.followUpsScheduled === 0, 'follow_ups_missing'),
  },
  request_closure: {
    from: ['following_up'],
    to: 'closing',
    guard: (f) => [
      ...when(!f.conclusionRecorded, 'conclusion_missing'),
      ...when(!f.guardianInformed, 'guardian_not_informed'),
      ...when(f.followUpsOpen > 0, 'follow_ups_open'),
    ],
  },
  // The leader's approval is the event itself (policy decides who may send it); the facts are re-checked
  // because a follow-up may have been added between the request and the approval.
  approve_closure: {
    from: ['closing'],
    to: 'closed',
    guard: (f) => [
      ...when(!f.conclusionRecorded, 'conclusion_missing'),
      ...when(!f.guardianInformed, 'guardian_not_informed'),
      ...when(f.followUpsOpen > 0, 'follow_ups_open'),
    ],
  },
  reject_closure: { from: ['closing'], to: 'following_up', guard: (f) => when(!f.reasonGiven, 'reason_missing') },
  // A newer case opened since this one closed carries on instead: one active case per student.
  reopen: {
    from: ['closed'],
    to: 'assessing',
    guard: (f) => [...when(!f.reasonGiven, 'reason_missing'), ...when(f.otherActiveCase, 'active_case_exists')],
  },
};

export type CaseDecision =
  { ok: true; from: CaseState; to: CaseState } | { ok: false; from: CaseState; reasons: GuardReason[] };

export function decide(event: CaseEvent, facts: CaseFacts): CaseDecision {
  const t = TRANSITIONS[event];
  if (!t.from.includes(facts.state)) return { ok: false, from: facts.state, reasons: ['wrong_state'] };
  const reasons = t.guard(facts);
  return reasons.length ? { ok: false, from: facts.state, reasons } : { ok: true, from: facts.state, to: t.to };
}

/** Events whose source state matches, for showing the next buttons; guards may still refuse them. */
export function eventsFrom(state: CaseState): CaseEvent[] {
  return CASE_EVENTS.filter((e) => TRANSITIONS[e].from.includes(state));
}

export function isActiveState(state: CaseState): boolean {
  return state !== 'closed';
}
