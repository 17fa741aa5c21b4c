import { multipartFile } from '../roster/multipart-body.js';
import { demoCampaignId } from '../seed/demo-screening.js';
import type { Fixtures, MatrixRow } from '../testing/matrix.js';

const cityCampaign = (f: Fixtures) => demoCampaignId(f.home.city_id);

/** Psychology teachers and leaders of the school; a head teacher prints for their own class only. */
const HOME_SCHOOL = ['school_leader', 'psych_teacher'] as const;

// A header without rows: the job it starts fails at once, so the matrix never stores an answer.
const emptyAnswers = () => multipartFile('answers.csv', '学籍号,姓名,PHQ-A 1\r\n', 'text/csv');

export const rows: MatrixRow[] = [
  {
    route: 'GET /api/v1/campaigns/:id/paper-forms',
    cases: [
      {
        name: 'own class',
        request: (f) => ({
          url: `/api/v1/campaigns/${cityCampaign(f)}/paper-forms?classId=${f.homeClass.id}&locale=zh-CN`,
        }),
        allow: [...HOME_SCHOOL, 'head_teacher'],
      },
      {
        name: 'own class, blank forms',
        request: (f) => ({
          url: `/api/v1/campaigns/${cityCampaign(f)}/paper-forms?classId=${f.homeClass.id}&blank=true`,
        }),
        allow: [...HOME_SCHOOL, 'head_teacher'],
      },
      {
        name: 'another class of own school',
        request: (f) => ({
          url: `/api/v1/campaigns/${cityCampaign(f)}/paper-forms?classId=${f.otherClassInHome.id}&locale=en`,
        }),
        allow: HOME_SCHOOL,
      },
      {
        name: 'another district class',
        crossSchool: true,
        request: (f) => ({ url: `/api/v1/campaigns/${cityCampaign(f)}/paper-forms?classId=${f.otherClass.id}` }),
        allow: ['other_school_psych'],
      },
    ],
  },
  {
    route: 'GET /api/v1/campaigns/:id/paper-template',
    cases: [
      {
        name: 'own class',
        request: (f) => ({ url: `/api/v1/campaigns/${cityCampaign(f)}/paper-template?classId=${f.homeClass.id}` }),
        allow: [...HOME_SCHOOL, 'head_teacher'],
      },
      {
        name: 'another district class',
        crossSchool: true,
        request: (f) => ({
          url: `/api/v1/campaigns/${cityCampaign(f)}/paper-template?classId=${f.otherClass.id}&locale=en`,
        }),
        allow: ['other_school_psych'],
      },
    ],
  },
  {
    route: 'POST /api/v1/campaigns/:id/paper-import',
    cases: [
      {
        name: 'own class',
        request: (f) => ({
          url: `/api/v1/campaigns/${cityCampaign(f)}/paper-import?classId=${f.homeClass.id}`,
          ...emptyAnswers(),
        }),
        allow: HOME_SCHOOL,
      },
      {
        name: 'another district class',
        crossSchool: true,
        request: (f) => ({
          url: `/api/v1/campaigns/${cityCampaign(f)}/paper-import?classId=${f.otherClass.id}`,
          ...emptyAnswers(),
        }),
        allow: ['other_school_psych'],
      },
    ],
  },
];
