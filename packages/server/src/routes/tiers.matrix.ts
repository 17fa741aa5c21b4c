import type { MatrixRow } from '../testing/matrix.js';

const TALK = { confirmedTier: 3, talkRecord: '已与学生面谈，了解近况并联系家长，约定下周复谈。' };

export const rows: MatrixRow[] = [
  {
    route: 'GET /api/v1/tier-assessments',
    cases: [
      {
        name: 'review queue of own school',
        request: () => ({ url: '/api/v1/tier-assessments?status=suggested&pageSize=5' }),
        allow: ['psych_teacher', 'other_school_psych'],
      },
    ],
  },
  {
    route: 'POST /api/v1/tier-assessments/:id/review',
    cases: [
      {
        name: 'review own school suggestion',
        request: async (f) => ({
          url: `/api/v1/tier-assessments/${(await f.screening.crisis('home', 'review')).tierAssessmentId}/review`,
          body: TALK,
        }),
        allow: ['psych_teacher'],
      },
      {
        name: 'review another district school suggestion',
        crossSchool: true,
        request: async (f) => ({
          url: `/api/v1/tier-assessments/${(await f.screening.crisis('other', 'review')).tierAssessmentId}/review`,
          body: TALK,
        }),
        allow: ['other_school_psych'],
      },
    ],
  },
  {
    route: 'GET /api/v1/classes/:classId/tiers',
    cases: [
      // The head teacher of 八年级1班, and school-wide staff holding tier.read.
      {
        name: 'own class',
        request: (f) => ({ url: `/api/v1/classes/${f.homeClass.id}/tiers` }),
        allow: ['school_leader', 'psych_teacher', 'head_teacher'],
      },
      {
        name: 'another class of the school',
        request: (f) => ({ url: `/api/v1/classes/${f.otherClassInHome.id}/tiers` }),
        allow: ['school_leader', 'psych_teacher'],
      },
      {
        name: 'class of another district school',
        crossSchool: true,
        request: (f) => ({ url: `/api/v1/classes/${f.otherClass.id}/tiers` }),
        allow: ['other_school_psych'],
      },
    ],
  },
  {
    route: 'GET /api/v1/students/:id/tier',
    cases: [
      {
        name: 'student of own class',
        request: (f) => ({ url: `/api/v1/students/${f.homeStudent.id}/tier` }),
        allow: ['school_leader', 'psych_teacher', 'head_teacher'],
      },
      {
        name: 'student of another district school',
        crossSchool: true,
        request: (f) => ({ url: `/api/v1/students/${f.otherStudent.id}/tier` }),
        allow: ['other_school_psych'],
      },
    ],
  },
];
