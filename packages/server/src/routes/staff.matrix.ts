import { multipartFile } from '../roster/multipart-body.js';
import { grantedBindingId, studentAccountId } from '../accounts/stable-ids.js';
import type { Fixtures, MatrixRow } from '../testing/matrix.js';

const ADMINS = ['city_admin', 'district_admin', 'school_admin'] as const;
const HOME_STAFF_READERS = [...ADMINS, 'city_staff', 'district_staff', 'school_leader'] as const;

let created = 0;
/** Every allowed call creates an account, so each needs a username of its own. */
const freshUsername = () => `matrix-${++created}-${Math.random().toString(36).slice(2, 8)}`;

// The student accounts targeted below were created by the credentials rows of accounts.matrix.ts, which
// runs first. Granting is idempotent and revoking a revoked binding answers 204 after the same checks,
// so every allowed administrator in turn gets through.
const peerBinding = (studentId: string, classId: string) =>
  grantedBindingId(studentAccountId(studentId), 'peer_supporter', 'class', classId);

// The registry import answers every staff manager with a report; a row naming an account the importer does not
// manage is that row's error (registry-import.int.test.ts), never a refusal of the file. Both cases preview, so
// the matrix changes nobody's registry.
const registrySheet = (username: string) =>
  multipartFile('registry.csv', `用户名,专兼职\r\n${username},专职\r\n`, 'text/csv');

export const rows: MatrixRow[] = [
  {
    route: 'GET /api/v1/staff/registry-import/template',
    cases: [
      {
        name: 'zh template',
        request: () => ({ url: '/api/v1/staff/registry-import/template?lang=zh-CN' }),
        allow: ADMINS,
      },
      {
        name: 'en template',
        request: () => ({ url: '/api/v1/staff/registry-import/template?lang=en' }),
        allow: ADMINS,
      },
    ],
  },
  {
    route: 'POST /api/v1/staff/registry-imports',
    cases: [
      {
        name: 'preview a sheet naming a teacher of own school',
        request: () => ({ url: '/api/v1/staff/registry-imports?mode=preview', ...registrySheet('psych03') }),
        allow: ADMINS,
      },
      {
        name: 'preview a sheet naming a teacher of another district school (a row error in the report)',
        crossSchool: true,
        request: () => ({ url: '/api/v1/staff/registry-imports?mode=preview', ...registrySheet('psych07') }),
        allow: ADMINS,
      },
    ],
  },
  {
    route: 'GET /api/v1/staff',
    cases: [
      { name: 'staff in scope', request: () => ({ url: '/api/v1/staff?pageSize=5' }), allow: HOME_STAFF_READERS },
      {
        name: 'staff of own school',
        request: (f) => ({ url: `/api/v1/staff?orgId=${f.home.id}&pageSize=5` }),
        allow: HOME_STAFF_READERS,
      },
      {
        name: 'staff of another district school',
        crossSchool: true,
        request: (f) => ({ url: `/api/v1/staff?orgId=${f.other.id}&pageSize=5` }),
        allow: ['city_admin', 'city_staff'],
      },
    ],
  },
  {
    route: 'PATCH /api/v1/staff/:userId/registry',
    cases: [
      {
        name: 'psychology teacher of own school',
        request: async (f) => ({
          url: `/api/v1/staff/${await f.grants.accountId('psych03')}/registry`,
          body: { fullTime: true },
        }),
        allow: ADMINS,
      },
      {
        name: 'psychology teacher of another district school',
        crossSchool: true,
        request: async (f) => ({
          url: `/api/v1/staff/${await f.grants.accountId('psych07')}/registry`,
          body: { certificateLevel: 'B' },
        }),
        allow: ['city_admin'],
      },
    ],
  },
  {
    route: 'POST /api/v1/staff',
    cases: [
      {
        name: 'subject teacher of own school (granted at once)',
        request: (f) => ({
          url: '/api/v1/staff',
          body: {
            username: freshUsername(),
            name: '矩阵测试',
            password: 'Matrix2026x',
            role: 'teacher',
            scopeId: f.home.id,
          },
        }),
        allow: ADMINS,
        okStatus: [201],
      },
      {
        // Reads psychological data: the account is made, the role waits for the school leader (202).
        name: 'psychology teacher of own school',
        okStatus: [202],
        request: (f) => ({
          url: '/api/v1/staff',
          body: {
            username: freshUsername(),
            name: '矩阵测试',
            password: 'Matrix2026x',
            role: 'psych_teacher',
            scopeId: f.home.id,
          },
        }),
        allow: ADMINS,
      },
      {
        name: 'psychology teacher of another district school',
        crossSchool: true,
        request: (f) => ({
          url: '/api/v1/staff',
          body: {
            username: freshUsername(),
            name: '矩阵测试',
            password: 'Matrix2026x',
            role: 'psych_teacher',
            scopeId: f.other.id,
          },
        }),
        allow: ['city_admin'],
      },
    ],
  },
  {
    route: 'GET /api/v1/role-grants',
    cases: [
      {
        name: 'pending grants in scope',
        request: () => ({ url: '/api/v1/role-grants?pageSize=5' }),
        allow: HOME_STAFF_READERS,
      },
    ],
  },
  // The second person of a psychology-teacher grant at a school is that school's leader, nobody else: not
  // the requesting administrator, not the district or city centre, not another school's leader (404).
  ...(['approve', 'reject'] as const).map((verdict) => ({
    route: `POST /api/v1/role-grants/:id/${verdict}`,
    cases: [
      {
        name: `${verdict} a pending grant of own school`,
        request: async (f: Fixtures) => ({
          url: `/api/v1/role-grants/${await f.grants.homeRequest(verdict)}/${verdict}`,
        }),
        allow: ['school_leader'] as const,
      },
      {
        name: `${verdict} a pending grant of another district school`,
        crossSchool: true,
        request: async (f: Fixtures) => ({
          url: `/api/v1/role-grants/${await f.grants.otherRequest(verdict)}/${verdict}`,
        }),
        allow: [] as const,
      },
    ],
  })),
  {
    route: 'POST /api/v1/staff/:userId/bindings',
    cases: [
      {
        name: 'peer supporter of a class of own school',
        request: (f) => ({
          url: `/api/v1/staff/${studentAccountId(f.homeOtherClassStudent.id)}/bindings`,
          body: { role: 'peer_supporter', scopeId: f.otherClassInHome.id },
        }),
        allow: ADMINS,
      },
      {
        name: 'peer supporter of a class of another district school',
        crossSchool: true,
        request: (f) => ({
          url: `/api/v1/staff/${studentAccountId(f.otherStudent.id)}/bindings`,
          body: { role: 'peer_supporter', scopeId: f.otherClass.id },
        }),
        allow: ['city_admin'],
      },
    ],
  },
  {
    route: 'DELETE /api/v1/role-bindings/:id',
    cases: [
      {
        name: 'binding in own school',
        request: (f) => ({
          url: `/api/v1/role-bindings/${peerBinding(f.homeOtherClassStudent.id, f.otherClassInHome.id)}`,
        }),
        allow: ADMINS,
      },
      {
        name: 'binding in another district school',
        crossSchool: true,
        request: (f) => ({ url: `/api/v1/role-bindings/${peerBinding(f.otherStudent.id, f.otherClass.id)}` }),
        allow: ['city_admin'],
      },
    ],
  },
];
