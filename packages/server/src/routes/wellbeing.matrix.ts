import { randomUUID } from 'node:crypto';
import type { MatrixActor, MatrixRow } from '../testing/matrix.js';

// Every staff account may take its own self-screening and read its own results; students, guardians and
// peer supporters (students too) may not. Nobody reads anybody else's result: not the school leader, not an
// administrator, not a centre. The centres' call-back queue is theirs alone, and counts are for the school
// leader and the centres.
const STAFF: readonly MatrixActor[] = [
  'city_admin',
  'district_admin',
  'school_admin',
  'city_staff',
  'district_staff',
  'supervisor',
  'school_leader',
  'psych_teacher',
  'head_teacher',
  'teacher',
  'dormitory_staff',
  'hospital_doctor',
  'hotline_counselor',
  'other_school_psych',
];
const calm = [0, 0, 0, 0, 0, 0, 0, 0, 0];

export const rows: MatrixRow[] = [
  {
    route: 'GET /api/v1/my/wellbeing',
    cases: [
      { name: 'own results, resources and hotlines', request: () => ({ url: '/api/v1/my/wellbeing' }), allow: STAFF },
    ],
  },
  {
    route: 'GET /api/v1/my/wellbeing/instruments/:code',
    cases: [
      {
        name: 'the PHQ-9 as the teacher answers it',
        request: () => ({ url: '/api/v1/my/wellbeing/instruments/phq9' }),
        allow: STAFF,
      },
      {
        // An instrument is the library's, in no school: every staff member reads the same one wherever they work.
        name: 'the WHO-5, the same in every school',
        crossSchool: true,
        request: () => ({ url: '/api/v1/my/wellbeing/instruments/who5' }),
        allow: STAFF,
      },
    ],
  },
  {
    route: 'GET /api/v1/my/wellbeing/results/:id',
    cases: [
      {
        name: "another teacher's result in the home school",
        request: async (f) => ({ url: `/api/v1/my/wellbeing/results/${await f.wellbeing.result('home')}` }),
        allow: [],
      },
      {
        name: "a teacher's result in another district's school",
        crossSchool: true,
        request: async (f) => ({ url: `/api/v1/my/wellbeing/results/${await f.wellbeing.result('other')}` }),
        allow: [],
      },
    ],
  },
  {
    route: 'POST /api/v1/my/wellbeing',
    cases: [
      {
        name: 'take a PHQ-9',
        request: () => ({
          url: '/api/v1/my/wellbeing',
          body: { clientId: randomUUID(), instrument: 'phq9', answers: calm },
        }),
        allow: STAFF,
      },
    ],
  },
  {
    route: 'POST /api/v1/my/wellbeing/callback',
    cases: [
      {
        name: 'ask for a call-back',
        request: () => ({
          url: '/api/v1/my/wellbeing/callback',
          body: { clientId: randomUUID(), phone: '13900000000' },
        }),
        allow: STAFF,
      },
    ],
  },
  {
    route: 'GET /api/v1/wellbeing/callbacks',
    cases: [
      {
        name: "the centre's call-back queue",
        request: () => ({ url: '/api/v1/wellbeing/callbacks' }),
        allow: ['city_staff', 'district_staff'],
      },
    ],
  },
  {
    route: 'POST /api/v1/wellbeing/callbacks/:id/done',
    cases: [
      {
        name: "a call-back for the home district's centre",
        request: async (f) => ({ url: `/api/v1/wellbeing/callbacks/${await f.wellbeing.callback('home')}/done` }),
        allow: ['district_staff'],
      },
      {
        name: 'a call-back for the city centre (staff without a school)',
        request: async (f) => ({ url: `/api/v1/wellbeing/callbacks/${await f.wellbeing.callback('city')}/done` }),
        allow: ['city_staff'],
      },
      {
        // The city centre does not take another district's call-backs either.
        name: "a call-back for another district's centre",
        crossSchool: true,
        request: async (f) => ({ url: `/api/v1/wellbeing/callbacks/${await f.wellbeing.callback('other')}/done` }),
        allow: [],
      },
    ],
  },
  {
    route: 'GET /api/v1/wellbeing/counts',
    cases: [
      {
        name: 'counts of self-screenings by level, suppressed',
        request: () => ({ url: '/api/v1/wellbeing/counts?instrument=phq9' }),
        allow: ['city_staff', 'district_staff', 'school_leader'],
      },
    ],
  },
];
