import { randomUUID } from 'node:crypto';
import { EVERYONE, type MatrixRow } from '../testing/matrix.js';
import { CALM_ANSWERS } from '../testing/screening-factory.js';

// Only the person an assignment is for answers it: the demo student their self-report, the demo guardian
// the parent-report about their child. Everyone else gets 404 (or 403 without `screening.take`).
const TAKERS = ['student', 'guardian', 'peer_supporter'] as const;

export const rows: MatrixRow[] = [
  {
    // Published questions, the same for everyone: public and cacheable.
    route: 'GET /api/v1/questionnaire-definitions/:code/:version/:locale',
    cases: [
      {
        name: 'PHQ-A version 1 in Chinese',
        request: () => ({ url: '/api/v1/questionnaire-definitions/phqa/1/zh-CN' }),
        allow: EVERYONE,
      },
    ],
  },
  {
    route: 'GET /api/v1/my/screenings',
    cases: [{ name: 'own open questionnaires', request: () => ({ url: '/api/v1/my/screenings' }), allow: TAKERS }],
  },
  {
    route: 'GET /api/v1/my/screenings/:assignmentId',
    cases: [
      {
        name: 'own self-report',
        request: async (f) => ({
          url: `/api/v1/my/screenings/${f.demoAssignment?.id ?? (await f.screening.selfAssignment('home'))}`,
        }),
        allow: ['student'],
      },
      {
        name: 'parent-report about own child',
        request: async (f) => ({ url: `/api/v1/my/screenings/${await f.screening.guardianAssignment()}` }),
        allow: ['guardian'],
      },
      {
        name: 'another district student’s',
        crossSchool: true,
        request: async (f) => ({ url: `/api/v1/my/screenings/${await f.screening.selfAssignment('other')}` }),
        allow: [],
      },
    ],
  },
  {
    route: 'PUT /api/v1/my/screenings/:assignmentId/draft',
    cases: [
      {
        name: 'autosave own self-report',
        request: async (f) => ({
          url: `/api/v1/my/screenings/${await f.screening.selfAssignment('home', 'draft')}/draft`,
          body: { answers: { phqa: [1, 0] } },
        }),
        allow: ['student'],
      },
      {
        name: 'autosave another district student’s',
        crossSchool: true,
        request: async (f) => ({
          url: `/api/v1/my/screenings/${await f.screening.selfAssignment('other', 'draft')}/draft`,
          body: { answers: { phqa: [1, 0] } },
        }),
        allow: [],
      },
    ],
  },
  {
    route: 'POST /api/v1/my/screenings/:assignmentId/submit',
    cases: [
      {
        name: 'submit own self-report',
        request: async (f) => ({
          url: `/api/v1/my/screenings/${await f.screening.selfAssignment('home', 'submit')}/submit`,
          body: { submissionId: randomUUID(), answers: CALM_ANSWERS, durationMs: 90_000 },
        }),
        allow: ['student'],
      },
      {
        name: 'submit another district student’s',
        crossSchool: true,
        request: async (f) => ({
          url: `/api/v1/my/screenings/${await f.screening.selfAssignment('other', 'submit')}/submit`,
          body: { submissionId: randomUUID(), answers: CALM_ANSWERS, durationMs: 90_000 },
        }),
        allow: [],
      },
    ],
  },
];
