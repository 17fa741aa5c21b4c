import type { MatrixRow } from '../testing/matrix.js';

// The counseling room is the school's psychology teachers'; a student books for themself, a head teacher
// for a student of their class. Records are the psychology teachers' alone: not the head teacher's, the
// leader's or the student's. Every id route is also tried on a record of another district's school.
const RECORD = {
  sessionType: 'individual',
  durationMinutes: 40,
  outcome: 'continue',
  state: '情绪平稳',
  problem: '考试焦虑',
  assessment: '轻度',
  analysis: '备考压力',
  measures: '放松训练',
  evaluation: '有所缓解',
};
const BOOKERS = ['student', 'head_teacher', 'psych_teacher'] as const;

export const rows: MatrixRow[] = [
  {
    route: 'GET /api/v1/counseling/rooms',
    cases: [
      {
        name: 'rooms of own school',
        request: (f) => ({ url: `/api/v1/counseling/rooms?schoolId=${f.home.id}` }),
        allow: ['psych_teacher'],
      },
      {
        name: 'rooms of another district school',
        crossSchool: true,
        request: (f) => ({ url: `/api/v1/counseling/rooms?schoolId=${f.other.id}` }),
        allow: ['other_school_psych'],
      },
    ],
  },
  {
    route: 'POST /api/v1/counseling/rooms',
    cases: [
      {
        name: 'a room in own school',
        request: (f) => ({
          url: '/api/v1/counseling/rooms',
          body: { schoolId: f.home.id, name: `团体辅导室${Math.random().toString(36).slice(2, 8)}` },
        }),
        allow: ['psych_teacher'],
      },
      {
        name: 'a room in another district school',
        crossSchool: true,
        request: (f) => ({
          url: '/api/v1/counseling/rooms',
          body: { schoolId: f.other.id, name: `团体辅导室${Math.random().toString(36).slice(2, 8)}` },
        }),
        allow: ['other_school_psych'],
      },
    ],
  },
  {
    route: 'PUT /api/v1/counseling/rooms/:id/roster',
    cases: [
      {
        name: 'roster of own room (saved unchanged)',
        request: async (f) => {
          const { id, shifts } = await f.counseling.roster('home');
          return { url: `/api/v1/counseling/rooms/${id}/roster`, body: { shifts } };
        },
        allow: ['psych_teacher'],
      },
      {
        name: 'roster of a room of another district school',
        crossSchool: true,
        request: async (f) => {
          const { id, shifts } = await f.counseling.roster('other');
          return { url: `/api/v1/counseling/rooms/${id}/roster`, body: { shifts } };
        },
        allow: ['other_school_psych'],
      },
    ],
  },
  {
    route: 'PUT /api/v1/counseling/rooms/:id/duty-log',
    cases: [
      {
        // A day years ahead, which no booking or other test touches.
        name: "duty log of own school's room",
        request: async (f) => ({
          url: `/api/v1/counseling/rooms/${await f.counseling.roomId('home')}/duty-log`,
          body: { date: '2031-03-04', open: false },
        }),
        allow: ['psych_teacher'],
      },
      {
        name: "duty log of another district school's room",
        crossSchool: true,
        request: async (f) => ({
          url: `/api/v1/counseling/rooms/${await f.counseling.roomId('other')}/duty-log`,
          body: { date: '2031-03-04', open: false },
        }),
        allow: ['other_school_psych'],
      },
    ],
  },
  {
    route: 'GET /api/v1/counseling/slots',
    cases: [
      {
        name: 'slots for the demo student',
        request: (f) => ({ url: `/api/v1/counseling/slots?studentId=${f.demoStudent.id}` }),
        allow: BOOKERS,
      },
      {
        name: 'slots for a student of another class (another person)',
        request: (f) => ({ url: `/api/v1/counseling/slots?studentId=${f.homeOtherClassStudent.id}` }),
        allow: ['psych_teacher'],
      },
      {
        name: 'slots for a student of another district school',
        crossSchool: true,
        request: (f) => ({ url: `/api/v1/counseling/slots?studentId=${f.otherStudent.id}` }),
        allow: ['other_school_psych'],
      },
    ],
  },
  {
    route: 'GET /api/v1/counseling/appointments',
    cases: [
      {
        name: "the demo student's appointments",
        request: (f) => ({ url: `/api/v1/counseling/appointments?studentId=${f.demoStudent.id}` }),
        allow: BOOKERS,
      },
      {
        name: "another student's appointments (another person)",
        request: (f) => ({ url: `/api/v1/counseling/appointments?studentId=${f.homeOtherClassStudent.id}` }),
        allow: ['psych_teacher'],
      },
      {
        name: 'appointments of a student of another district school',
        crossSchool: true,
        request: (f) => ({ url: `/api/v1/counseling/appointments?studentId=${f.otherStudent.id}` }),
        allow: ['other_school_psych'],
      },
    ],
  },
  {
    route: 'POST /api/v1/counseling/appointments',
    cases: [
      {
        name: 'book for the demo student',
        request: async (f) => ({
          url: '/api/v1/counseling/appointments',
          body: await f.counseling.freeSlot(f.demoStudent),
        }),
        allow: BOOKERS,
      },
      {
        name: 'book for a student of another class (another person)',
        request: async (f) => ({
          url: '/api/v1/counseling/appointments',
          body: await f.counseling.freeSlot(f.homeOtherClassStudent),
        }),
        allow: ['psych_teacher'],
      },
      {
        name: 'book for a student of another district school',
        crossSchool: true,
        request: async (f) => ({
          url: '/api/v1/counseling/appointments',
          body: await f.counseling.freeSlot(f.otherStudent),
        }),
        allow: ['other_school_psych'],
      },
    ],
  },
  {
    route: 'POST /api/v1/counseling/appointments/:id/transition',
    cases: [
      {
        name: "cancel the demo student's appointment",
        request: async (f) => ({
          url: `/api/v1/counseling/appointments/${await f.counseling.appointment(f.demoStudent)}/transition`,
          body: { event: 'cancel' },
        }),
        allow: BOOKERS,
      },
      {
        name: "confirm another class's student's appointment (another person)",
        request: async (f) => ({
          url: `/api/v1/counseling/appointments/${await f.counseling.appointment(f.homeOtherClassStudent)}/transition`,
          body: { event: 'confirm' },
        }),
        allow: ['psych_teacher'],
      },
      {
        name: 'confirm an appointment of another district school',
        crossSchool: true,
        request: async (f) => ({
          url: `/api/v1/counseling/appointments/${await f.counseling.appointment(f.otherStudent)}/transition`,
          body: { event: 'confirm' },
        }),
        allow: ['other_school_psych'],
      },
    ],
  },
  {
    route: 'POST /api/v1/counseling/appointments/:id/reschedule',
    cases: [
      {
        name: "move the demo student's appointment to a free slot",
        request: async (f) => {
          const { roomId, startsAt } = await f.counseling.freeSlot(f.demoStudent);
          const id = await f.counseling.appointment(f.demoStudent);
          return { url: `/api/v1/counseling/appointments/${id}/reschedule`, body: { roomId, startsAt } };
        },
        allow: BOOKERS,
      },
      {
        name: "move another class's student's appointment (another person)",
        request: async (f) => {
          const { roomId, startsAt } = await f.counseling.freeSlot(f.homeOtherClassStudent);
          const id = await f.counseling.appointment(f.homeOtherClassStudent);
          return { url: `/api/v1/counseling/appointments/${id}/reschedule`, body: { roomId, startsAt } };
        },
        allow: ['psych_teacher'],
      },
      {
        name: 'move an appointment of another district school',
        crossSchool: true,
        request: async (f) => {
          const { roomId, startsAt } = await f.counseling.freeSlot(f.otherStudent);
          const id = await f.counseling.appointment(f.otherStudent);
          return { url: `/api/v1/counseling/appointments/${id}/reschedule`, body: { roomId, startsAt } };
        },
        allow: ['other_school_psych'],
      },
    ],
  },
  {
    route: 'POST /api/v1/counseling/walk-ins',
    cases: [
      {
        name: 'walk-in of the demo student',
        request: async (f) => ({
          url: '/api/v1/counseling/walk-ins',
          body: { studentId: f.demoStudent.id, roomId: await f.counseling.roomId('home') },
        }),
        allow: ['psych_teacher'],
      },
      {
        name: 'walk-in in another district school',
        crossSchool: true,
        request: async (f) => ({
          url: '/api/v1/counseling/walk-ins',
          body: { studentId: f.otherStudent.id, roomId: await f.counseling.roomId('other') },
        }),
        allow: ['other_school_psych'],
      },
    ],
  },
  {
    route: 'GET /api/v1/counseling/day',
    cases: [
      {
        name: "own school's day",
        request: (f) => ({ url: `/api/v1/counseling/day?schoolId=${f.home.id}&date=2026-12-07` }),
        allow: ['psych_teacher'],
      },
      {
        name: "another district school's day",
        crossSchool: true,
        request: (f) => ({ url: `/api/v1/counseling/day?schoolId=${f.other.id}&date=2026-12-07` }),
        allow: ['other_school_psych'],
      },
    ],
  },
  {
    route: 'POST /api/v1/counseling/records',
    cases: [
      {
        name: 'record about the demo student',
        request: (f) => ({ url: '/api/v1/counseling/records', body: { ...RECORD, studentId: f.demoStudent.id } }),
        allow: ['psych_teacher'],
      },
      {
        name: 'record about a student of another district school',
        crossSchool: true,
        request: (f) => ({ url: '/api/v1/counseling/records', body: { ...RECORD, studentId: f.otherStudent.id } }),
        allow: ['other_school_psych'],
      },
    ],
  },
  {
    route: 'GET /api/v1/counseling/records/:id',
    cases: [
      {
        name: 'record of own school',
        request: async (f) => ({ url: `/api/v1/counseling/records/${await f.counseling.record('home')}` }),
        allow: ['psych_teacher'],
      },
      {
        name: 'record of another district school',
        crossSchool: true,
        request: async (f) => ({ url: `/api/v1/counseling/records/${await f.counseling.record('other')}` }),
        allow: ['other_school_psych'],
      },
    ],
  },
  {
    route: 'POST /api/v1/counseling/records/:id/case',
    cases: [
      {
        name: 'open a case from a record of own school',
        request: async (f) => ({
          url: `/api/v1/counseling/records/${await f.counseling.record('home', true)}/case`,
          body: { urgency: 'attention' },
        }),
        allow: ['psych_teacher'],
      },
      {
        name: 'open a case from a record of another district school',
        crossSchool: true,
        request: async (f) => ({
          url: `/api/v1/counseling/records/${await f.counseling.record('other', true)}/case`,
          body: { urgency: 'attention' },
        }),
        allow: ['other_school_psych'],
      },
    ],
  },
  {
    route: 'POST /api/v1/counseling/records/:id/alert',
    cases: [
      {
        name: 'raise an alert from a record of own school',
        request: async (f) => ({
          url: `/api/v1/counseling/records/${await f.counseling.record('home', true)}/alert`,
          body: { urgency: 'high', reason: '辅导中提到近期有轻生念头' },
        }),
        allow: ['psych_teacher'],
      },
      {
        name: 'raise an alert from a record of another district school',
        crossSchool: true,
        request: async (f) => ({
          url: `/api/v1/counseling/records/${await f.counseling.record('other', true)}/alert`,
          body: { urgency: 'high', reason: '辅导中提到近期有轻生念头' },
        }),
        allow: ['other_school_psych'],
      },
    ],
  },
  {
    route: 'POST /api/v1/counseling/records/:id/referral',
    cases: [
      {
        // A fresh record's case is only opened: core's case machine refers from intervention, so the one who
        // gets through is answered 409 and nothing is kept (the success path is in counseling.int.test.ts).
        name: 'refer from a record of own school',
        request: async (f) => ({
          url: `/api/v1/counseling/records/${await f.counseling.record('home', true)}/referral`,
          body: { hospitalId: await f.cases.hospitalId(), reason: '持续失眠', summary: '辅导摘要', urgency: 'high' },
        }),
        allow: ['psych_teacher'],
        okStatus: [201, 409],
      },
      {
        name: 'refer from a record of another district school',
        crossSchool: true,
        request: async (f) => ({
          url: `/api/v1/counseling/records/${await f.counseling.record('other', true)}/referral`,
          body: { hospitalId: await f.cases.hospitalId(), reason: '持续失眠', summary: '辅导摘要', urgency: 'high' },
        }),
        allow: ['other_school_psych'],
        okStatus: [201, 409],
      },
    ],
  },
  {
    route: 'POST /api/v1/counseling/records/:id/key-feedback',
    cases: [
      {
        name: 'key feedback to the head teacher from a record of own school',
        request: async (f) => ({
          url: `/api/v1/counseling/records/${await f.counseling.record('home')}/key-feedback`,
          body: { note: '近期请多关注该生情绪，避免当众批评。' },
        }),
        allow: ['psych_teacher'],
      },
      {
        name: 'key feedback from a record of another district school',
        crossSchool: true,
        request: async (f) => ({
          url: `/api/v1/counseling/records/${await f.counseling.record('other')}/key-feedback`,
          body: { note: '请多关注。' },
        }),
        allow: ['other_school_psych'],
      },
    ],
  },
  {
    route: 'GET /api/v1/counseling/key-feedback',
    cases: [
      {
        // Only what was sent to or by the caller: anyone who may use the room gets their own list.
        name: 'own received or sent key feedback',
        request: () => ({ url: '/api/v1/counseling/key-feedback' }),
        allow: [...BOOKERS, 'peer_supporter', 'other_school_psych'],
      },
    ],
  },
];
