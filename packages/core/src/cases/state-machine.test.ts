import { describe, expect, it } from 'vitest';
import { followUpDates, followUpStatus } from './follow-up-schedule.js';
import {
  CASE_EVENTS,
  CASE_STATES,
  decide,
  eventsFrom,
  TRANSITIONS,
  type CaseEvent,
  type CaseFacts,
} from './state-machine.js';

const blank: CaseFacts = {
  state: 'open',
  assessmentRecorded: false,
  planRecorded: false,
  helperCount: 0,
  leaderReviewRequired: false,
  leaderReview: null,
  referral: null,
  followUpsScheduled: 0,
  followUpsOpen: 0,
  conclusionRecorded: false,
  guardianInformed: false,
  reasonGiven: false,
  otherActiveCase: false,
};
const sentReferral = { consentRecorded: false, feedbackRecorded: false, admitted: null, returnRecorded: false };

/** A fake clock: the case's follow-ups are judged at instants the test moves forward. */
class FakeClock {
  constructor(private t: number) {}
  now() {
    return new Date(this.t);
  }
  advanceDays(d: number) {
    this.t += d * 86_400_000;
  }
}

function step(facts: CaseFacts, event: CaseEvent): CaseFacts {
  const d = decide(event, facts);
  if (!d.ok) throw new Error(`${event} from ${facts.state} refused: ${d.reasons.join(',')}`);
  return { ...facts, state: d.to, reasonGiven: false };
}

