import { randomUUID } from 'node:crypto';
import { EVERYONE_SIGNED_IN, type Fixtures, type MatrixActor, type MatrixRow } from '../testing/matrix.js';

/** The warning network of the demo school: staff of the school, the class's head teacher and peer supporter, the student's guardian. */
const OBSERVERS: readonly MatrixActor[] = [
  'school_leader',
  'psych_teacher',
  'teacher',
  'dormitory_staff',
  'head_teacher',
  'peer_supporter',
  'guardian',
  'other_school_psych',
];

const observation = (studentId: string) => ({
  url: '/api/v1/observations',
  body: {
    clientId: randomUUID(),
    studentId,
    signs: ['mood_change'],
    seenAt: new Date(Date.now() - 3_600_000).toISOString(),
    urgency: 'attention',
    text: '最近一周常常一个人坐着，不愿说话。',
  },
});

export const rows: MatrixRow[] = [
  {
    route: 'GET /api/v1/observations/subjects',
    cases: [
      {
        name: 'students one may report on',
        request: () => ({ url: '/api/v1/observations/subjects' }),
        allow: OBSERVERS,
      },
    ],
  },
  {
    route: 'POST /api/v1/observations',
    cases: [
      {
        name: 'about the demo student (class 8-1)',
        request: (f: Fixtures) => observation(f.demoStudent.id),
        allow: [
          'school_leader',
          'psych_teacher',
          'teacher',
          'dormitory_staff',
          'head_teacher',
          'peer_supporter',
          'guardian',
        ],
      },
      {
        name: 'about a student of another class in the school',
        request: (f: Fixtures) => observation(f.homeOtherClassStudent.id),
        allow: ['school_leader', 'psych_teacher', 'teacher', 'dormitory_staff'],
      },
      {
        name: 'about a student of another district school',
        crossSchool: true,
        request: (f: Fixtures) => observation(f.otherStudent.id),
        allow: ['other_school_psych'],
      },
    ],
  },
  {
    route: 'GET /api/v1/notifications',
    cases: [
      { name: "one's own notifications", request: () => ({ url: '/api/v1/notifications' }), allow: EVERYONE_SIGNED_IN },
    ],
  },
  {
    route: 'GET /api/v1/notifications/stream',
    cases: [
      // Without `Accept: text/event-stream` the route answers the unread count and ends, so inject can try it.
      {
        name: "one's own notification stream (count)",
        request: () => ({ url: '/api/v1/notifications/stream' }),
        allow: EVERYONE_SIGNED_IN,
      },
    ],
  },
  {
    route: 'POST /api/v1/notifications/:id/read',
    cases: [
      {
        name: 'a notification of psych03',
        request: async (f) => ({ url: `/api/v1/notifications/${await f.warning.notificationFor('psych03')}/read` }),
        allow: ['psych_teacher'],
      },
      {
        name: 'a notification of psych07 (another district)',
        crossSchool: true,
        request: async (f) => ({ url: `/api/v1/notifications/${await f.warning.notificationFor('psych07')}/read` }),
        allow: ['other_school_psych'],
      },
    ],
  },
];
