import type { MatrixRow } from '../testing/matrix.js';

// Answers and scores are psychology staff's alone, in their own school: not leaders, head teachers or admins.
const PSYCH = ['psych_teacher', 'other_school_psych'] as const;

export const rows: MatrixRow[] = [
  {
    route: 'GET /api/v1/screening/results',
    cases: [
      { name: 'results in own school', request: () => ({ url: '/api/v1/screening/results?pageSize=5' }), allow: PSYCH },
    ],
  },
  {
    route: 'GET /api/v1/responses/:id',
    cases: [
      {
        name: 'response in own school',
        request: async (f) => ({ url: `/api/v1/responses/${(await f.screening.crisis('home')).responseId}` }),
        allow: ['psych_teacher'],
      },
      {
        name: 'response in another district school',
        crossSchool: true,
        request: async (f) => ({ url: `/api/v1/responses/${(await f.screening.crisis('other')).responseId}` }),
        allow: ['other_school_psych'],
      },
    ],
  },
  {
    route: 'GET /api/v1/responses/:id/fhir',
    cases: [
      {
        name: 'export own school response',
        request: async (f) => ({ url: `/api/v1/responses/${(await f.screening.crisis('home')).responseId}/fhir` }),
        allow: ['psych_teacher'],
      },
      {
        name: 'export another district school response',
        crossSchool: true,
        request: async (f) => ({ url: `/api/v1/responses/${(await f.screening.crisis('other')).responseId}/fhir` }),
        allow: ['other_school_psych'],
      },
    ],
  },
];
