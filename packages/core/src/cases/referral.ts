/**
 * 转介 and 复学: the states of a referral to a partner hospital. The school writes it (awaiting the guardian's
 * consent), records the consent (sent: the hospital may now see it), the doctor answers, and the school
 * records the return to school. The server moves a referral only through `decideReferral`.
 */
export const REFERRAL_STATUSES = ['awaiting_consent', 'sent', 'answered', 'returned'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

/** A referral is written awaiting the guardian's consent: the hospital sees nothing before it. */
export const REFERRAL_INITIAL_STATUS: ReferralStatus = 'awaiting_consent';

export const REFERRAL_EVENTS = ['record_consent', 'record_feedback', 'record_return'] as const;
export type ReferralEvent = (typeof REFERRAL_EVENTS)[number];

export type ReferralRefusal =
  'consent_recorded' | 'consent_missing' | 'feedback_missing' | 'referral_returned' | 'certificate_missing';

export interface ReferralFacts {
  status: ReferralStatus;
  /** The hospital's answer: admitted for inpatient care. */
  admitted: boolean | null;
  /** The hospital's certificate reference comes with this request (return to school). */
  certificateGiven?: boolean;
}

export const REFERRAL_TRANSITIONS: Record<ReferralEvent, { from: readonly ReferralStatus[]; to: ReferralStatus }> = {
  record_consent: { from: ['awaiting_consent'], to: 'sent' },
  // The doctor may correct the answer until the student is back at school.
  record_feedback: { from: ['sent', 'answered'], to: 'answered' },
  record_return: { from: ['answered'], to: 'returned' },
};

export type ReferralDecision =
  | { ok: true; from: ReferralStatus; to: ReferralStatus }
  | { ok: false; from: ReferralStatus; reasons: ReferralRefusal[] };

/** Why an event does not fit the referral's status, in the words of what is missing. */
function outOfOrder(event: ReferralEvent, status: ReferralStatus): ReferralRefusal {
  if (status === 'returned') return 'referral_returned';
  if (event === 'record_consent') return 'consent_recorded';
  if (event === 'record_feedback') return 'consent_missing';
  return 'feedback_missing';
}

export function decideReferral(event: ReferralEvent, facts: ReferralFacts): ReferralDecision {
  const t = REFERRAL_TRANSITIONS[event];
  if (!t.from.includes(facts.status))
    return { ok: false, from: facts.status, reasons: [outOfOrder(event, facts.status)] };
  // An admitted student comes back with the hospital's certificate.
  if (event === 'record_return' && facts.admitted === true && !facts.certificateGiven)
    return { ok: false, from: facts.status, reasons: ['certificate_missing'] };
  return { ok: true, from: facts.status, to: t.to };
}
