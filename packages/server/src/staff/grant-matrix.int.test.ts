import { ROLE_SCOPE_LEVELS, STAFF_ROLES, type Role, type ScopeLevel } from '@yuxin/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountIdOf } from '../testing/account-fixtures.js';
import { demoFixtures, startTestApp, type Agent, type TestContext } from '../testing/harness.js';
import type { Fixtures } from '../testing/matrix.js';

/**
 * The grant rule as a table: every administrator level × every staff role × a grant to oneself, to an
 * account in one's own subtree, and to one outside it, each with the exact answer. The expectations are
 * written out here from the rule as the README states it, not computed by the code under test.
 */
let ctx: TestContext;
let f: Fixtures;
let cityId: string;
let hospitalId: string;
const admins = {} as Record<AdminLevel, Agent>;
const adminIds = {} as Record<AdminLevel, string>;

type AdminLevel = 'city' | 'district' | 'school';
const ADMIN_USERNAMES: Record<AdminLevel, string> = { city: 'admin', district: 'dadmin01', school: 'sadmin03' };
const RANK: Record<ScopeLevel, number> = {
  city: 0,
  district: 1,
  hospital: 1,
  school: 2,
  grade: 3,
  class: 4,
  person: 5,
};
const READS_PSYCH_DATA: readonly Role[] = [
  'psych_teacher',
  'school_leader',
  'head_teacher',
  'hospital_doctor',
  'hotline_counselor',
  'city_staff',
  'district_staff',
  'supervisor',
];
// A peer supporter is a student's role (staff.int.test.ts); every other staff role is tried here.
const ROLES = STAFF_ROLES.filter((r) => r !== 'peer_supporter');

beforeAll(async () => {
  ctx = await startTestApp();
  f = await demoFixtures(ctx.db);
  cityId = (await ctx.db.selectFrom('org_unit').select('id').where('kind', '=', 'city').executeTakeFirstOrThrow()).id;
  hospitalId = (await ctx.db.selectFrom('hospital').select('id').orderBy('name_zh').executeTakeFirstOrThrow()).id;
  for (const level of ['city', 'district', 'school'] as const) {
    admins[level] = await ctx.signIn(ADMIN_USERNAMES[level]);
    adminIds[level] = await accountIdOf(ctx.db, ADMIN_USERNAMES[level]);
  }
});
afterAll(() => ctx?.close());

/** A fresh staff account at a school holding no role yet, made by the city administrator. */
async function freshStaff(schoolId: string, tag: string): Promise<string> {
  const res = await admins.city.post('/api/v1/staff', {
    username: `grantee-${tag}-${Math.random().toString(36).slice(2, 8)}`,
    name: '受让人',
    password: 'Grantee2026x',
    role: 'teacher',
    scopeId: schoolId,
  });
  expect(res.statusCode, res.body).toBe(201);
  const revoked = await admins.city.delete(`/api/v1/role-bindings/${res.json().bindings[0].id as string}`);
  expect(revoked.statusCode).toBe(204);
  return res.json().userId as string;
}

/** The most specific level the role may be bound to, and the unit of that level at home or outside. */
function scopeFor(role: Role, where: 'home' | 'outside'): { level: ScopeLevel; id: string } {
  const level = [...ROLE_SCOPE_LEVELS[role]].sort((a, b) => RANK[b] - RANK[a])[0]!;
  const home = where === 'home';
  const ids: Partial<Record<ScopeLevel, string>> = {
    city: cityId,
    district: home ? f.home.district_id! : f.other.district_id!,
    school: home ? f.home.id : f.other.id,
    class: home ? f.homeClass.id : f.otherClass.id,
    hospital: hospitalId,
  };
  return { level, id: ids[level]! };
}

type Expected = 201 | 202 | 403 | 404;

