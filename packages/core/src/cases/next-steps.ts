import type { CaseFacts } from './state-machine.js';

/**
 * The next steps offered on a case page, for the person looking at it. The server answers them with the
 * case so the page shows what the rules allow instead of deciding it again; `primary` marks what the case
 * is waiting for. Steps are dialogs or machine events; the state machine still decides when one is sent.
 */
export const CASE_STEPS = [
  'start_assessment',
  'assessment',
  'plan',
  'start_intervention',
  'referral',
  'followUps',
  'start_follow_up',
  'monitoring',
  'consent',
  'return',
  'correctConsent',
  'cancelReferral',
  'reroute',
  'closure',
  'record',
  'reopen',
  'review',
  'approve',
  'reject',
  'conference',
] as const;
export type CaseStep = (typeof CASE_STEPS)[number];

export interface NextStep {
  step: CaseStep;
  primary: boolean;
}

/** What the person may do on this case: work it (psychology staff), decide on it (the school leader). */
export interface CaseCapabilities {
  manage: boolean;
  approve: boolean;
}

export type CaseProgress = Pick<
  CaseFacts,
  'state' | 'assessmentRecorded' | 'planRecorded' | 'followUpsScheduled' | 'followUpsOpen' | 'referral'
>;

export function nextSteps(p: CaseProgress, may: CaseCapabilities): NextStep[] {
  const steps: NextStep[] = [];
  const add = (step: CaseStep, primary = false) => steps.push({ step, primary });
  if (may.manage) {
    switch (p.state) {
      case 'open':
        add('start_assessment', true);
        break;
      case 'assessing':
        add('assessment', !p.assessmentRecorded);
        add('plan', p.assessmentRecorded && !p.planRecorded);
        add('start_intervention', p.planRecorded);
        break;
      case 'intervening':
        add('referral');
        add('followUps', p.followUpsScheduled === 0);
        add('start_follow_up', p.followUpsScheduled > 0);
        add('plan');
        add('monitoring');
        break;
      case 'referred':
        if (p.referral && !p.referral.consentRecorded) add('consent', true);
        if (p.referral?.feedbackRecorded) add('return', true);
        if (p.referral?.consentRecorded) add('correctConsent');
        // Until the student is admitted (core's referral rules).
        if (p.referral && p.referral.admitted !== true) {
          add('reroute');
          add('cancelReferral');
        }
        break;
      case 'following_up':
        add('closure', p.followUpsOpen === 0);
        add('followUps');
        add('monitoring');
        break;
      case 'closing':
      case 'closed':
        break;
    }
    if (p.state !== 'open' && p.state !== 'closed') add('record');
    if (p.state === 'closed') add('reopen');
  }
  if (may.approve) {
    if (p.state === 'intervening') add('review', true);
    if (p.state === 'closing') {
      add('approve', true);
      add('reject');
    }
    // The leader's case conference (个案会商), while the case is worked.
    if (p.state !== 'open' && p.state !== 'closed') add('conference');
  }
  return steps;
}
