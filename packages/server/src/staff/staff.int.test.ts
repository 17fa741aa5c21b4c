import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { studentAccountId } from '../accounts/stable-ids.js';
import { accountIdOf, ensureStudentAccount } from '../testing/account-fixtures.js';
import { demoFixtures, startTestApp, type Agent, type TestContext } from '../testing/harness.js';
import type { Fixtures } from '../testing/matrix.js';

let ctx: TestContext;
let f: Fixtures;
let schoolAdmin: Agent;
let districtAdmin: Agent;
let cityAdmin: Agent;

beforeAll(async () => {
  ctx = await startTestApp();
  f = await demoFixtures(ctx.db);
  [schoolAdmin, districtAdmin, cityAdmin] = await Promise.all([
    ctx.signIn('sadmin03'),
    ctx.signIn('dadmin01'),
    ctx.signIn('admin'),
  ]);
});
afterAll(() => ctx?.close());

const newStaff = (over: Record<string, unknown>) => ({
  username: 'wang.laoshi',
  name: '王老师',
  password: 'Start2026ab',
  role: 'psych_teacher',
  ...over,
});
const city = () => ctx.db.selectFrom('org_unit').select('id').where('kind', '=', 'city').executeTakeFirstOrThrow();

describe('creating staff', () => {
  it('creates an account whose psychology role waits for approval, audited, that must change its password', async () => {
    const res = await schoolAdmin.post('/api/v1/staff', newStaff({ scopeId: f.home.id }));
    expect(res.statusCode).toBe(202);
    const body = res.json();
    expect(body).toMatchObject({
      username: 'wang.laoshi',
      name: '王老师',
      disabled: false,
      bindings: [],
      pending: [{ role: 'psych_teacher', scope: { level: 'school', id: f.home.id, name: '东城第一初级中学' } }],
    });
    const account = await ctx.db
      .selectFrom('user_account')
      .selectAll()
      .where('id', '=', body.userId)
      .executeTakeFirstOrThrow();
    expect(account).toMatchObject({
      kind: 'staff',
      school_id: f.home.id,
      district_id: f.home.district_id,
      must_change_password: true,
    });
    const entry = await ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'staff.create')
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ target_id: body.userId, school_id: f.home.id, username: 'sadmin03' });
    expect(entry.payload).not.toContain('Start2026ab');

    const login = await ctx
      .anonymous()
      .post('/api/v1/auth/login', { username: 'WANG.laoshi', password: 'Start2026ab' });
    expect(login.statusCode).toBe(200);
    expect(login.json().user.mustChangePassword).toBe(true);
  });

  it("refuses a role above the administrator's level or outside their subtree, in the caller's language", async () => {
    const cityId = (await city()).id;
    const districtStaff = await schoolAdmin.post(
      '/api/v1/staff',
      newStaff({ username: 'd1', role: 'district_staff', scopeId: f.home.district_id }),
    );
    expect(districtStaff.statusCode).toBe(403);
    expect(districtStaff.json().detail).toBe('您只能在自己的管理范围内授予角色。');
    expect(
      (await schoolAdmin.post('/api/v1/staff', newStaff({ username: 'c1', role: 'system_admin', scopeId: cityId })))
        .statusCode,
    ).toBe(403);
    expect(
      (await schoolAdmin.post('/api/v1/staff', newStaff({ username: 's2', scopeId: f.other.id }))).statusCode,
    ).toBe(403);
    districtAdmin.locale = 'en';
    const otherDistrict = await districtAdmin.post('/api/v1/staff', newStaff({ username: 'x1', scopeId: f.other.id }));
    expect(otherDistrict.statusCode).toBe(403);
    expect(otherDistrict.json().detail).toBe('You can only grant roles inside your own administrative scope.');
    districtAdmin.locale = 'zh-CN';
    // Administrators are made only from a higher level: a school admin appoints no other school admin.
    expect(
      (
        await schoolAdmin.post(
          '/api/v1/staff',
          newStaff({ username: 'sadmin03b', role: 'system_admin', scopeId: f.home.id }),
        )
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await districtAdmin.post(
          '/api/v1/staff',
          newStaff({ username: 'sadmin03c', role: 'system_admin', scopeId: f.home.id }),
        )
      ).statusCode,
    ).toBe(201);
    // A district centre role reads psychological data: it waits for the district or city centre.
    expect(
      (
        await districtAdmin.post(
          '/api/v1/staff',
          newStaff({ username: 'dstaff9', role: 'district_staff', scopeId: f.home.district_id }),
        )
      ).statusCode,
    ).toBe(202);
  });

  it('answers 400 naming the field for a role bound to the wrong level, a student role, or a weak password', async () => {
    const mismatch = await schoolAdmin.post(
      '/api/v1/staff',
      newStaff({ username: 'h1', role: 'head_teacher', scopeId: f.home.id }),
    );
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.json().errors).toEqual([{ field: '/scopeId', message: '该角色不能绑定到这一级组织。' }]);
    for (const role of ['student', 'guardian', 'peer_supporter']) {
      const res = await schoolAdmin.post('/api/v1/staff', newStaff({ username: 'r1', role, scopeId: f.homeClass.id }));
      expect(res.statusCode, role).toBe(400);
      expect(res.json().errors[0].field, role).toBe('/role');
    }
    const weak = await schoolAdmin.post(
      '/api/v1/staff',
      newStaff({ username: 'p1', password: 'onlyletters', scopeId: f.home.id }),
    );
    expect(weak.statusCode).toBe(400);
    expect(weak.json().errors[0].field).toBe('/password');
    const unknown = await schoolAdmin.post(
      '/api/v1/staff',
      newStaff({ username: 'u1', scopeId: '00000000-0000-4000-8000-000000000000' }),
    );
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0].field).toBe('/scopeId');
  });

  it('creates subject teachers and dormitory staff bound to the school, who see only the observation form and their own self-check', async () => {
    for (const role of ['teacher', 'dormitory_staff']) {
      const wrongLevel = await schoolAdmin.post(
        '/api/v1/staff',
        newStaff({ username: `${role}-class`, role, scopeId: f.homeClass.id }),
      );
      expect(wrongLevel.statusCode, role).toBe(400);
      expect(wrongLevel.json().errors[0].field, role).toBe('/scopeId');
      expect(
        (await schoolAdmin.post('/api/v1/staff', newStaff({ username: `${role}-other`, role, scopeId: f.other.id })))
          .statusCode,
        role,
      ).toBe(403);

      const res = await schoolAdmin.post(
        '/api/v1/staff',
        newStaff({ username: `${role}-new`, role, scopeId: f.home.id }),
      );
      expect(res.statusCode, role).toBe(201);
      expect(res.json().bindings, role).toMatchObject([{ role, scope: { level: 'school', id: f.home.id } }]);
      const agent = ctx.anonymous();
      expect(
        (await agent.post('/api/v1/auth/login', { username: `${role}-new`, password: 'Start2026ab' })).statusCode,
      ).toBe(200);
      expect(
        (
          await agent.post('/api/v1/auth/change-password', {
            currentPassword: 'Start2026ab',
            newPassword: 'Changed2026cd',
          })
        ).statusCode,
        role,
      ).toBeLessThan(300);
      const session = (await agent.get('/api/v1/session')).json();
      expect(session.nav, role).toEqual(['home', 'my-wellbeing', 'observe']);
      expect(session.can, role).toEqual(['observation.file', 'wellbeing.self']);
      expect((await agent.get('/api/v1/notifications')).statusCode, role).toBe(200);
    }
  });

  it('answers 409 for a username already taken, whatever its case', async () => {
    const res = await schoolAdmin.post('/api/v1/staff', newStaff({ username: 'PSYCH03', scopeId: f.home.id }));
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toBe('用户名“PSYCH03”已被使用。');
  });

  it('is refused to non-administrators', async () => {
    expect(
      (await (await ctx.signIn('leader03')).post('/api/v1/staff', newStaff({ username: 'l1', scopeId: f.home.id })))
        .statusCode,
    ).toBe(403);
  });
});

