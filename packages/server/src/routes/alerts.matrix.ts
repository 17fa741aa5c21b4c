import type { MatrixRow } from '../testing/matrix.js';

export const rows: MatrixRow[] = [
  {
    route: 'GET /api/v1/alerts',
    cases: [
      {
        name: 'alert queue of own school',
        request: () => ({ url: '/api/v1/alerts?pageSize=5' }),
        allow: ['school_leader', 'psych_teacher', 'other_school_psych'],
      },
    ],
  },
  {
    route: 'GET /api/v1/alerts/:id',
    cases: [
      {
        name: 'alert in own school',
        request: async (f) => ({ url: `/api/v1/alerts/${(await f.screening.crisis('home')).alertId}` }),
        allow: ['school_leader', 'psych_teacher'],
      },
      {
        name: 'alert in another district school',
        crossSchool: true,
        request: async (f) => ({ url: `/api/v1/alerts/${(await f.screening.crisis('other')).alertId}` }),
        allow: ['other_school_psych'],
      },
    ],
  },
  {
    route: 'POST /api/v1/alerts/:id/acknowledge',
    cases: [
      {
        name: 'acknowledge in own school',
        request: async (f) => ({
          url: `/api/v1/alerts/${(await f.screening.crisis('home', 'ack')).alertId}/acknowledge`,
        }),
        allow: ['psych_teacher'],
      },
      {
        name: 'acknowledge in another district school',
        crossSchool: true,
        request: async (f) => ({
          url: `/api/v1/alerts/${(await f.screening.crisis('other', 'ack')).alertId}/acknowledge`,
        }),
        allow: ['other_school_psych'],
      },
    ],
  },
];
