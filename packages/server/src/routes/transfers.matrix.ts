import type { MatrixRow } from '../testing/matrix.js';

// A transfer has two sides. The sending school's psychology teachers, leaders and administrators raise and
// withdraw it; the receiving school's psychology teachers and administrators accept or decline it; district
// and city staff read requests of their scope. The hand-over summary is the psychology teachers' alone:
// the sender's at any time, the receiver's only after acceptance. Home is 东城第一初级中学, other is
// 西城第二初级中学 (another district), third a school of a third district.
const SENDERS = ['city_admin', 'district_admin', 'school_admin', 'school_leader', 'psych_teacher'] as const;
const HOME_READERS = [...SENDERS, 'city_staff', 'district_staff'] as const;
const HOME_RECEIVERS = ['city_admin', 'district_admin', 'school_admin', 'psych_teacher'] as const;

export const rows: MatrixRow[] = [
  {
    route: 'POST /api/v1/transfers',
    cases: [
      {
        name: 'a home student to the other school',
        request: async (f) => ({
          url: '/api/v1/transfers',
          body: { studentId: (await f.transfers.student('home')).id, toSchoolId: f.other.id },
        }),
        allow: SENDERS,
      },
      {
        name: "another district school's student to the home school",
        crossSchool: true,
        request: async (f) => ({
          url: '/api/v1/transfers',
          body: { studentId: (await f.transfers.student('other')).id, toSchoolId: f.home.id },
        }),
        allow: ['city_admin', 'other_school_psych'],
      },
    ],
  },
  {
    route: 'GET /api/v1/transfers',
    cases: [
      {
        name: "transfers of one's schools",
        request: () => ({ url: '/api/v1/transfers' }),
        allow: [...HOME_READERS, 'other_school_psych'],
      },
    ],
  },
  {
    route: 'GET /api/v1/transfers/:id',
    cases: [
      {
        name: 'a transfer out of the home school (to the other school)',
        request: async (f) => ({ url: `/api/v1/transfers/${await f.transfers.transfer('home', 'other')}` }),
        allow: [...HOME_READERS, 'other_school_psych'],
      },
      {
        name: 'a transfer between two schools of other districts',
        crossSchool: true,
        request: async (f) => ({ url: `/api/v1/transfers/${await f.transfers.transfer('other', 'third')}` }),
        allow: ['city_admin', 'city_staff', 'other_school_psych'],
      },
    ],
  },
  {
    route: 'PUT /api/v1/transfers/:id/handover',
    cases: [
      {
        name: 'the summary of a transfer out of the home school',
        request: async (f) => ({
          url: `/api/v1/transfers/${await f.transfers.transfer('home', 'other')}/handover`,
          body: { tier: 1, followUpNeeds: '', attention: '关注适应', sign: true },
        }),
        allow: ['psych_teacher'],
      },
      {
        name: 'the summary of a transfer out of another district school',
        crossSchool: true,
        request: async (f) => ({
          url: `/api/v1/transfers/${await f.transfers.transfer('other', 'third')}/handover`,
          body: { tier: 1, followUpNeeds: '', attention: '关注适应', sign: true },
        }),
        allow: ['other_school_psych'],
      },
    ],
  },
  {
    route: 'GET /api/v1/transfers/:id/handover',
    cases: [
      {
        name: 'a waiting transfer out of the home school: the sender only',
        request: async (f) => ({
          url: `/api/v1/transfers/${await f.transfers.transfer('home', 'other', { summary: true })}/handover`,
        }),
        allow: ['psych_teacher'],
      },
      {
        name: 'an accepted transfer into the home school: the receiver and the sender',
        crossSchool: true,
        request: async (f) => ({
          url: `/api/v1/transfers/${await f.transfers.transfer('other', 'home', { summary: true, status: 'accepted' })}/handover`,
        }),
        allow: ['psych_teacher', 'other_school_psych'],
      },
      {
        name: 'a waiting transfer into the home school: not yet the receiver',
        crossSchool: true,
        request: async (f) => ({
          url: `/api/v1/transfers/${await f.transfers.transfer('other', 'home', { summary: true })}/handover`,
        }),
        allow: ['other_school_psych'],
      },
    ],
  },
  {
    route: 'POST /api/v1/transfers/:id/accept',
    cases: [
      {
        name: 'a transfer into the home school',
        request: async (f) => ({
          url: `/api/v1/transfers/${await f.transfers.transfer('other', 'home')}/accept`,
          body: { classId: await f.transfers.classOf('home') },
        }),
        allow: HOME_RECEIVERS,
      },
      {
        name: 'a transfer into another district school',
        crossSchool: true,
        request: async (f) => ({
          url: `/api/v1/transfers/${await f.transfers.transfer('home', 'other')}/accept`,
          body: { classId: await f.transfers.classOf('other') },
        }),
        allow: ['city_admin', 'other_school_psych'],
      },
    ],
  },
  {
    route: 'POST /api/v1/transfers/:id/decline',
    cases: [
      {
        name: 'a transfer into the home school',
        request: async (f) => ({ url: `/api/v1/transfers/${await f.transfers.transfer('other', 'home')}/decline` }),
        allow: HOME_RECEIVERS,
      },
      {
        name: 'a transfer into another district school',
        crossSchool: true,
        request: async (f) => ({ url: `/api/v1/transfers/${await f.transfers.transfer('home', 'other')}/decline` }),
        allow: ['city_admin', 'other_school_psych'],
      },
    ],
  },
  {
    route: 'POST /api/v1/transfers/:id/cancel',
    cases: [
      {
        name: 'a transfer out of the home school',
        request: async (f) => ({ url: `/api/v1/transfers/${await f.transfers.transfer('home', 'other')}/cancel` }),
        allow: SENDERS,
      },
      {
        name: 'a transfer out of another district school',
        crossSchool: true,
        request: async (f) => ({ url: `/api/v1/transfers/${await f.transfers.transfer('other', 'third')}/cancel` }),
        allow: ['city_admin', 'other_school_psych'],
      },
    ],
  },
];
