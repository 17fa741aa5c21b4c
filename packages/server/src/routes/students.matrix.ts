import type { MatrixRow } from '../testing/matrix.js';

const SCHOOL_STUDENT_READERS = [
  'city_admin',
  'district_admin',
  'school_admin',
  'school_leader',
  'psych_teacher',
] as const;

export const rows: MatrixRow[] = [
  {
    route: 'GET /api/v1/students',
    cases: [
      // A list is filtered to scope; actors without student.list are refused outright.
      {
        name: 'list in scope',
        request: () => ({ url: '/api/v1/students?pageSize=5' }),
        allow: [...SCHOOL_STUDENT_READERS, 'head_teacher', 'other_school_psych'],
      },
    ],
  },
  {
    route: 'GET /api/v1/students/:id',
    cases: [
      {
        name: 'student of own class',
        request: (f) => ({ url: `/api/v1/students/${f.homeStudent.id}` }),
        allow: [...SCHOOL_STUDENT_READERS, 'head_teacher'],
      },
      {
        name: 'student of another class',
        request: (f) => ({ url: `/api/v1/students/${f.homeOtherClassStudent.id}` }),
        allow: SCHOOL_STUDENT_READERS,
      },
      {
        name: 'student of another district school',
        crossSchool: true,
        request: (f) => ({ url: `/api/v1/students/${f.otherStudent.id}` }),
        allow: ['city_admin', 'other_school_psych'],
      },
    ],
  },
  {
    route: 'PATCH /api/v1/students/:id',
    cases: [
      {
        name: 'edit own school student',
        request: (f) => ({ url: `/api/v1/students/${f.homeOtherClassStudent.id}`, body: { boarding: true } }),
        allow: ['city_admin', 'district_admin', 'school_admin'],
      },
      {
        name: 'edit another district student',
        crossSchool: true,
        request: (f) => ({ url: `/api/v1/students/${f.otherStudent.id}`, body: { boarding: true } }),
        allow: ['city_admin'],
      },
    ],
  },
];
