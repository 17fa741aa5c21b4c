import type { MatrixRow } from '../testing/matrix.js';

// Cases are the school's psychology staff's; the leader reads them and decides. Every id route is also
// tried on a case of another district's school, where only that school's psychology teacher gets in.
const plan = { goals: ['稳定情绪'], actions: ['talk'], helpers: [{ role: 'peer', name: '心理委员' }] };
const assessment = { riskLevel: 'moderate', reasons: ['severe_anxiety'], interview: '访谈记录' };

export const rows: MatrixRow[] = [
  {
    route: 'GET /api/v1/cases',
    cases: [
      {
        name: 'cases of own school',
        request: () => ({ url: '/api/v1/cases?pageSize=5' }),
        allow: ['school_leader', 'psych_teacher', 'other_school_psych'],
      },
    ],
  },
  {
    route: 'POST /api/v1/cases',
    cases: [
      {
        name: 'open from an alert of own school',
        request: async (f) => ({
          url: '/api/v1/cases',
          body: { alertIds: [(await f.screening.crisis('home', 'case-open')).alertId] },
        }),
        allow: ['psych_teacher'],
      },
      {
        name: 'open from an alert of another district school',
        crossSchool: true,
        request: async (f) => ({
          url: '/api/v1/cases',
          body: { alertIds: [(await f.screening.crisis('other', 'case-open')).alertId] },
        }),
        allow: ['other_school_psych'],
      },
    ],
  },
  {
    route: 'GET /api/v1/cases/:id',
    cases: [
      {
        name: 'case of own school',
        request: async (f) => ({ url: `/api/v1/cases/${await f.cases.case('home')}` }),
        allow: ['school_leader', 'psych_teacher'],
      },
      {
        name: 'case of another district school',
        crossSchool: true,
        request: async (f) => ({ url: `/api/v1/cases/${await f.cases.case('other')}` }),
        allow: ['other_school_psych'],
      },
    ],
  },
  {
    route: 'GET /api/v1/cases/:id/timeline',
    cases: [
      {
        name: 'timeline in own school',
        request: async (f) => ({ url: `/api/v1/cases/${await f.cases.case('home')}/timeline` }),
        allow: ['school_leader', 'psych_teacher'],
      },
      {
        name: 'timeline in another district school',
        crossSchool: true,
        request: async (f) => ({ url: `/api/v1/cases/${await f.cases.case('other')}/timeline` }),
        allow: ['other_school_psych'],
      },
    ],
  },
  {
    route: 'PUT /api/v1/cases/:id/assessment',
    cases: [
      {
        name: 'assess in own school',
        request: async (f) => ({
          url: `/api/v1/cases/${await f.cases.case('home', 'assessing')}/assessment`,
          body: assessment,
        }),
        allow: ['psych_teacher'],
      },
      {
        name: 'assess in another district school',
        crossSchool: true,
        request: async (f) => ({
          url: `/api/v1/cases/${await f.cases.case('other', 'assessing')}/assessment`,
          body: assessment,
        }),
        allow: ['other_school_psych'],
      },
    ],
  },
  {
    route: 'PUT /api/v1/cases/:id/plan',
    cases: [
      {
        name: 'plan in own school',
        request: async (f) => ({ url: `/api/v1/cases/${await f.cases.case('home', 'assessing')}/plan`, body: plan }),
        allow: ['psych_teacher'],
      },
      {
        name: 'plan in another district school',
        crossSchool: true,
        request: async (f) => ({ url: `/api/v1/cases/${await f.cases.case('other', 'assessing')}/plan`, body: plan }),
        allow: ['other_school_psych'],
      },
    ],
  },
  {
    route: 'POST /api/v1/cases/:id/records',
    cases: [
      {
        name: 'record in own school',
        request: async (f) => ({
          url: `/api/v1/cases/${await f.cases.case('home')}/records`,
          body: { type: 'note', note: '记录' },
        }),
        allow: ['psych_teacher'],
      },
      {
        name: 'record in another district school',
        crossSchool: true,
        request: async (f) => ({
          url: `/api/v1/cases/${await f.cases.case('other')}/records`,
          body: { type: 'note', note: '记录' },
        }),
        allow: ['other_school_psych'],
      },
    ],
  },
  {
    route: 'POST /api/v1/cases/:id/transition',
    cases: [
      {
        name: 'start assessing in own school',
        request: async (f) => ({
          url: `/api/v1/cases/${await f.cases.case('home', 'open', 'transition')}/transition`,
          body: { event: 'start_assessment' },
        }),
        allow: ['psych_teacher'],
      },
      {
        name: 'start assessing in another district school',
        crossSchool: true,
        request: async (f) => ({
          url: `/api/v1/cases/${await f.cases.case('other', 'open', 'transition')}/transition`,
          body: { event: 'start_assessment' },
        }),
        allow: ['other_school_psych'],
      },
    ],
  },
  {
    route: 'POST /api/v1/cases/:id/decisions',
    cases: [
      {
        name: 'leader review in own school',
        request: async (f) => ({
          url: `/api/v1/cases/${await f.cases.case('home', 'intervening', 'review')}/decisions`,
          body: { kind: 'leader_review', outcome: 'refer' },
        }),
        allow: ['school_leader'],
      },
      {
        name: 'leader review in another district school',
        crossSchool: true,
        request: async (f) => ({
          url: `/api/v1/cases/${await f.cases.case('other', 'intervening', 'review')}/decisions`,
          body: { kind: 'leader_review', outcome: 'refer' },
        }),
        allow: [],
      },
    ],
  },
  {
    route: 'POST /api/v1/cases/:id/conferences',
    cases: [
      {
        name: 'leader conference in own school',
        request: async (f) => ({
          url: `/api/v1/cases/${await f.cases.case('home', 'intervening', 'conference')}/conferences`,
          body: {
            heldAt: new Date().toISOString(),
            participants: [{ name: '王校长', role: '校长' }],
            decision: '会商决定',
          },
        }),
        allow: ['school_leader'],
      },
      {
        name: 'leader conference in another district school',
        crossSchool: true,
        request: async (f) => ({
          url: `/api/v1/cases/${await f.cases.case('other', 'intervening', 'conference')}/conferences`,
          body: {
            heldAt: new Date().toISOString(),
            participants: [{ name: '王校长', role: '校长' }],
            decision: '会商决定',
          },
        }),
        allow: [],
      },
    ],
  },
  {
    route: 'POST /api/v1/cases/:id/follow-ups',
    cases: [
      {
        name: 'schedule in own school',
        request: async (f) => ({
          url: `/api/v1/cases/${await f.cases.case('home')}/follow-ups`,
          body: { responsibleUserId: await f.cases.psychId('home'), phases: [{ everyDays: 7, count: 1 }] },
        }),
        allow: ['psych_teacher'],
      },
      {
        name: 'schedule in another district school',
        crossSchool: true,
        request: async (f) => ({
          url: `/api/v1/cases/${await f.cases.case('other')}/follow-ups`,
          body: { responsibleUserId: await f.cases.psychId('other'), phases: [{ everyDays: 7, count: 1 }] },
        }),
        allow: ['other_school_psych'],
      },
    ],
  },
  {
    route: 'POST /api/v1/cases/:id/referrals',
    cases: [
      {
        name: 'refer in own school',
        request: async (f) => ({
          url: `/api/v1/cases/${await f.cases.case('home', 'intervening', 'refer')}/referrals`,
          body: { hospitalId: await f.cases.hospitalId(), reason: '理由', summary: '摘要' },
        }),
        allow: ['psych_teacher'],
      },
      {
        name: 'refer in another district school',
        crossSchool: true,
        request: async (f) => ({
          url: `/api/v1/cases/${await f.cases.case('other', 'intervening', 'refer')}/referrals`,
          body: { hospitalId: await f.cases.hospitalId(), reason: '理由', summary: '摘要' },
        }),
        allow: ['other_school_psych'],
      },
    ],
  },
  {
    route: 'POST /api/v1/cases/:id/monitoring',
    cases: [
      {
        name: 'monitoring in own school',
        request: async (f) => ({
          url: `/api/v1/cases/${await f.cases.case('home', 'intervening', 'monitor')}/monitoring`,
          body: { weeks: 1 },
        }),
        allow: ['psych_teacher'],
      },
      {
        name: 'monitoring in another district school',
        crossSchool: true,
        request: async (f) => ({
          url: `/api/v1/cases/${await f.cases.case('other', 'intervening', 'monitor')}/monitoring`,
          body: { weeks: 1 },
        }),
        allow: ['other_school_psych'],
      },
    ],
  },
  {
    route: 'GET /api/v1/cases/:id/candidates',
    cases: [
      {
        name: 'helpers and hospitals for a case of own school',
        request: async (f) => ({ url: `/api/v1/cases/${await f.cases.case('home')}/candidates` }),
        allow: ['psych_teacher'],
      },
      {
        name: 'helpers for a case of another district school',
        crossSchool: true,
        request: async (f) => ({ url: `/api/v1/cases/${await f.cases.case('other')}/candidates` }),
        allow: ['other_school_psych'],
      },
    ],
  },
  {
    route: 'GET /api/v1/cases/:id/trajectory',
    cases: [
      {
        name: 'trajectory in own school',
        request: async (f) => ({ url: `/api/v1/cases/${await f.cases.case('home')}/trajectory` }),
        allow: ['psych_teacher'],
      },
      {
        name: 'trajectory in another district school',
        crossSchool: true,
        request: async (f) => ({ url: `/api/v1/cases/${await f.cases.case('other')}/trajectory` }),
        allow: ['other_school_psych'],
      },
    ],
  },
];
