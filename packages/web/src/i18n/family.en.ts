// "My family" and the parent school: English UI strings, same keys as family.zh-CN.ts.
import type { FamilyResources } from './family.zh-CN';

const family: FamilyResources = {
  title: 'My family',
  intro: 'What the school asks you to decide, and the parent school lectures, are here.',
  referrals: 'Referral consent',
  referralsEmpty: 'No referral waits for your decision.',
  referralTitle: 'Referral to {{hospital}}',
  aboutChild: 'About your child: {{name}} ({{school}})',
  proposedAt: 'Proposed by the school: {{time}}',
  fastTrack: 'Fast track',
  consentText: 'Consent',
  consent: 'I consent',
  refuse: 'Not now',
  consentAfterAll: 'Consent after all',
  refuseTitle: 'Not consent to the referral?',
  refuseText:
    "The school's psychology teacher is told of your decision and will talk with you. You can still consent here later.",
  done: {
    granted: "Consent given: the hospital's doctors can now see the referral.",
    refused: 'Your decision is recorded; the school will contact you.',
  },
  state: { waiting: 'Waiting for you', refused: 'You did not consent', consented: 'You consented' },
  decidedAt: 'Decided: {{time}}',
  lectures: 'Parent school',
  lecturesEmpty: 'No lectures this term yet.',
  lectureWhen: '{{time}} · {{hours}} hours',
  attend: 'I attended',
  attended: 'Attended',
  attendedDone: 'Attendance recorded.',
  certificateHours: '{{hours}} hours so far',
};

export default family;
