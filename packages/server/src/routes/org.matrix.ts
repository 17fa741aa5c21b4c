import { multipartFile } from '../roster/multipart-body.js';
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

// Building the tree is system administrators' (`org.manage`), each below their own unit: a school's
// administrator adds classes to its grades, a district's adds schools, the city's adds districts and holds
// the city-wide lists (partner hospitals, school years). Every allowed call creates something, so each
// gets a name of its own; the PATCH cases write a unit's own name back, so every allowed actor succeeds.
const ADMINS = ['city_admin', 'district_admin', 'school_admin'] as const;
let made = 0;
const fresh = (prefix: string) => `${prefix}${++made}-${Math.random().toString(36).slice(2, 6)}`;
let nextYear = 2100;
const freshYear = () => {
  const y = nextYear++;
  return {
    code: `${y}-${y + 1}`,
    startsOn: `${y}-09-01`,
    term1EndsOn: `${y + 1}-01-20`,
    endsOn: `${y + 1}-07-10`,
  };
};

rows.push(
  {
    route: 'POST /api/v1/org/units',
    cases: [
      {
        name: 'a class in a grade of own school',
        request: (f) => ({
          url: '/api/v1/org/units',
          body: { kind: 'class', parentId: f.homeClass.grade_id, name: fresh('矩阵班') },
        }),
        allow: ADMINS,
        okStatus: [201],
      },
      {
        name: 'a district in the city',
        request: (f) => ({
          url: '/api/v1/org/units',
          body: { kind: 'district', parentId: f.home.city_id, name: fresh('矩阵区') },
        }),
        allow: ['city_admin'],
        okStatus: [201],
      },
      {
        name: 'a class in another district school',
        crossSchool: true,
        request: (f) => ({
          url: '/api/v1/org/units',
          body: { kind: 'class', parentId: f.otherClass.grade_id, name: fresh('矩阵班') },
        }),
        allow: ['city_admin'],
        okStatus: [201],
      },
    ],
  },
  ...(['/api/v1/org/rollover/preview', '/api/v1/org/rollover'] as const).map((route): MatrixRow => ({
    route: `POST ${route}`,
    cases: [
      {
        name: 'own school',
        request: (f) => ({ url: route, body: { unitId: f.home.id } }),
        allow: ADMINS,
      },
      {
        name: 'the city',
        request: (f) => ({ url: route, body: { unitId: f.home.city_id } }),
        allow: ['city_admin'],
      },
      {
        name: 'another district school',
        crossSchool: true,
        request: (f) => ({ url: route, body: { unitId: f.other.id } }),
        allow: ['city_admin'],
      },
    ],
  })),
  {
    route: 'PATCH /api/v1/org/units/:id',
    cases: [
      {
        name: 'own class',
        request: (f) => ({ url: `/api/v1/org/units/${f.homeClass.id}`, body: { name: f.homeClass.name_zh } }),
        allow: ADMINS,
      },
      {
        // Managed from above: the school's own administrator cannot rename or close it.
        name: 'own school',
        request: (f) => ({ url: `/api/v1/org/units/${f.home.id}`, body: { name: f.home.name_zh } }),
        allow: ['city_admin', 'district_admin'],
      },
      {
        name: 'another district school',
        crossSchool: true,
        request: (f) => ({ url: `/api/v1/org/units/${f.other.id}`, body: { name: f.other.name_zh } }),
        allow: ['city_admin'],
      },
    ],
  },
  {
    route: 'GET /api/v1/org/hospitals',
    cases: [
      {
        // Every organisation manager reads the list (a school's partner hospital is picked from it).
        name: "the city's partner hospitals",
        request: () => ({ url: '/api/v1/org/hospitals' }),
        allow: ADMINS,
      },
    ],
  },
  {
    route: 'POST /api/v1/org/hospitals',
    cases: [
      {
        name: 'a partner hospital',
        request: () => ({ url: '/api/v1/org/hospitals', body: { name: fresh('矩阵医院') } }),
        allow: ['city_admin'],
        okStatus: [201],
      },
    ],
  },
  {
    route: 'PATCH /api/v1/org/hospitals/:id',
    cases: [
      {
        // Hospitals are the city's, outside every school and district: only the city's administrator.
        name: "the city's second partner hospital",
        crossSchool: true,
        request: async (f) => ({
          url: `/api/v1/org/hospitals/${await f.cases.otherHospitalId()}`,
          body: { nameEn: "Yuxin Demo City Second People's Hospital" },
        }),
        allow: ['city_admin'],
      },
    ],
  },
  {
    route: 'GET /api/v1/org/school-years',
    cases: [
      { name: "the city's school years", request: () => ({ url: '/api/v1/org/school-years' }), allow: ['city_admin'] },
    ],
  },
  {
    route: 'POST /api/v1/org/school-years',
    cases: [
      {
        name: 'a school year',
        request: () => ({ url: '/api/v1/org/school-years', body: freshYear() }),
        allow: ['city_admin'],
        okStatus: [201],
      },
    ],
  },
  {
    route: 'PATCH /api/v1/org/school-years/:code',
    cases: [
      {
        // City-wide: no district's or school's administrator changes the city's calendar.
        name: 'make the current year current again',
        crossSchool: true,
        request: () => ({ url: '/api/v1/org/school-years/2026-2027', body: { current: true } }),
        allow: ['city_admin'],
      },
    ],
  },
);

// The org tree import answers every organisation manager with a report; what a row may touch is decided per
// row (org-import.int.test.ts): another district's row is that row's error, never a refusal of the file.
// Both cases preview, so the matrix never changes the demo tree.
// The demo's home school is in 东城区; 西城区 is the other district.
const orgSheet = (district: string, school: string) =>
  multipartFile('org.csv', `区县,学校,学段\r\n${district},${school},\r\n`, 'text/csv');

rows.push(
  {
    route: 'GET /api/v1/org/import/template',
    cases: [
      { name: 'zh template', request: () => ({ url: '/api/v1/org/import/template?lang=zh-CN' }), allow: ADMINS },
      { name: 'en template', request: () => ({ url: '/api/v1/org/import/template?lang=en' }), allow: ADMINS },
    ],
  },
  {
    route: 'POST /api/v1/org/imports',
    cases: [
      {
        name: 'preview a sheet of own school',
        request: (f) => ({ url: '/api/v1/org/imports?mode=preview', ...orgSheet('东城区', f.home.name_zh) }),
        allow: ADMINS,
      },
      {
        name: 'preview a sheet naming another district (a row error in the report)',
        crossSchool: true,
        request: (f) => ({ url: '/api/v1/org/imports?mode=preview', ...orgSheet('西城区', f.other.name_zh) }),
        allow: ADMINS,
      },
    ],
  },
);
