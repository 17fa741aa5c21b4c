import { describe, expect, it } from 'vitest';
import { nextSteps, type CaseProgress } from './next-steps.js';

const base: CaseProgress = {
  state: 'open',
  assessmentRecorded: false,
  planRecorded: false,
  followUpsScheduled: 0,
  followUpsOpen: 0,
  referral: null,
};
const staff = { manage: true, approve: false };
const leader = { manage: false, approve: true };
const names = (p: CaseProgress, may = staff) => nextSteps(p, may).map((s) => (s.primary ? `*${s.step}` : s.step));

describe('next steps of a case', () => {
  it('leads the psychology teacher through the assessment and plan', () => {
    expect(names(base)).toEqual(['*start_assessment']);
    expect(names({ ...base, state: 'assessing' })).toEqual(['*assessment', 'plan', 'start_intervention', 'record']);
    expect(names({ ...base, state: 'assessing', assessmentRecorded: true })).toEqual([
      'assessment',
      '*plan',
      'start_intervention',
      'record',
    ]);
    expect(names({ ...base, state: 'assessing', assessmentRecorded: true, planRecorded: true })).toEqual([
      'assessment',
      'plan',
      '*start_intervention',
      'record',
    ]);
  });

  it('offers follow-ups first, then the follow-up phase, during intervention', () => {
    expect(names({ ...base, state: 'intervening' })).toEqual([
      'referral',
      '*followUps',
      'start_follow_up',
      'plan',
      'monitoring',
      'record',
    ]);
    expect(names({ ...base, state: 'intervening', followUpsScheduled: 2 })).toContain('*start_follow_up');
  });

  it('asks for consent, then for the return once the hospital answered', () => {
    const referral = { consentRecorded: false, feedbackRecorded: false, admitted: null, returnRecorded: false };
    expect(names({ ...base, state: 'referred', referral })).toEqual([
      '*consent',
      'reroute',
      'cancelReferral',
      'record',
    ]);
    expect(names({ ...base, state: 'referred', referral: { ...referral, consentRecorded: true } })).toEqual([
      'correctConsent',
      'reroute',
      'cancelReferral',
      'record',
    ]);
    expect(
      names({ ...base, state: 'referred', referral: { ...referral, consentRecorded: true, feedbackRecorded: true } }),
    ).toEqual(['*return', 'correctConsent', 'reroute', 'cancelReferral', 'record']);
  });

  it('offers no cancel or re-route once the student is admitted (issue 17.12)', () => {
    const admitted = { consentRecorded: true, feedbackRecorded: true, admitted: true, returnRecorded: false };
    expect(names({ ...base, state: 'referred', referral: admitted })).toEqual(['*return', 'correctConsent', 'record']);
  });

  it('asks for closure once every follow-up is done, and a closed case only reopens', () => {
    const following = { ...base, state: 'following_up' as const, followUpsScheduled: 2 };
    expect(names({ ...following, followUpsOpen: 1 })).toEqual(['closure', 'followUps', 'monitoring', 'record']);
    expect(names({ ...following, followUpsOpen: 0 })[0]).toBe('*closure');
    expect(names({ ...base, state: 'closing' })).toEqual(['record']);
    expect(names({ ...base, state: 'closed' })).toEqual(['reopen']);
  });

  it('gives the leader the review during intervention, the closure decision and a case conference', () => {
    expect(names({ ...base, state: 'intervening' }, leader)).toEqual(['*review', 'conference']);
    expect(names({ ...base, state: 'closing' }, leader)).toEqual(['*approve', 'reject', 'conference']);
    expect(names({ ...base, state: 'assessing' }, leader)).toEqual(['conference']);
    expect(names({ ...base, state: 'open' }, leader)).toEqual([]);
    expect(names({ ...base, state: 'closed' }, leader)).toEqual([]);
    expect(names({ ...base, state: 'intervening' }, { manage: false, approve: false })).toEqual([]);
  });
});
