import type { MatrixRow } from '../testing/matrix.js';

// The partner hospital's doctor sees consented referrals to their hospital from any school; the school's
// psychology staff record consent and the return. An unrelated hospital's doctor is tried in cases.int.test.ts.
export const rows: MatrixRow[] = [
  {
    route: 'POST /api/v1/referrals/:id/consent',
    cases: [
      {
        name: 'consent in own school',
        request: async (f) => ({
          url: `/api/v1/referrals/${(await f.cases.referral('home', 'awaiting_consent')).referralId}/consent`,
          body: { guardianName: '母亲', method: 'paper', occurredAt: new Date().toISOString(), contactMethod: 'phone' },
        }),
        allow: ['psych_teacher'],
      },
      {
        name: 'consent in another district school',
        crossSchool: true,
        request: async (f) => ({
          url: `/api/v1/referrals/${(await f.cases.referral('other', 'awaiting_consent')).referralId}/consent`,
          body: { guardianName: '母亲', method: 'paper', occurredAt: new Date().toISOString(), contactMethod: 'phone' },
        }),
        allow: ['other_school_psych'],
      },
    ],
  },
  {
    route: 'POST /api/v1/referrals/:id/return',
    cases: [
      {
        name: 'return in own school',
        request: async (f) => ({
          url: `/api/v1/referrals/${(await f.cases.referral('home', 'answered')).referralId}/return`,
          body: {
            occurredAt: new Date().toISOString(),
            contactMethod: 'phone',
            reassessment: '复评',
            returnPlan: '方案',
          },
        }),
        allow: ['psych_teacher'],
      },
      {
        name: 'return in another district school',
        crossSchool: true,
        request: async (f) => ({
          url: `/api/v1/referrals/${(await f.cases.referral('other', 'answered')).referralId}/return`,
          body: {
            occurredAt: new Date().toISOString(),
            contactMethod: 'phone',
            reassessment: '复评',
            returnPlan: '方案',
          },
        }),
        allow: ['other_school_psych'],
      },
    ],
  },
  {
    route: 'POST /api/v1/referrals/:id/consent/correction',
    cases: [
      {
        name: 'correct a consent in own school',
        request: async (f) => ({
          url: `/api/v1/referrals/${(await f.cases.referral('home', 'consented', 'correct')).referralId}/consent/correction`,
          body: { guardianName: '父亲', reason: '记录错了监护人' },
        }),
        allow: ['psych_teacher'],
      },
      {
        name: 'correct a consent in another district school',
        crossSchool: true,
        request: async (f) => ({
          url: `/api/v1/referrals/${(await f.cases.referral('other', 'consented', 'correct')).referralId}/consent/correction`,
          body: { guardianName: '父亲', reason: '记录错了监护人' },
        }),
        allow: ['other_school_psych'],
      },
    ],
  },
  {
    route: 'POST /api/v1/referrals/:id/cancel',
    cases: [
      {
        name: 'cancel in own school',
        request: async (f) => ({
          url: `/api/v1/referrals/${(await f.cases.referral('home', 'consented', 'cancel')).referralId}/cancel`,
          body: { reason: '家长拒绝就诊' },
        }),
        allow: ['psych_teacher'],
      },
      {
        name: 'cancel in another district school',
        crossSchool: true,
        request: async (f) => ({
          url: `/api/v1/referrals/${(await f.cases.referral('other', 'consented', 'cancel')).referralId}/cancel`,
          body: { reason: '家长拒绝就诊' },
        }),
        allow: ['other_school_psych'],
      },
    ],
  },
  {
    route: 'POST /api/v1/referrals/:id/reroute',
    cases: [
      {
        name: 're-route in own school',
        request: async (f) => ({
          url: `/api/v1/referrals/${(await f.cases.referral('home', 'awaiting_consent', 'reroute')).referralId}/reroute`,
          body: { hospitalId: await f.cases.otherHospitalId(), reason: '家长希望就近就诊' },
        }),
        allow: ['psych_teacher'],
      },
      {
        name: 're-route in another district school',
        crossSchool: true,
        request: async (f) => ({
          url: `/api/v1/referrals/${(await f.cases.referral('other', 'awaiting_consent', 'reroute')).referralId}/reroute`,
          body: { hospitalId: await f.cases.otherHospitalId(), reason: '家长希望就近就诊' },
        }),
        allow: ['other_school_psych'],
      },
    ],
  },
  {
    route: 'GET /api/v1/referrals',
    cases: [
      { name: "the hospital's referrals", request: () => ({ url: '/api/v1/referrals' }), allow: ['hospital_doctor'] },
    ],
  },
  {
    route: 'GET /api/v1/referrals/:id',
    cases: [
      {
        name: 'consented referral from the home school',
        request: async (f) => ({
          url: `/api/v1/referrals/${(await f.cases.referral('home', 'consented')).referralId}`,
        }),
        allow: ['hospital_doctor'],
      },
      {
        name: 'referral still awaiting consent',
        request: async (f) => ({
          url: `/api/v1/referrals/${(await f.cases.referral('home', 'awaiting_consent', 'unseen')).referralId}`,
        }),
        allow: [],
      },
      {
        name: 'consented referral from another district school',
        crossSchool: true,
        request: async (f) => ({
          url: `/api/v1/referrals/${(await f.cases.referral('other', 'consented')).referralId}`,
        }),
        allow: ['hospital_doctor'],
      },
    ],
  },
  {
    route: 'PUT /api/v1/referrals/:id/stay',
    cases: [
      {
        name: 'stay of a student the hospital admitted',
        request: async (f) => ({
          url: `/api/v1/referrals/${(await f.cases.referral('home', 'admitted', 'stay')).referralId}/stay`,
          body: { admittedAt: new Date().toISOString() },
        }),
        allow: ['hospital_doctor'],
      },
      {
        name: 'stay on a referral from another district school',
        crossSchool: true,
        request: async (f) => ({
          url: `/api/v1/referrals/${(await f.cases.referral('other', 'admitted', 'stay')).referralId}/stay`,
          body: { admittedAt: new Date().toISOString() },
        }),
        allow: ['hospital_doctor'],
      },
    ],
  },
  {
    route: 'POST /api/v1/referrals/:id/feedback',
    cases: [
      {
        name: 'feedback on a consented referral',
        request: async (f) => ({
          url: `/api/v1/referrals/${(await f.cases.referral('home', 'consented', 'feedback')).referralId}/feedback`,
          body: { visitedAt: new Date().toISOString(), recommendation: '门诊随访', admitted: false },
        }),
        allow: ['hospital_doctor'],
      },
      {
        name: 'feedback on a consented referral from another district school',
        crossSchool: true,
        request: async (f) => ({
          url: `/api/v1/referrals/${(await f.cases.referral('other', 'consented', 'feedback')).referralId}/feedback`,
          body: { visitedAt: new Date().toISOString(), recommendation: '门诊随访', admitted: false },
        }),
        allow: ['hospital_doctor'],
      },
    ],
  },
  // A guardian decides on their own children's referrals; staff record consents through the school's routes.
  {
    route: 'GET /api/v1/my/referrals',
    cases: [{ name: "my children's referrals", request: () => ({ url: '/api/v1/my/referrals' }), allow: ['guardian'] }],
  },
  {
    route: 'POST /api/v1/my/referrals/:id/decision',
    cases: [
      {
        name: "a referral of the guardian's own child",
        request: async (f) => ({
          url: `/api/v1/my/referrals/${(await f.cases.guardianReferral('matrix')).referralId}/decision`,
          body: { consent: true },
        }),
        allow: ['guardian'],
      },
      {
        name: "a referral of another family's child in the same class",
        request: async (f) => ({
          url: `/api/v1/my/referrals/${(await f.cases.referral('home', 'awaiting_consent', 'other-family')).referralId}/decision`,
          body: { consent: true },
        }),
        allow: [],
      },
      {
        name: 'a referral in another district school',
        crossSchool: true,
        request: async (f) => ({
          url: `/api/v1/my/referrals/${(await f.cases.referral('other', 'awaiting_consent', 'other-family')).referralId}/decision`,
          body: { consent: true },
        }),
        allow: [],
      },
    ],
  },
];