/** The rule, written out: see README "Access and audit". */
function expected(admin: AdminLevel, role: Role, target: 'self' | 'subtree' | 'outside'): Expected {
  const scope = scopeFor(role, target === 'outside' ? 'outside' : 'home');
  if (target === 'self') return 403; // nobody grants themselves anything
  // A district or school administrator does not reach an account of another district's school.
  if (target === 'outside' && admin !== 'city') return 404;
  const inSubtree =
    admin === 'city' ||
    (admin === 'district' && scope.level !== 'city' && scope.level !== 'hospital') ||
    (admin === 'school' && (scope.level === 'school' || scope.level === 'class'));
  if (!inSubtree || RANK[scope.level] < RANK[admin]) return 403;
  if (role === 'system_admin') {
    if (scope.level === 'city') return 202; // a second city administrator approves
    return RANK[admin] < RANK[scope.level] ? 201 : 403; // only from a strictly higher level
  }
  return READS_PSYCH_DATA.includes(role) ? 202 : 201;
}

describe('role × grant matrix', () => {
  for (const admin of ['city', 'district', 'school'] as const) {
    it(`${admin} administrator: every role to self, own subtree and outside`, async () => {
      const subtreeGrantee = await freshStaff(f.home.id, `${admin}-in`);
      const outsideGrantee = await freshStaff(f.other.id, `${admin}-out`);
      const outcomes: string[] = [];
      const wanted: string[] = [];
      for (const role of ROLES) {
        for (const target of ['self', 'subtree', 'outside'] as const) {
          const grantee = target === 'self' ? adminIds[admin] : target === 'subtree' ? subtreeGrantee : outsideGrantee;
          const scope = scopeFor(role, target === 'outside' ? 'outside' : 'home');
          const res = await admins[admin].post(`/api/v1/staff/${grantee}/bindings`, { role, scopeId: scope.id });
          outcomes.push(`${role} → ${target}: ${res.statusCode}`);
          wanted.push(`${role} → ${target}: ${expected(admin, role, target)}`);
          // A pending grant holds nothing yet: the grantee has no such binding.
          if (res.statusCode === 202) {
            const held = await ctx.db
              .selectFrom('role_binding')
              .select('id')
              .where('user_id', '=', grantee)
              .where('role', '=', role)
              .executeTakeFirst();
            expect(held, `${role} → ${target} pending but bound`).toBeUndefined();
          }
        }
      }
      expect(outcomes).toEqual(wanted);
    });
  }

  it('makes a city administrator only with a second city administrator; a district admin cannot make its peer', async () => {
    const grantee = await freshStaff(f.home.id, 'admin');
    expect(
      (await admins.city.post(`/api/v1/staff/${grantee}/bindings`, { role: 'system_admin', scopeId: cityId }))
        .statusCode,
    ).toBe(202);
    expect(
      (
        await admins.district.post(`/api/v1/staff/${grantee}/bindings`, {
          role: 'system_admin',
          scopeId: f.home.district_id,
        })
      ).statusCode,
    ).toBe(403);
  });

  it('refuses a school administrator making itself a psychology teacher or school leader (the reported back door)', async () => {
    for (const role of ['psych_teacher', 'school_leader'] as const) {
      const res = await admins.school.post(`/api/v1/staff/${adminIds.school}/bindings`, { role, scopeId: f.home.id });
      expect(res.statusCode).toBe(403);
      expect(res.json().detail).toBe('不能给自己授予、审批或撤销角色。');
    }
    // Nor by creating a second account for itself: the role waits for the school leader.
    const created = await admins.school.post('/api/v1/staff', {
      username: 'second-self',
      name: '管理员小号',
      password: 'Second2026x',
      role: 'psych_teacher',
      scopeId: f.home.id,
    });
    expect(created.statusCode).toBe(202);
    expect(created.json()).toMatchObject({ bindings: [], pending: [{ role: 'psych_teacher', status: 'pending' }] });
  });
});

