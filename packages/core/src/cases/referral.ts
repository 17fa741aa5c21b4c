import { CLOCK_SKEW_MS } from './records.js';

/**
 * 转介 and 复学: the states of a referral to a partner hospital. The school writes it (awaiting the guardian's
 * consent), records the consent (sent: the hospital may now see it), the doctor answers, and the school
 * records the return to school. Until the student is admitted the school may cancel it (the case goes back
 * to intervention) or re-route it to another partner hospital (this one ends as `rerouted` and a new
 * referral, awaiting the guardian's consent to that hospital, takes its place). The server moves a referral
 * only through `decideReferral`.
 */
export const REFERRAL_STATUSES = ['awaiting_consent', 'sent', 'answered', 'returned', 'cancelled', 'rerouted'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

/** A referral is written awaiting the guardian's consent: the hospital sees nothing before it. */
export const REFERRAL_INITIAL_STATUS: ReferralStatus = 'awaiting_consent';

export const REFERRAL_EVENTS = [
  'record_consent',
  'record_feedback',
  'record_return',
  'cancel',
  'reroute',
  'correct_consent',
  'record_stay',
] as const;
export type ReferralEvent = (typeof REFERRAL_EVENTS)[number];

export type ReferralRefusal =
  | 'consent_recorded'
  | 'consent_missing'
  | 'feedback_missing'
  | 'referral_returned'
  | 'certificate_missing'
  | 'referral_ended'
  | 'referral_admitted'
  | 'reason_missing'
  | 'same_hospital'
  | 'not_admitted'
  | 'stay_in_future'
  | 'discharge_before_admission'
  | 'discharge_missing';

/** A referral that no longer moves: finished by a return to school, cancelled, or re-routed elsewhere. */
export function referralEnded(status: ReferralStatus): boolean {
  return status === 'returned' || status === 'cancelled' || status === 'rerouted';
}

export interface ReferralFacts {
  status: ReferralStatus;
  /** The hospital's answer: admitted for inpatient care. */
  admitted: boolean | null;
  /** The hospital's certificate reference comes with this request (return to school). */
  certificateGiven?: boolean;
  /** A reason comes with this request (cancel, re-route, correct a consent). */
  reasonGiven?: boolean;
  /** Re-routing names the hospital the referral already goes to. */
  sameHospital?: boolean;
  /** The hospital's record of the stay this request brings. */
  stay?: HospitalStay;
  now?: Date;
}

/** What the hospital records of an admission; the summary and the certificate come with the discharge. */
export interface HospitalStay {
  admittedAt: Date;
  dischargedAt: Date | null;
  summaryGiven: boolean;
  certificateGiven: boolean;
}

export const REFERRAL_TRANSITIONS: Record<
  ReferralEvent,
  { from: readonly ReferralStatus[]; to: ReferralStatus | 'same' }
> = {
  record_consent: { from: ['awaiting_consent'], to: 'sent' },
  // The doctor may correct the answer until the student is back at school.
  record_feedback: { from: ['sent', 'answered'], to: 'answered' },
  record_return: { from: ['answered'], to: 'returned' },
  // Until the student is admitted (see `decideReferral`): afterwards the way back is the return to school.
  cancel: { from: ['awaiting_consent', 'sent', 'answered'], to: 'cancelled' },
  reroute: { from: ['awaiting_consent', 'sent', 'answered'], to: 'rerouted' },
  // A consent written down wrongly is corrected in place; the referral stays where it is.
  correct_consent: { from: ['sent', 'answered'], to: 'same' },
  // The doctor records the stay of a student they admitted, and may complete it (the discharge) later.
  record_stay: { from: ['answered'], to: 'same' },
};

export type ReferralDecision =
  | { ok: true; from: ReferralStatus; to: ReferralStatus }
  | { ok: false; from: ReferralStatus; reasons: ReferralRefusal[] };

/** Why an event does not fit the referral's status, in the words of what is missing. */
function outOfOrder(event: ReferralEvent, status: ReferralStatus): ReferralRefusal {
  if (status === 'returned') return 'referral_returned';
  if (referralEnded(status)) return 'referral_ended';
  if (event === 'record_consent') return 'consent_recorded';
  if (event === 'record_feedback' || event === 'correct_consent') return 'consent_missing';
  return 'feedback_missing';
}

export function decideReferral(event: ReferralEvent, facts: ReferralFacts): ReferralDecision {
  const t = REFERRAL_TRANSITIONS[event];
  if (!t.from.includes(facts.status))
    return { ok: false, from: facts.status, reasons: [outOfOrder(event, facts.status)] };
  const reasons: ReferralRefusal[] = [];
  // An admitted student comes back with the hospital's certificate.
  if (event === 'record_return' && facts.admitted === true && !facts.certificateGiven)
    reasons.push('certificate_missing');
  if (event === 'cancel' || event === 'reroute') {
    // Once admitted, the hospital has the student: the referral ends with the return to school.
    if (facts.admitted === true) reasons.push('referral_admitted');
    if (event === 'reroute' && facts.sameHospital) reasons.push('same_hospital');
  }
  if (event === 'record_stay') reasons.push(...stayRefusals(facts));
  if ((event === 'cancel' || event === 'reroute' || event === 'correct_consent') && !facts.reasonGiven)
    reasons.push('reason_missing');
  if (reasons.length) return { ok: false, from: facts.status, reasons };
  return { ok: true, from: facts.status, to: t.to === 'same' ? facts.status : t.to };
}

/** A stay is recorded only for an admitted student, in order, not ahead of now (a phone's small skew aside). */
function stayRefusals(facts: ReferralFacts): ReferralRefusal[] {
  const { stay, now } = facts;
  if (facts.admitted !== true) return ['not_admitted'];
  if (!stay || !now) return [];
  const reasons: ReferralRefusal[] = [];
  const latest = now.getTime() + CLOCK_SKEW_MS;
  if (stay.admittedAt.getTime() > latest || (stay.dischargedAt && stay.dischargedAt.getTime() > latest))
    reasons.push('stay_in_future');
  if (stay.dischargedAt && stay.dischargedAt < stay.admittedAt) reasons.push('discharge_before_admission');
  // The summary and the certificate are written at discharge.
  if (!stay.dischargedAt && (stay.summaryGiven || stay.certificateGiven)) reasons.push('discharge_missing');
  return reasons;
}
