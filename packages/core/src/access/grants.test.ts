import { describe, expect, it } from 'vitest';
import { canApprove, canGrantDirectly, decideGrant, PSYCH_DATA_ROLES, secondFactorRequired } from './grants.js';
import { ROLE_ACTIONS } from './actions.js';
import type { Actor, OrgPlacement } from './policy.js';
import { ROLES, type Role } from './roles.js';

const city = 'c1';
const school = (id: string, districtId = 'd1'): OrgPlacement => ({ cityId: city, districtId, schoolId: id });
const actor = (userId: string, role: Role, level: 'city' | 'district' | 'school', id: string): Actor => ({
  userId,
  personId: null,
  bindings: [{ id: `b-${userId}`, role, scope: { level, id } }],
});
const cityAdmin = actor('ca', 'system_admin', 'city', city);
const districtAdmin = actor('da', 'system_admin', 'district', 'd1');
const schoolAdmin = actor('sa', 'system_admin', 'school', 's1');

describe('decideGrant', () => {
  it('refuses every grant to oneself, whatever the role', () => {
    for (const role of ['teacher', 'psych_teacher', 'system_admin'] as const)
      expect(
        decideGrant(cityAdmin, {
          granteeUserId: 'ca',
          role,
          scope: { level: 'school', id: 's1' },
          placement: school('s1'),
        }),
      ).toEqual({ outcome: 'refused', reason: 'self' });
  });

  it('grants roles that read no psychological data at once, and makes the others wait for a second person', () => {
    const teacher = decideGrant(schoolAdmin, {
      granteeUserId: 'u1',
      role: 'teacher',
      scope: { level: 'school', id: 's1' },
      placement: school('s1'),
    });
    expect(teacher.outcome).toBe('immediate');
    const psych = decideGrant(schoolAdmin, {
      granteeUserId: 'u1',
      role: 'psych_teacher',
      scope: { level: 'school', id: 's1' },
      placement: school('s1'),
    });
    expect(psych).toMatchObject({ outcome: 'pending', approvers: [{ role: 'school_leader', level: 'school' }] });
  });

  it('lets admins be made only from a strictly higher level, and a city admin only with a second city admin', () => {
    const schoolScope = { level: 'school' as const, id: 's1' };
    expect(
      decideGrant(schoolAdmin, {
        granteeUserId: 'u1',
        role: 'system_admin',
        scope: schoolScope,
        placement: school('s1'),
      }),
    ).toEqual({ outcome: 'refused', reason: 'not_allowed' });
    expect(
      decideGrant(districtAdmin, {
        granteeUserId: 'u1',
        role: 'system_admin',
        scope: schoolScope,
        placement: school('s1'),
      }).outcome,
    ).toBe('immediate');
    expect(
      decideGrant(districtAdmin, {
        granteeUserId: 'u1',
        role: 'system_admin',
        scope: { level: 'district', id: 'd1' },
        placement: { cityId: city, districtId: 'd1' },
      }).outcome,
    ).toBe('refused');
    expect(
      decideGrant(cityAdmin, {
        granteeUserId: 'u1',
        role: 'system_admin',
        scope: { level: 'city', id: city },
        placement: { cityId: city },
      }),
    ).toMatchObject({ outcome: 'pending', approvers: [{ role: 'system_admin', level: 'city' }] });
  });

  it('keeps administrators inside their subtree and at or below their level', () => {
    expect(
      decideGrant(schoolAdmin, {
        granteeUserId: 'u1',
        role: 'teacher',
        scope: { level: 'school', id: 's2' },
        placement: school('s2'),
      }).outcome,
    ).toBe('refused');
    expect(
      decideGrant(actor('p', 'psych_teacher', 'school', 's1'), {
        granteeUserId: 'u1',
        role: 'teacher',
        scope: { level: 'school', id: 's1' },
        placement: school('s1'),
      }).outcome,
    ).toBe('refused');
    expect(
      decideGrant(schoolAdmin, {
        granteeUserId: 'u1',
        role: 'head_teacher',
        scope: { level: 'school', id: 's1' },
        placement: school('s1'),
      }),
    ).toEqual({ outcome: 'refused', reason: 'scope_mismatch' });
    expect(canGrantDirectly(schoolAdmin, 'psych_teacher', { level: 'school', id: 's1' }, school('s1'))).toBe(false);
    expect(canGrantDirectly(schoolAdmin, 'teacher', { level: 'school', id: 's1' }, school('s1'))).toBe(true);
  });
});

describe('canApprove', () => {
  const grant = {
    granteeUserId: 'u1',
    requestedBy: 'sa',
    role: 'psych_teacher' as const,
    scope: { level: 'school' as const, id: 's1' },
    placement: school('s1'),
  };
  it('lets the school leader of that school approve, nobody else at school level', () => {
    expect(canApprove(actor('l1', 'school_leader', 'school', 's1'), grant).allowed).toBe(true);
    expect(canApprove(actor('l2', 'school_leader', 'school', 's2'), grant)).toEqual({
      allowed: false,
      reason: 'not_approver',
    });
    expect(canApprove(cityAdmin, grant).allowed).toBe(false);
  });
  it('never lets the requester or the grantee approve', () => {
    const leaderRequester = { ...grant, requestedBy: 'l1' };
    expect(canApprove(actor('l1', 'school_leader', 'school', 's1'), leaderRequester)).toEqual({
      allowed: false,
      reason: 'self',
    });
    expect(canApprove(actor('u1', 'school_leader', 'school', 's1'), grant)).toEqual({ allowed: false, reason: 'self' });
  });
});

describe('PSYCH_DATA_ROLES', () => {
  it('names every staff role that reads answers, tiers, alerts, cases, referrals or screening reports', () => {
    const psychActions = [
      'response.read',
      'tier.read',
      'alert.read',
      'case.read',
      'case.stats',
      'referral.read',
      'report.read',
    ];
    for (const role of ROLES) {
      if (role === 'system_admin' || role === 'student' || role === 'guardian') continue;
      if (ROLE_ACTIONS[role].some((a) => psychActions.includes(a))) expect(PSYCH_DATA_ROLES, role).toContain(role);
    }
  });
  it('requires a second factor of administrators and psychology roles, never of students and guardians', () => {
    expect(secondFactorRequired('staff', ['system_admin'], false)).toBe(true);
    expect(secondFactorRequired('staff', ['head_teacher'], false)).toBe(true);
    expect(secondFactorRequired('staff', ['teacher'], false)).toBe(false);
    expect(secondFactorRequired('staff', ['teacher'], true)).toBe(true);
    expect(secondFactorRequired('student', ['peer_supporter'], true)).toBe(false);
    expect(secondFactorRequired('guardian', ['guardian'], true)).toBe(false);
  });
});
