import { chinaDate } from '../accounts/content-disposition.js';
import { multipartFile } from '../roster/multipart-body.js';
import type { Fixtures, MatrixRow } from '../testing/matrix.js';

const HOME_SCHOOL_READERS = [
  'city_admin',
  'district_admin',
  'school_admin',
  'city_staff',
  'district_staff',
  'supervisor',
  'school_leader',
  'psych_teacher',
] as const;
const lesson = (f: Fixtures, schoolId: string, classId: string) => ({
  url: '/api/v1/supervision/records',
  body: { schoolId, kind: 'lesson', occurredOn: chinaDate(), hours: 1, classId, topic: '情绪管理' },
});

const importSheet = () =>
  multipartFile('records.csv', `类型,日期,时长（小时）,年级\n家长讲座,${chinaDate()},1.5,8\n`, 'text/csv');

export const rows: MatrixRow[] = [
  {
    route: 'GET /api/v1/supervision/schools/:id',
    cases: [
      {
        name: 'own school',
        request: (f) => ({ url: `/api/v1/supervision/schools/${f.home.id}` }),
        allow: HOME_SCHOOL_READERS,
      },
      {
        name: 'another district school',
        crossSchool: true,
        request: (f) => ({ url: `/api/v1/supervision/schools/${f.other.id}` }),
        allow: ['city_admin', 'city_staff', 'supervisor', 'other_school_psych'],
      },
    ],
  },
  {
    route: 'GET /api/v1/supervision/units/:id',
    cases: [
      {
        name: 'own district',
        request: (f) => ({ url: `/api/v1/supervision/units/${f.home.district_id}` }),
        allow: ['city_admin', 'district_admin', 'city_staff', 'district_staff', 'supervisor'],
      },
      {
        name: 'another district',
        crossSchool: true,
        request: (f) => ({ url: `/api/v1/supervision/units/${f.other.district_id}` }),
        allow: ['city_admin', 'city_staff', 'supervisor'],
      },
    ],
  },
  {
    route: 'POST /api/v1/supervision/records',
    cases: [
      // The school's own staff record; administrators run the system and do not stand in for the school.
      {
        name: 'lesson in own school',
        request: (f) => lesson(f, f.home.id, f.homeClass.id),
        allow: ['school_leader', 'psych_teacher'],
      },
      {
        name: 'lesson in another district school',
        crossSchool: true,
        request: (f) => lesson(f, f.other.id, f.otherClass.id),
        allow: ['other_school_psych'],
      },
    ],
  },
  {
    route: 'POST /api/v1/supervision/records/import',
    cases: [
      {
        name: 'sheet for own school',
        request: (f) => ({ url: `/api/v1/supervision/records/import?schoolId=${f.home.id}`, ...importSheet() }),
        allow: ['school_leader', 'psych_teacher'],
      },
      {
        name: 'sheet for another district school',
        crossSchool: true,
        request: (f) => ({ url: `/api/v1/supervision/records/import?schoolId=${f.other.id}`, ...importSheet() }),
        allow: ['other_school_psych'],
      },
    ],
  },
  {
    route: 'GET /api/v1/supervision/records/template.xlsx',
    cases: [
      {
        name: 'template for own school',
        request: (f) => ({ url: `/api/v1/supervision/records/template.xlsx?schoolId=${f.home.id}` }),
        allow: ['school_leader', 'psych_teacher'],
      },
      {
        name: 'template for another district school',
        crossSchool: true,
        request: (f) => ({ url: `/api/v1/supervision/records/template.xlsx?schoolId=${f.other.id}` }),
        allow: ['other_school_psych'],
      },
    ],
  },
  {
    route: 'GET /api/v1/supervision/standards',
    cases: [
      {
        name: 'own city',
        request: () => ({ url: '/api/v1/supervision/standards' }),
        allow: [...HOME_SCHOOL_READERS, 'other_school_psych'],
      },
    ],
  },
  {
    route: 'PUT /api/v1/supervision/standards',
    cases: [
      {
        name: 'own city',
        request: () => ({ url: '/api/v1/supervision/standards', body: { preset: 'jinan' } }),
        allow: ['city_admin', 'city_staff'],
      },
    ],
  },
];
