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
      expect(decideReferral(event, { status: 'returned', admitted: false, reasonGiven: true })).toMatchObject({
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
      for (const event of REFERRAL_EVENTS)
        if (!decideReferral(event, { status, admitted: false, reasonGiven: true }).ok) refused++;
    // Of the 6 statuses, consent: 5 refuse; feedback: 4; return: 5; cancel and re-route: 3 each; correction: 4;
    // a stay: all 6, the student was not admitted.
    expect(refused).toBe(30);
  });
});

describe('cancelling, re-routing and correcting a referral (issue 17.12)', () => {
  const at = (status: ReferralStatus, admitted: boolean | null = null) => ({ status, admitted, reasonGiven: true });

  it('cancels or re-routes until the student is admitted, always with a reason', () => {
    for (const status of ['awaiting_consent', 'sent', 'answered'] as const) {
      expect(decideReferral('cancel', at(status))).toEqual({ ok: true, from: status, to: 'cancelled' });
      expect(decideReferral('reroute', at(status, false))).toEqual({ ok: true, from: status, to: 'rerouted' });
    }
    expect(decideReferral('cancel', at('answered', true))).toMatchObject({ ok: false, reasons: ['referral_admitted'] });
    expect(decideReferral('reroute', at('answered', true))).toMatchObject({
      ok: false,
      reasons: ['referral_admitted'],
    });
    expect(decideReferral('cancel', { status: 'sent', admitted: null })).toMatchObject({
      ok: false,
      reasons: ['reason_missing'],
    });
    expect(decideReferral('reroute', { ...at('sent'), sameHospital: true })).toMatchObject({
      ok: false,
      reasons: ['same_hospital'],
    });
  });

  it('never moves an ended referral', () => {
    for (const status of ['cancelled', 'rerouted'] as const)
      for (const event of REFERRAL_EVENTS)
        expect(decideReferral(event, { ...at(status), certificateGiven: true })).toMatchObject({
          ok: false,
          reasons: ['referral_ended'],
        });
    expect(decideReferral('cancel', at('returned'))).toMatchObject({ ok: false, reasons: ['referral_returned'] });
  });

  it('corrects a recorded consent in place, with a reason', () => {
    expect(decideReferral('correct_consent', at('sent'))).toEqual({ ok: true, from: 'sent', to: 'sent' });
    expect(decideReferral('correct_consent', at('answered'))).toEqual({ ok: true, from: 'answered', to: 'answered' });
    expect(decideReferral('correct_consent', at('awaiting_consent'))).toMatchObject({
      ok: false,
      reasons: ['consent_missing'],
    });
    expect(decideReferral('correct_consent', { status: 'sent', admitted: null })).toMatchObject({
      ok: false,
      reasons: ['reason_missing'],
    });
  });
});

describe("the hospital's record of a stay (issue 17.13)", () => {
  const now = new Date('2026-12-05T06:00:00Z');
  const day = (d: number) => new Date(now.getTime() - d * 86_400_000);
  const stay = (admittedAt: Date, dischargedAt: Date | null, extra = {}) => ({
    status: 'answered' as const,
    admitted: true,
    now,
    stay: { admittedAt, dischargedAt, summaryGiven: false, certificateGiven: false, ...extra },
  });

  it('is recorded for an admitted student, in order, and not ahead of now', () => {
    expect(decideReferral('record_stay', stay(day(10), day(2), { summaryGiven: true }))).toEqual({
      ok: true,
      from: 'answered',
      to: 'answered',
    });
    expect(decideReferral('record_stay', stay(day(10), null))).toMatchObject({ ok: true });
    expect(decideReferral('record_stay', { ...stay(day(10), null), admitted: false })).toMatchObject({
      reasons: ['not_admitted'],
    });
    expect(decideReferral('record_stay', stay(day(2), day(10)))).toMatchObject({
      reasons: ['discharge_before_admission'],
    });
    expect(decideReferral('record_stay', stay(day(2), day(-1)))).toMatchObject({ reasons: ['stay_in_future'] });
    expect(decideReferral('record_stay', stay(day(2), null, { certificateGiven: true }))).toMatchObject({
      reasons: ['discharge_missing'],
    });
    expect(decideReferral('record_stay', { ...stay(day(2), null), status: 'sent' })).toMatchObject({
      reasons: ['feedback_missing'],
    });
  });
});
