import type { MatrixRow } from '../testing/matrix.js';

// The class's own teachers hand out codes: the head teacher of the demo class and the school's psychology
// teacher. Administrators and the school leader do not (a code opens a student's questionnaire). The
// other district's class is psych07's (other_school_psych) own school.
const TEACHERS = ['psych_teacher', 'head_teacher'] as const;
const url = async (f: Parameters<MatrixRow['cases'][number]['request']>[0], side: 'home' | 'other') =>
  `/api/v1/campaigns/${await f.screening.codeCampaign(side)}/classes/${side === 'home' ? f.homeClass.id : f.otherClass.id}/screening-codes`;

export const rows: MatrixRow[] = [
  {
    // A code that was never issued: everyone, signed in or not, is told the same 401.
    route: 'POST /api/v1/auth/screening-code',
    cases: [
      {
        name: 'a code never issued',
        request: () => ({ url: '/api/v1/auth/screening-code', body: { code: '0000-0000-0000-0000-0000-0000-00' } }),
        allow: [],
      },
    ],
  },
  {
    route: 'POST /api/v1/campaigns/:campaignId/classes/:classId/screening-codes',
    cases: [
      {
        name: 'own class',
        request: async (f) => ({ url: await url(f, 'home'), body: {} }),
        allow: TEACHERS,
      },
      {
        name: 'class of another district school',
        crossSchool: true,
        request: async (f) => ({ url: await url(f, 'other'), body: { confirmBirthDate: true } }),
        allow: ['other_school_psych'],
      },
    ],
  },
  {
    route: 'GET /api/v1/campaigns/:campaignId/classes/:classId/screening-codes',
    cases: [
      { name: 'own class', request: async (f) => ({ url: await url(f, 'home') }), allow: TEACHERS },
      {
        name: 'class of another district school',
        crossSchool: true,
        request: async (f) => ({ url: await url(f, 'other') }),
        allow: ['other_school_psych'],
      },
    ],
  },
  {
    route: 'DELETE /api/v1/campaigns/:campaignId/classes/:classId/screening-codes',
    cases: [
      { name: 'own class', request: async (f) => ({ url: await url(f, 'home') }), allow: TEACHERS },
      {
        name: 'class of another district school',
        crossSchool: true,
        request: async (f) => ({ url: await url(f, 'other') }),
        allow: ['other_school_psych'],
      },
    ],
  },
];
