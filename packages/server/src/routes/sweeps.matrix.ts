import type { MatrixRow } from '../testing/matrix.js';

export const rows: MatrixRow[] = [
  {
    route: 'POST /api/v1/sweeps',
    cases: [
      {
        name: 'sweep of own school',
        request: (f) => ({ url: '/api/v1/sweeps', body: { schoolId: f.home.id, season: 'before_exams' } }),
        allow: ['school_leader', 'psych_teacher'],
      },
      {
        name: 'sweep of another district school',
        crossSchool: true,
        request: (f) => ({ url: '/api/v1/sweeps', body: { schoolId: f.other.id, season: 'before_exams' } }),
        allow: ['other_school_psych'],
      },
    ],
  },
  {
    route: 'GET /api/v1/sweeps',
    cases: [
      {
        name: 'sweeps I check',
        request: () => ({ url: '/api/v1/sweeps' }),
        allow: ['school_leader', 'psych_teacher', 'head_teacher', 'other_school_psych'],
      },
    ],
  },
  {
    route: 'GET /api/v1/sweeps/:id',
    cases: [
      {
        name: 'sweep list of own school',
        request: async (f) => ({ url: `/api/v1/sweeps/${(await f.cases.sweep('home')).sweepId}` }),
        allow: ['school_leader', 'psych_teacher', 'head_teacher'],
      },
      {
        name: 'sweep list of another district school',
        crossSchool: true,
        request: async (f) => ({ url: `/api/v1/sweeps/${(await f.cases.sweep('other')).sweepId}` }),
        allow: ['other_school_psych'],
      },
    ],
  },
  {
    route: 'POST /api/v1/sweep-items/:id/check',
    cases: [
      {
        name: "check a student of the head teacher's class",
        request: async (f) => ({ url: `/api/v1/sweep-items/${(await f.cases.sweep('home')).itemId}/check`, body: {} }),
        allow: ['psych_teacher', 'head_teacher'],
      },
      {
        name: 'check a student of another district school',
        crossSchool: true,
        request: async (f) => ({ url: `/api/v1/sweep-items/${(await f.cases.sweep('other')).itemId}/check`, body: {} }),
        allow: ['other_school_psych'],
      },
    ],
  },
];
