import { demoCampaignId } from '../seed/demo-screening.js';
import type { Fixtures, MatrixRow } from '../testing/matrix.js';

const cityCampaign = (f: Fixtures) => demoCampaignId(f.home.city_id);

const HOME_SCHOOL_COUNTS = [
  'city_admin',
  'district_admin',
  'school_admin',
  'city_staff',
  'district_staff',
  'supervisor',
  'school_leader',
  'psych_teacher',
] as const;
const OTHER_SCHOOL_COUNTS = ['city_admin', 'city_staff', 'supervisor', 'other_school_psych'] as const;
/** Names need student.list as well: district and city staff and supervisors never get them. */
const HOME_CLASS_NAMES = [
  'city_admin',
  'district_admin',
  'school_admin',
  'school_leader',
  'psych_teacher',
  'head_teacher',
] as const;

export const rows: MatrixRow[] = [
  {
    route: 'GET /api/v1/campaigns/:id/completion',
    cases: [
      {
        name: 'classes of own school',
        request: (f) => ({ url: `/api/v1/campaigns/${cityCampaign(f)}/completion?level=class&unitId=${f.home.id}` }),
        allow: HOME_SCHOOL_COUNTS,
      },
      {
        name: 'own class',
        request: (f) => ({
          url: `/api/v1/campaigns/${cityCampaign(f)}/completion?level=class&unitId=${f.homeClass.id}`,
        }),
        allow: [...HOME_SCHOOL_COUNTS, 'head_teacher'],
      },
      {
        name: 'another district school',
        crossSchool: true,
        request: (f) => ({ url: `/api/v1/campaigns/${cityCampaign(f)}/completion?unitId=${f.other.id}` }),
        allow: OTHER_SCHOOL_COUNTS,
      },
    ],
  },
  {
    route: 'GET /api/v1/campaigns/:id/completion/students',
    cases: [
      {
        name: 'own class',
        request: (f) => ({ url: `/api/v1/campaigns/${cityCampaign(f)}/completion/students?classId=${f.homeClass.id}` }),
        allow: HOME_CLASS_NAMES,
      },
      {
        name: 'another class of own school',
        request: (f) => ({
          url: `/api/v1/campaigns/${cityCampaign(f)}/completion/students?classId=${f.otherClassInHome.id}`,
        }),
        allow: ['city_admin', 'district_admin', 'school_admin', 'school_leader', 'psych_teacher'],
      },
      {
        name: 'another district class',
        crossSchool: true,
        request: (f) => ({
          url: `/api/v1/campaigns/${cityCampaign(f)}/completion/students?classId=${f.otherClass.id}`,
        }),
        allow: ['city_admin', 'other_school_psych'],
      },
    ],
  },
  {
    route: 'POST /api/v1/campaigns/:id/reminders',
    cases: [
      {
        name: 'own class',
        request: (f) => ({ url: `/api/v1/campaigns/${cityCampaign(f)}/reminders`, body: { classId: f.homeClass.id } }),
        allow: HOME_CLASS_NAMES,
      },
      {
        name: 'another district class',
        crossSchool: true,
        request: (f) => ({ url: `/api/v1/campaigns/${cityCampaign(f)}/reminders`, body: { classId: f.otherClass.id } }),
        allow: ['city_admin', 'other_school_psych'],
      },
    ],
  },
  {
    route: 'GET /api/v1/screening/due',
    cases: [
      {
        name: 'own school',
        request: (f) => ({ url: `/api/v1/screening/due?unitId=${f.home.id}` }),
        allow: HOME_SCHOOL_COUNTS,
      },
      {
        name: 'own class',
        request: (f) => ({ url: `/api/v1/screening/due?unitId=${f.homeClass.id}` }),
        allow: [...HOME_SCHOOL_COUNTS, 'head_teacher'],
      },
      {
        name: 'another district school',
        crossSchool: true,
        request: (f) => ({ url: `/api/v1/screening/due?unitId=${f.other.id}` }),
        allow: OTHER_SCHOOL_COUNTS,
      },
    ],
  },
];
