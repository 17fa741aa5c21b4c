import { studentAccountId } from '../accounts/stable-ids.js';
import { EVERYONE_SIGNED_IN, type MatrixActor, type MatrixRow } from '../testing/matrix.js';

const ADMINS = ['city_admin', 'district_admin', 'school_admin'] as const;
// Staff accounts may set up an authenticator; students and guardians (and a peer supporter, a student) may not.
const STAFF: readonly MatrixActor[] = EVERYONE_SIGNED_IN.filter(
  (a) => !['student', 'guardian', 'peer_supporter'].includes(a),
);

export const rows: MatrixRow[] = [
  {
    route: 'POST /api/v1/auth/two-factor/verify',
    // The matrix cast holds full sessions: nothing is owed, so the route answers 409 to everyone signed in.
    cases: [
      {
        name: 'code when none is owed',
        request: () => ({ url: '/api/v1/auth/two-factor/verify', body: { code: '000000' } }),
        allow: EVERYONE_SIGNED_IN,
        okStatus: [409],
      },
    ],
  },
  {
    route: 'POST /api/v1/auth/two-factor/enrolment',
    // Enrolled staff get 409; staff without an authenticator (teacher, dormitory staff) a new key.
    cases: [
      {
        name: 'begin own enrolment',
        request: () => ({ url: '/api/v1/auth/two-factor/enrolment' }),
        allow: STAFF,
        okStatus: [200, 409],
      },
    ],
  },
  {
    route: 'POST /api/v1/auth/two-factor/enrolment/confirm',
    cases: [
      {
        name: 'confirm own enrolment with a wrong code',
        request: () => ({ url: '/api/v1/auth/two-factor/enrolment/confirm', body: { code: '000000' } }),
        allow: STAFF,
        okStatus: [400, 409],
      },
    ],
  },
  {
    route: 'POST /api/v1/staff/:userId/two-factor/reset',
    // Student accounts have no authenticator: the reset is allowed and changes nothing, which keeps the
    // matrix cast's own sessions alive. Staff resets are tried in two-factor.int.test.ts.
    cases: [
      {
        name: 'account of own school',
        request: (f) => ({ url: `/api/v1/staff/${studentAccountId(f.homeOtherClassStudent.id)}/two-factor/reset` }),
        allow: ADMINS,
      },
      {
        name: 'account of another district school',
        crossSchool: true,
        request: (f) => ({ url: `/api/v1/staff/${studentAccountId(f.otherStudent.id)}/two-factor/reset` }),
        allow: ['city_admin'],
      },
    ],
  },
  {
    route: 'GET /api/v1/settings/two-factor',
    cases: [{ name: 'city rule', request: () => ({ url: '/api/v1/settings/two-factor' }), allow: ['city_admin'] }],
  },
  {
    route: 'PUT /api/v1/settings/two-factor',
    cases: [
      {
        name: 'keep the city rule',
        request: () => ({ url: '/api/v1/settings/two-factor', body: { allStaff: false } }),
        allow: ['city_admin'],
      },
    ],
  },
];