describe('four-eyes approval', () => {
  it('the school leader sees the pending grant, approves it, and the grantee then holds the role', async () => {
    const grantee = await freshStaff(f.home.id, 'approve');
    const requested = await admins.school.post(`/api/v1/staff/${grantee}/bindings`, {
      role: 'psych_teacher',
      scopeId: f.home.id,
    });
    expect(requested.statusCode).toBe(202);
    const requestId = requested.json().requestId as string;
    // Asking twice answers the same open request.
    expect(
      (
        await admins.school.post(`/api/v1/staff/${grantee}/bindings`, { role: 'psych_teacher', scopeId: f.home.id })
      ).json().requestId,
    ).toBe(requestId);

    const leader = await ctx.signIn('leader03');
    const listed = (await leader.get('/api/v1/role-grants')).json();
    expect(listed.items).toContainEqual(
      expect.objectContaining({ id: requestId, userId: grantee, role: 'psych_teacher', mayDecide: true }),
    );
    // The requester sees it too, without the right to decide it, and cannot approve it.
    const asRequester = (await admins.school.get('/api/v1/role-grants')).json().items;
    expect(asRequester).toContainEqual(expect.objectContaining({ id: requestId, mayDecide: false }));
    expect((await admins.school.post(`/api/v1/role-grants/${requestId}/approve`)).statusCode).toBe(403);
    // Another school's leader does not even see it.
    const otherLeader = await ctx.signIn('leader07');
    expect((await otherLeader.get('/api/v1/role-grants')).json().items.map((i: { id: string }) => i.id)).not.toContain(
      requestId,
    );
    expect((await otherLeader.post(`/api/v1/role-grants/${requestId}/approve`)).statusCode).toBe(404);
    // The district centre sees it but is not the approver of a school role.
    expect((await (await ctx.signIn('district01')).post(`/api/v1/role-grants/${requestId}/approve`)).statusCode).toBe(
      403,
    );

    const approved = await leader.post(`/api/v1/role-grants/${requestId}/approve`);
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'approved', mayDecide: false });
    expect((await leader.post(`/api/v1/role-grants/${requestId}/approve`)).statusCode).toBe(409);
    const binding = await ctx.db
      .selectFrom('role_binding')
      .selectAll()
      .where('user_id', '=', grantee)
      .where('role', '=', 'psych_teacher')
      .executeTakeFirstOrThrow();
    expect(binding).toMatchObject({ scope_id: f.home.id, granted_by: adminIds.school });
    const audit = await ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'staff.grant_approve')
      .where('target_id', '=', requestId)
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ username: 'leader03', role: 'school_leader', outcome: 'success' });
  });

  it('a grantee cannot approve their own grant, even as the approver; a rejection grants nothing', async () => {
    const leaderId = await accountIdOf(ctx.db, 'leader03');
    const requested = await admins.school.post(`/api/v1/staff/${leaderId}/bindings`, {
      role: 'psych_teacher',
      scopeId: f.home.id,
    });
    expect(requested.statusCode).toBe(202);
    const leader = await ctx.signIn('leader03');
    const own = await leader.post(`/api/v1/role-grants/${requested.json().requestId}/approve`);
    expect(own.statusCode).toBe(403);
    const grantee = await freshStaff(f.home.id, 'reject');
    const other = await admins.school.post(`/api/v1/staff/${grantee}/bindings`, {
      role: 'head_teacher',
      scopeId: f.homeClass.id,
    });
    expect(other.statusCode).toBe(202);
    expect((await leader.post(`/api/v1/role-grants/${other.json().requestId}/reject`)).json().status).toBe('rejected');
    expect(
      await ctx.db
        .selectFrom('role_binding')
        .select('id')
        .where('user_id', '=', grantee)
        .where('role', '=', 'head_teacher')
        .executeTakeFirst(),
    ).toBeUndefined();
  });

  it('refuses revoking one’s own role binding', async () => {
    const own = await ctx.db
      .selectFrom('role_binding')
      .select('id')
      .where('user_id', '=', adminIds.school)
      .executeTakeFirstOrThrow();
    expect((await admins.school.delete(`/api/v1/role-bindings/${own.id}`)).statusCode).toBe(403);
  });
});
