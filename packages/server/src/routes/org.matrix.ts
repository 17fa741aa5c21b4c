import type { MatrixRow } from '../testing/matrix.js';

const ORG_READERS = [
  'city_admin',
  'district_admin',
  'school_admin',
  'city_staff',
  'district_staff',
  'supervisor',
  'school_leader',
  'psych_teacher',
  'head_teacher',
  'other_school_psych',
] as const;
const HOME_SCHOOL_ORG = [
  'city_admin',
  'district_admin',
  'school_admin',
  'city_staff',
  'district_staff',
  'supervisor',
  'school_leader',
  'psych_teacher',
] as const;
const CITY_WIDE_ORG = ['city_admin', 'city_staff', 'supervisor'] as const;

export const rows: MatrixRow[] = [
  {
    route: 'GET /api/v1/org/units',
    cases: [
      { name: 'scope roots', request: () => ({ url: '/api/v1/org/units' }), allow: ORG_READERS },
      {
        name: 'children of own school',
        request: (f) => ({ url: `/api/v1/org/units?parentId=${f.home.id}` }),
        allow: HOME_SCHOOL_ORG,
      },
      {
        name: 'children of another district school',
        crossSchool: true,
        request: (f) => ({ url: `/api/v1/org/units?parentId=${f.other.id}` }),
        allow: [...CITY_WIDE_ORG, 'other_school_psych'],
      },
    ],
  },
  {
    route: 'GET /api/v1/org/units/:id',
    cases: [
      {
        name: 'own class',
        request: (f) => ({ url: `/api/v1/org/units/${f.homeClass.id}` }),
        allow: [...HOME_SCHOOL_ORG, 'head_teacher'],
      },
      {
        name: 'another class of own school',
        request: (f) => ({ url: `/api/v1/org/units/${f.otherClassInHome.id}` }),
        allow: HOME_SCHOOL_ORG,
      },
      {
        name: 'another district school',
        crossSchool: true,
        request: (f) => ({ url: `/api/v1/org/units/${f.other.id}` }),
        allow: [...CITY_WIDE_ORG, 'other_school_psych'],
      },
    ],
  },
];
