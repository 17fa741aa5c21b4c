import type { MatrixRow } from '../testing/matrix.js';

// A class's peer supporters are appointed by its head teacher and the school's psychology teachers. The
// cases change nothing the rest of the matrix relies on: the POST names a student of another class (a 400
// once through the access check), the DELETE one who is not a peer supporter (a 204 that changes nothing).
export const rows: MatrixRow[] = [
  {
    route: 'GET /api/v1/classes/:classId/peer-supporters',
    cases: [
      {
        name: "the head teacher's own class",
        request: (f) => ({ url: `/api/v1/classes/${f.homeClass.id}/peer-supporters` }),
        allow: ['psych_teacher', 'head_teacher'],
      },
      {
        name: 'another class of own school',
        request: (f) => ({ url: `/api/v1/classes/${f.otherClassInHome.id}/peer-supporters` }),
        allow: ['psych_teacher'],
      },
      {
        name: 'a class of another district school',
        crossSchool: true,
        request: (f) => ({ url: `/api/v1/classes/${f.otherClass.id}/peer-supporters` }),
        allow: ['other_school_psych'],
      },
    ],
  },
  {
    route: 'POST /api/v1/classes/:classId/peer-supporters',
    cases: [
      {
        name: 'a student of another class (refused after the access check)',
        request: (f) => ({
          url: `/api/v1/classes/${f.homeClass.id}/peer-supporters`,
          body: { studentId: f.homeOtherClassStudent.id },
        }),
        allow: ['psych_teacher', 'head_teacher'],
        okStatus: [400],
      },
      {
        name: 'a class of another district school',
        crossSchool: true,
        request: (f) => ({
          url: `/api/v1/classes/${f.otherClass.id}/peer-supporters`,
          body: { studentId: f.homeStudent.id },
        }),
        allow: ['other_school_psych'],
        okStatus: [400],
      },
    ],
  },
  {
    route: 'DELETE /api/v1/classes/:classId/peer-supporters/:studentId',
    cases: [
      {
        name: 'a student who is not a peer supporter',
        request: (f) => ({ url: `/api/v1/classes/${f.homeClass.id}/peer-supporters/${f.demoStudent.id}` }),
        allow: ['psych_teacher', 'head_teacher'],
      },
      {
        name: 'a class of another district school',
        crossSchool: true,
        request: (f) => ({ url: `/api/v1/classes/${f.otherClass.id}/peer-supporters/${f.otherStudent.id}` }),
        allow: ['other_school_psych'],
      },
    ],
  },
];
