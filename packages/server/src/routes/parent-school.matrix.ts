import type { MatrixRow } from '../testing/matrix.js';

const lecture = (schoolId: string, gradeId: string) => ({
  schoolId,
  title: '如何与青春期孩子沟通',
  heldAt: new Date(Date.now() - 3_600_000).toISOString(),
  hours: 1.5,
  gradeIds: [gradeId],
});

// The school's own staff who record supervision records (psychology teachers, leaders) record lectures; a
// guardian sees only the lectures of their children's grades and marks only those.
export const rows: MatrixRow[] = [
  {
    route: 'POST /api/v1/parent-lectures',
    cases: [
      {
        name: 'a lecture of the home school',
        request: (f) => ({ url: '/api/v1/parent-lectures', body: lecture(f.home.id, f.demoStudent.grade_id) }),
        okStatus: [201],
        allow: ['psych_teacher', 'school_leader'],
      },
      {
        name: 'a lecture of another district school',
        crossSchool: true,
        request: (f) => ({ url: '/api/v1/parent-lectures', body: lecture(f.other.id, f.otherStudent.grade_id) }),
        okStatus: [201],
        allow: ['other_school_psych'],
      },
    ],
  },
  {
    route: 'GET /api/v1/parent-lectures',
    cases: [
      {
        name: "the home school's lectures",
        request: (f) => ({ url: `/api/v1/parent-lectures?schoolId=${f.home.id}` }),
        allow: ['psych_teacher', 'school_leader'],
      },
      {
        name: "another district school's lectures",
        crossSchool: true,
        request: (f) => ({ url: `/api/v1/parent-lectures?schoolId=${f.other.id}` }),
        allow: ['other_school_psych'],
      },
    ],
  },
  {
    route: 'GET /api/v1/parent-lectures/:id/guardians',
    cases: [
      {
        name: "the guardians of a home lecture's grade",
        request: async (f) => ({ url: `/api/v1/parent-lectures/${await f.parentSchool.lecture('home')}/guardians` }),
        allow: ['psych_teacher', 'school_leader'],
      },
      {
        name: 'the guardians of another district school’s lecture',
        crossSchool: true,
        request: async (f) => ({ url: `/api/v1/parent-lectures/${await f.parentSchool.lecture('other')}/guardians` }),
        allow: ['other_school_psych'],
      },
    ],
  },
  {
    route: 'POST /api/v1/parent-lectures/:id/attendance',
    cases: [
      {
        name: "mark the demo student's guardian present",
        request: async (f) => ({
          url: `/api/v1/parent-lectures/${await f.parentSchool.lecture('home', 'staff-mark')}/attendance`,
          body: { guardianIds: [await f.parentSchool.guardianOf('home')] },
        }),
        allow: ['psych_teacher', 'school_leader'],
      },
      {
        name: 'mark a guardian at another district school’s lecture',
        crossSchool: true,
        request: async (f) => ({
          url: `/api/v1/parent-lectures/${await f.parentSchool.lecture('other', 'staff-mark')}/attendance`,
          body: { guardianIds: [await f.parentSchool.guardianOf('other')] },
        }),
        allow: ['other_school_psych'],
      },
    ],
  },
  {
    route: 'GET /api/v1/my/lectures',
    cases: [{ name: "my children's lectures", request: () => ({ url: '/api/v1/my/lectures' }), allow: ['guardian'] }],
  },
  {
    route: 'POST /api/v1/my/lectures/:id/attendance',
    cases: [
      {
        name: "a lecture for my child's grade",
        request: async (f) => ({ url: `/api/v1/my/lectures/${await f.parentSchool.lecture('home')}/attendance` }),
        allow: ['guardian'],
      },
      {
        name: 'a lecture of another district school',
        crossSchool: true,
        request: async (f) => ({ url: `/api/v1/my/lectures/${await f.parentSchool.lecture('other')}/attendance` }),
        allow: [],
      },
    ],
  },
];
