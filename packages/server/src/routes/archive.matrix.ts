import type { MatrixRow } from '../testing/matrix.js';

// The archive opens for the school's psychology teachers, the head teacher of the student's class and the
// school leader (each reading their own sections); never for students, guardians, administrators or other
// staff. The PDF is the psychology teachers'. Family situation and home contacts are written by the class's
// head teacher or a psychology teacher. Every route is also tried on a student of another district's school.
const FAMILY = { family: '父母在外务工，与祖父母同住。', growth: '小学阶段随父母在外地就读，三年级转回本地。' };
const CONTACT = { contactedOn: '2026-03-02', mode: 'phone', participants: '班主任、母亲', summary: '电话沟通近况。' };

export const rows: MatrixRow[] = [
  {
    route: 'GET /api/v1/students/:id/archive',
    cases: [
      {
        name: 'student of own class',
        request: (f) => ({ url: `/api/v1/students/${f.homeStudent.id}/archive` }),
        allow: ['school_leader', 'psych_teacher', 'head_teacher'],
      },
      {
        // The student's own archive and their guardian's child's: neither opens it.
        name: 'the demo student (own record of student and guardian)',
        request: (f) => ({ url: `/api/v1/students/${f.demoStudent.id}/archive` }),
        allow: ['school_leader', 'psych_teacher', 'head_teacher'],
      },
      {
        name: 'student of another class (another person)',
        request: (f) => ({ url: `/api/v1/students/${f.homeOtherClassStudent.id}/archive` }),
        allow: ['school_leader', 'psych_teacher'],
      },
      {
        name: 'student of another district school',
        crossSchool: true,
        request: (f) => ({ url: `/api/v1/students/${f.otherStudent.id}/archive` }),
        allow: ['other_school_psych'],
      },
    ],
  },
  {
    route: 'GET /api/v1/students/:id/archive.pdf',
    cases: [
      {
        name: 'student of own class',
        request: (f) => ({ url: `/api/v1/students/${f.homeStudent.id}/archive.pdf` }),
        allow: ['psych_teacher'],
      },
      {
        name: 'student of another district school',
        crossSchool: true,
        request: (f) => ({ url: `/api/v1/students/${f.otherStudent.id}/archive.pdf` }),
        allow: ['other_school_psych'],
      },
    ],
  },
  {
    route: 'POST /api/v1/students/:id/family-background',
    cases: [
      {
        name: 'student of own class',
        request: (f) => ({ url: `/api/v1/students/${f.homeStudent.id}/family-background`, body: FAMILY }),
        allow: ['psych_teacher', 'head_teacher'],
      },
      {
        name: 'student of another class (another person)',
        request: (f) => ({ url: `/api/v1/students/${f.homeOtherClassStudent.id}/family-background`, body: FAMILY }),
        allow: ['psych_teacher'],
      },
      {
        name: 'student of another district school',
        crossSchool: true,
        request: (f) => ({ url: `/api/v1/students/${f.otherStudent.id}/family-background`, body: FAMILY }),
        allow: ['other_school_psych'],
      },
    ],
  },
  {
    route: 'POST /api/v1/students/:id/home-contacts',
    cases: [
      {
        name: 'student of own class',
        request: (f) => ({ url: `/api/v1/students/${f.homeStudent.id}/home-contacts`, body: CONTACT }),
        allow: ['psych_teacher', 'head_teacher'],
      },
      {
        name: 'student of another class (another person)',
        request: (f) => ({ url: `/api/v1/students/${f.homeOtherClassStudent.id}/home-contacts`, body: CONTACT }),
        allow: ['psych_teacher'],
      },
      {
        name: 'student of another district school',
        crossSchool: true,
        request: (f) => ({ url: `/api/v1/students/${f.otherStudent.id}/home-contacts`, body: CONTACT }),
        allow: ['other_school_psych'],
      },
    ],
  },
];
