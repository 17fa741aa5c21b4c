import { describe, expect, it } from 'vitest';
import { decideReferral, REFERRAL_EVENTS, REFERRAL_STATUSES, type ReferralStatus } from './referral.js';

function walk(events: Parameters<typeof decideReferral>[0][], admitted: boolean | null = false): ReferralStatus {
  let status: ReferralStatus = 'awaiting_consent';
  for (const e of events) {
    const d = decideReferral(e, { status, admitted, certificateGiven: true });
    if (!d.ok) throw new Error(`${e} from ${status}: ${d.reasons.join(',')}`);
    status = d.to;
  }
  return status;
}

describe('referral state machine', () => {
  it('goes from consent to the hospital answer to the return to school', () => {
    expect(walk(['record_consent'])).toBe('sent');
    expect(walk(['record_consent', 'record_feedback'])).toBe('answered');
    // The doctor may correct the answer before the student returns.
    expect(walk(['record_consent', 'record_feedback', 'record_feedback'])).toBe('answered');
    expect(walk(['record_consent', 'record_feedback', 'record_return'])).toBe('returned');
  });

  it('names what is missing when a step comes out of order', () => {
    expect(decideReferral('record_feedback', { status: 'awaiting_consent', admitted: null })).toEqual({
      ok: false,
      from: 'awaiting_consent',
      reasons: ['consent_missing'],
    });
    expect(decideReferral('record_return', { status: 'sent', admitted: null })).toMatchObject({
      reasons: ['feedback_missing'],
    });
    expect(decideReferral('record_consent', { status: 'sent', admitted: null })).toMatchObject({
      reasons: ['consent_recorded'],
    });
  });

  it('changes nothing once the student is back at school', () => {
    for (const event of REFERRAL_EVENTS)
      expect(decideReferral(event, { status: 'returned', admitted: false })).toMatchObject({
        ok: false,
        reasons: ['referral_returned'],
      });
  });

  it("asks for the hospital's certificate when the student was admitted", () => {
    expect(decideReferral('record_return', { status: 'answered', admitted: true })).toMatchObject({
      ok: false,
      reasons: ['certificate_missing'],
    });
    expect(decideReferral('record_return', { status: 'answered', admitted: true, certificateGiven: true })).toEqual({
      ok: true,
      from: 'answered',
      to: 'returned',
    });
    expect(decideReferral('record_return', { status: 'answered', admitted: false })).toMatchObject({ ok: true });
  });

  it('refuses every event from a status it does not start from', () => {
    let refused = 0;
    for (const status of REFERRAL_STATUSES)
      for (const event of REFERRAL_EVENTS) if (!decideReferral(event, { status, admitted: false }).ok) refused++;
    // consent: 3 statuses refuse; feedback: 2; return: 3.
    expect(refused).toBe(8);
  });
});