describe('case state machine', () => {
  it('walks a whole case with a referral, return to school and follow-ups on a fake clock', () => {
    const clock = new FakeClock(Date.parse('2026-09-07T01:00:00Z'));
    let f = step(blank, 'start_assessment');
    expect(f.state).toBe('assessing');
    f = step({ ...f, assessmentRecorded: true, planRecorded: true, helperCount: 3 }, 'start_intervention');
    expect(f.state).toBe('intervening');

    // 常州: the leader's 研判 comes before a referral.
    f = { ...f, leaderReviewRequired: true };
    expect(decide('refer', f)).toEqual({ ok: false, from: 'intervening', reasons: ['leader_review_missing'] });
    expect(decide('refer', { ...f, leaderReview: 'no_referral' })).toMatchObject({
      ok: false,
      reasons: ['leader_review_declined'],
    });
    // The referral is written with the event, once the machine allows it.
    f = { ...step({ ...f, leaderReview: 'refer' }, 'refer'), referral: sentReferral };
    expect(f.state).toBe('referred');

    expect(decide('return_to_school', f)).toMatchObject({
      ok: false,
      reasons: ['consent_missing', 'feedback_missing'],
    });
    f = { ...f, referral: { consentRecorded: true, feedbackRecorded: true, admitted: true, returnRecorded: false } };
    expect(decide('return_to_school', f)).toMatchObject({ ok: false, reasons: ['return_record_missing'] });
    f = step({ ...f, referral: { ...f.referral!, returnRecorded: true } }, 'return_to_school');
    expect(f.state).toBe('intervening');

    expect(decide('start_follow_up', f)).toMatchObject({ ok: false, reasons: ['follow_ups_missing'] });
    const dates = followUpDates(clock.now(), [
      { everyDays: 7, count: 4 },
      { everyDays: 30, count: 1 },
    ]);
    const items = dates.map((dueAt) => ({ dueAt, doneAt: null as Date | null }));
    f = step({ ...f, followUpsScheduled: items.length, followUpsOpen: items.length }, 'start_follow_up');

    clock.advanceDays(6);
    expect(followUpStatus(items[0]!, clock.now())).toBe('due');
    expect(followUpStatus(items[1]!, clock.now())).toBe('upcoming');
    clock.advanceDays(2);
    expect(followUpStatus(items[0]!, clock.now())).toBe('overdue');
    clock.advanceDays(3);
    expect(followUpStatus(items[0]!, clock.now())).toBe('escalated');
    items[0]!.doneAt = clock.now();
    expect(followUpStatus(items[0]!, clock.now())).toBe('done');

    const open = items.filter((i) => !i.doneAt).length;
    expect(decide('request_closure', { ...f, followUpsOpen: open })).toMatchObject({
      ok: false,
      reasons: ['conclusion_missing', 'guardian_not_informed', 'follow_ups_open'],
    });
    clock.advanceDays(60);
    for (const i of items) i.doneAt ??= clock.now();
    f = step({ ...f, followUpsOpen: 0, conclusionRecorded: true, guardianInformed: true }, 'request_closure');
    expect(f.state).toBe('closing');
    expect(decide('reject_closure', f)).toMatchObject({ ok: false, reasons: ['reason_missing'] });
    f = step(f, 'approve_closure');
    expect(f.state).toBe('closed');
    expect(decide('reopen', f)).toMatchObject({ ok: false, reasons: ['reason_missing'] });
    f = step({ ...f, reasonGiven: true }, 'reopen');
    expect(f.state).toBe('assessing');
  });

  it('refuses every event from a state it does not start from', () => {
    for (const state of CASE_STATES) {
      for (const event of CASE_EVENTS) {
        const d = decide(event, { ...blank, state });
        if (!TRANSITIONS[event].from.includes(state))
          expect(d, `${event} from ${state}`).toEqual({ ok: false, from: state, reasons: ['wrong_state'] });
      }
    }
  });

  it('lists next events per state, and a closed case only reopens', () => {
    expect(eventsFrom('closed')).toEqual(['reopen']);
    expect(eventsFrom('intervening').sort()).toEqual(['refer', 'start_follow_up']);
    expect(eventsFrom('referred')).toEqual(['cancel_referral', 'return_to_school']);
  });

  it('needs no leader review when the city does not ask for one, and refers once at a time', () => {
    const f = { ...blank, state: 'intervening' as const };
    expect(decide('refer', f)).toMatchObject({ ok: true, to: 'referred' });
    expect(decide('refer', { ...f, referral: sentReferral })).toMatchObject({ ok: false, reasons: ['referral_open'] });
  });

  it('reopens only while the student has no other active case', () => {
    const f: CaseFacts = { ...blank, state: 'closed', reasonGiven: true };
    expect(decide('reopen', f)).toMatchObject({ ok: true, to: 'assessing' });
    expect(decide('reopen', { ...f, otherActiveCase: true })).toEqual({
      ok: false,
      from: 'closed',
      reasons: ['active_case_exists'],
    });
    expect(decide('reopen', { ...f, reasonGiven: false, otherActiveCase: true })).toMatchObject({
      reasons: ['reason_missing', 'active_case_exists'],
    });
  });

  it('returns to school only from a referral with consent and feedback', () => {
    const f: CaseFacts = { ...blank, state: 'referred' };
    expect(decide('return_to_school', f)).toMatchObject({ ok: false, reasons: ['referral_missing'] });
  });

  it('a student seen and not admitted returns without a 复学 record', () => {
    const f: CaseFacts = {
      ...blank,
      state: 'referred',
      referral: { consentRecorded: true, feedbackRecorded: true, admitted: false, returnRecorded: false },
    };
    expect(decide('return_to_school', f)).toMatchObject({ ok: true, to: 'intervening' });
  });

  it('re-checks closure guards when the leader approves', () => {
    const f: CaseFacts = {
      ...blank,
      state: 'closing',
      conclusionRecorded: true,
      guardianInformed: true,
      followUpsOpen: 1,
    };
    expect(decide('approve_closure', f)).toMatchObject({ ok: false, reasons: ['follow_ups_open'] });
  });
});

describe('follow-up schedule', () => {
  it('weekly for 4 weeks then monthly continues from the last weekly date', () => {
    const start = new Date('2026-09-01T00:00:00Z');
    const dates = followUpDates(start, [
      { everyDays: 7, count: 4 },
      { everyDays: 30, count: 2 },
    ]).map((d) => d.toISOString().slice(0, 10));
    expect(dates).toEqual(['2026-09-08', '2026-09-15', '2026-09-22', '2026-09-29', '2026-10-29', '2026-11-28']);
  });

  it('rejects nonsense phases and overlong schedules', () => {
    expect(() => followUpDates(new Date(), [{ everyDays: 0, count: 1 }])).toThrow(RangeError);
    expect(() => followUpDates(new Date(), [{ everyDays: 1, count: 61 }])).toThrow(RangeError);
  });
});
