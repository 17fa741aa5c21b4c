import { studentAccountId } from '../accounts/stable-ids.js';
import type { MatrixRow } from '../testing/matrix.js';

const ADMINS = ['city_admin', 'district_admin', 'school_admin'] as const;

// Order matters: the credentials rows create the accounts of class 8-2 of the home school and of the other
// district's class, which the unlock and reset rows below (and staff.matrix.ts, which runs after this
// file) address by their derived ids. Class 8-1 is printed with scope `new` only: the demo student and
// peer supporter have signed in, so their passwords and sessions are left alone.
export const rows: MatrixRow[] = [
  {
    route: 'POST /api/v1/accounts/classes/:classId/credentials',
    cases: [
      {
        name: 'own class, students never signed in (pdf)',
        request: (f) => ({
          url: `/api/v1/accounts/classes/${f.homeClass.id}/credentials`,
          body: { format: 'pdf', scope: 'new' },
        }),
        allow: [...ADMINS, 'head_teacher'],
      },
      {
        name: 'another class of own school, all students (xlsx)',
        request: (f) => ({
          url: `/api/v1/accounts/classes/${f.otherClassInHome.id}/credentials`,
          body: { format: 'xlsx', scope: 'all' },
        }),
        allow: ADMINS,
      },
      {
        name: 'class of another district school',
        crossSchool: true,
        request: (f) => ({
          url: `/api/v1/accounts/classes/${f.otherClass.id}/credentials`,
          body: { format: 'xlsx', scope: 'all' },
        }),
        allow: ['city_admin'],
      },
    ],
  },
  {
    // The batches printed by the rows above.
    route: 'GET /api/v1/accounts/classes/:classId/credential-batch',
    cases: [
      {
        name: 'own class',
        request: (f) => ({ url: `/api/v1/accounts/classes/${f.homeClass.id}/credential-batch` }),
        allow: [...ADMINS, 'head_teacher'],
      },
      {
        name: 'another class of own school',
        request: (f) => ({ url: `/api/v1/accounts/classes/${f.otherClassInHome.id}/credential-batch` }),
        allow: ADMINS,
      },
      {
        name: 'class of another district school',
        crossSchool: true,
        request: (f) => ({ url: `/api/v1/accounts/classes/${f.otherClass.id}/credential-batch` }),
        allow: ['city_admin'],
      },
    ],
  },
  {
    // The batches printed by the rows above.
    route: 'GET /api/v1/accounts/classes/:classId/credential-batch/file',
    cases: [
      {
        name: 'own class',
        request: (f) => ({ url: `/api/v1/accounts/classes/${f.homeClass.id}/credential-batch/file?format=pdf` }),
        allow: [...ADMINS, 'head_teacher'],
      },
      {
        name: 'another class of own school',
        request: (f) => ({ url: `/api/v1/accounts/classes/${f.otherClassInHome.id}/credential-batch/file?format=pdf` }),
        allow: ADMINS,
      },
      {
        name: 'class of another district school',
        crossSchool: true,
        request: (f) => ({ url: `/api/v1/accounts/classes/${f.otherClass.id}/credential-batch/file?format=pdf` }),
        allow: ['city_admin'],
      },
    ],
  },
  {
    route: 'GET /api/v1/accounts/locked',
    cases: [
      {
        name: 'locked accounts in scope',
        request: () => ({ url: '/api/v1/accounts/locked?pageSize=5' }),
        allow: ADMINS,
      },
    ],
  },
  {
    route: 'POST /api/v1/accounts/:userId/unlock',
    cases: [
      {
        name: 'student of own school',
        request: (f) => ({ url: `/api/v1/accounts/${studentAccountId(f.homeOtherClassStudent.id)}/unlock` }),
        allow: ADMINS,
      },
      {
        name: 'student of another district school',
        crossSchool: true,
        request: (f) => ({ url: `/api/v1/accounts/${studentAccountId(f.otherStudent.id)}/unlock` }),
        allow: ['city_admin'],
      },
    ],
  },
  {
    route: 'POST /api/v1/accounts/:userId/reset-password',
    cases: [
      {
        name: 'student of own school',
        request: (f) => ({ url: `/api/v1/accounts/${studentAccountId(f.homeOtherClassStudent.id)}/reset-password` }),
        allow: ADMINS,
      },
      {
        name: 'student of another district school',
        crossSchool: true,
        request: (f) => ({ url: `/api/v1/accounts/${studentAccountId(f.otherStudent.id)}/reset-password` }),
        allow: ['city_admin'],
      },
    ],
  },
];
