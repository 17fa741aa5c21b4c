import type { MatrixRow } from '../testing/matrix.js';

export const rows: MatrixRow[] = [
  {
    route: 'GET /api/v1/follow-ups',
    cases: [
      {
        name: 'my follow-ups',
        request: () => ({ url: '/api/v1/follow-ups' }),
        allow: ['school_leader', 'psych_teacher', 'head_teacher', 'other_school_psych'],
      },
      {
        name: "the school's overdue follow-ups",
        request: () => ({ url: '/api/v1/follow-ups?view=school&status=overdue' }),
        allow: ['school_leader', 'psych_teacher', 'head_teacher', 'other_school_psych'],
      },
    ],
  },
  {
    route: 'POST /api/v1/follow-ups/:id/complete',
    cases: [
      // The head teacher it is given to, or the case's psychology teacher; a retry answers the same.
      {
        name: "complete a follow-up in own school's class",
        request: async (f) => ({
          url: `/api/v1/follow-ups/${await f.cases.followUp('home')}/complete`,
          body: { outcome: '已随访' },
        }),
        allow: ['psych_teacher', 'head_teacher'],
      },
      {
        name: 'complete a follow-up in another district school',
        crossSchool: true,
        request: async (f) => ({
          url: `/api/v1/follow-ups/${await f.cases.followUp('other')}/complete`,
          body: { outcome: '已随访' },
        }),
        allow: ['other_school_psych'],
      },
    ],
  },
];