describe('granting and revoking', () => {
  it('grants a class role once approved, idempotently, and revokes idempotently', async () => {
    const teacherId = await accountIdOf(ctx.db, 'psych03-2');
    const teacher = await ctx.signIn('psych03-2');
    const asked = await schoolAdmin.post(`/api/v1/staff/${teacherId}/bindings`, {
      role: 'head_teacher',
      scopeId: f.otherClassInHome.id,
    });
    expect(asked.statusCode).toBe(202);
    const approved = await (await ctx.signIn('leader03')).post(`/api/v1/role-grants/${asked.json().requestId}/approve`);
    expect(approved.statusCode).toBe(200);
    const again = await schoolAdmin.post(`/api/v1/staff/${teacherId}/bindings`, {
      role: 'head_teacher',
      scopeId: f.otherClassInHome.id,
    });
    expect(again.statusCode).toBe(200);
    const first = again;
    const roles = async () =>
      (await teacher.get('/api/v1/session'))
        .json()
        .user.bindings.map((b: { role: string }) => b.role)
        .sort();
    expect(await roles()).toEqual(['head_teacher', 'psych_teacher']);

    expect((await schoolAdmin.delete(`/api/v1/role-bindings/${first.json().id}`)).statusCode).toBe(204);
    expect(await roles()).toEqual(['psych_teacher']);
    expect((await schoolAdmin.delete(`/api/v1/role-bindings/${first.json().id}`)).statusCode).toBe(204);
    const history = await ctx.db
      .selectFrom('role_binding_revoked' as never)
      .selectAll()
      .execute();
    expect(history).toHaveLength(1);
    expect(
      (
        await ctx.db
          .selectFrom('audit_log')
          .select('action')
          .where('action', 'in', ['staff.grant', 'staff.revoke'])
          .execute()
      ).map((r) => r.action),
    ).toEqual(['staff.grant', 'staff.revoke']);
  });

  it('keeps revocation inside the subtree and away from roster-managed roles', async () => {
    const districtBinding = await ctx.db
      .selectFrom('role_binding')
      .select('id')
      .where('role', '=', 'district_staff')
      .where('scope_id', '=', f.home.district_id!)
      .executeTakeFirstOrThrow();
    expect((await schoolAdmin.delete(`/api/v1/role-bindings/${districtBinding.id}`)).statusCode).toBe(404);
    const otherSchool = await ctx.db
      .selectFrom('role_binding')
      .select('id')
      .where('school_id', '=', f.other.id)
      .executeTakeFirstOrThrow();
    expect((await districtAdmin.delete(`/api/v1/role-bindings/${otherSchool.id}`)).statusCode).toBe(404);
    const demoStudent = await ctx.db
      .selectFrom('role_binding')
      .select('id')
      .where('role', '=', 'student')
      .where('school_id', '=', f.home.id)
      .executeTakeFirstOrThrow();
    const roster = await schoolAdmin.delete(`/api/v1/role-bindings/${demoStudent.id}`);
    expect(roster.statusCode).toBe(400);
    expect(roster.json().errors[0].field).toBe('/id');
    // The home school's own administrator binding is at the school admin's level; a city binding is above it.
    const cityBinding = await ctx.db
      .selectFrom('role_binding')
      .select('id')
      .where('role', '=', 'system_admin')
      .where('scope_level', '=', 'city')
      .executeTakeFirstOrThrow();
    expect((await districtAdmin.delete(`/api/v1/role-bindings/${cityBinding.id}`)).statusCode).toBe(404);
    expect((await (await ctx.signIn('leader03')).delete(`/api/v1/role-bindings/${demoStudent.id}`)).statusCode).toBe(
      403,
    );
  });

  it('makes a student peer supporter of their own class only', async () => {
    const { userId } = await ensureStudentAccount(ctx.db, f.homeOtherClassStudent.id, 'Known2026pw');
    expect(userId).toBe(studentAccountId(f.homeOtherClassStudent.id));
    const wrongClass = await schoolAdmin.post(`/api/v1/staff/${userId}/bindings`, {
      role: 'peer_supporter',
      scopeId: f.homeClass.id,
    });
    expect(wrongClass.statusCode).toBe(400);
    expect(wrongClass.json().errors[0].field).toBe('/scopeId');
    const wrongRole = await schoolAdmin.post(`/api/v1/staff/${userId}/bindings`, {
      role: 'head_teacher',
      scopeId: f.otherClassInHome.id,
    });
    expect(wrongRole.statusCode).toBe(400);
    expect(wrongRole.json().errors[0].field).toBe('/role');
    expect(
      (
        await schoolAdmin.post(`/api/v1/staff/${userId}/bindings`, {
          role: 'peer_supporter',
          scopeId: f.otherClassInHome.id,
        })
      ).statusCode,
    ).toBe(201);
    const teacherId = await accountIdOf(ctx.db, 'psych03');
    expect(
      (
        await schoolAdmin.post(`/api/v1/staff/${teacherId}/bindings`, {
          role: 'peer_supporter',
          scopeId: f.homeClass.id,
        })
      ).statusCode,
    ).toBe(400);
  });

  it('refuses grants to accounts and scopes outside the subtree', async () => {
    const otherTeacher = await accountIdOf(ctx.db, 'psych07');
    expect(
      (
        await schoolAdmin.post(`/api/v1/staff/${otherTeacher}/bindings`, {
          role: 'head_teacher',
          scopeId: f.homeClass.id,
        })
      ).statusCode,
    ).toBe(404);
    const ownTeacher = await accountIdOf(ctx.db, 'psych03');
    expect(
      (
        await schoolAdmin.post(`/api/v1/staff/${ownTeacher}/bindings`, {
          role: 'head_teacher',
          scopeId: f.otherClass.id,
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (await districtAdmin.post(`/api/v1/staff/${ownTeacher}/bindings`, { role: 'school_leader', scopeId: f.other.id }))
        .statusCode,
    ).toBe(403);
    expect(
      (await cityAdmin.post(`/api/v1/staff/${ownTeacher}/bindings`, { role: 'school_leader', scopeId: f.other.id }))
        .statusCode,
    ).toBe(202);
  });
});

describe('listing staff', () => {
  it("shows a school leader their school's staff and only the roles held there", async () => {
    const leader = await ctx.signIn('leader03');
    const res = await leader.get('/api/v1/staff?pageSize=200');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as Array<{
      username: string;
      bindings: Array<{ scope: { id: string; level: string } }>;
    }>;
    expect(items.map((i) => i.username)).toEqual(
      expect.arrayContaining(['leader03', 'psych03', 'head03-8-1', 'sadmin03']),
    );
    expect(items.map((i) => i.username)).not.toContain('psych07');
    expect(items.map((i) => i.username)).not.toContain('admin');
    // psych03 was made a leader of another district's school above; that binding stays hidden here.
    const psych = items.find((i) => i.username === 'psych03')!;
    expect(psych.bindings.every((b) => b.scope.id === f.home.id || b.scope.level === 'class')).toBe(true);

    const byClass = (await leader.get(`/api/v1/staff?orgId=${f.homeClass.id}`))
      .json()
      .items.map((i: { username: string }) => i.username);
    expect(byClass).toEqual(['head03-8-1']);
    const q = (await leader.get('/api/v1/staff?q=psych')).json();
    expect(q.items.map((i: { username: string }) => i.username)).toEqual(['psych03', 'psych03-2']);
    expect((await leader.get(`/api/v1/staff?orgId=${f.other.id}`)).statusCode).toBe(404);
  });

  it('shows the city centre staff across the city', async () => {
    const centre = await ctx.signIn('citycenter');
    const res = await centre.get(`/api/v1/staff?orgId=${f.other.id}&pageSize=200`);
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((i: { username: string }) => i.username)).toContain('psych07');
  });
});
