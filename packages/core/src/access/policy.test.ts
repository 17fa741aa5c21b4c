import { describe, expect, it } from 'vitest';
import { authorize, canEver, scopesFor, type Actor, type OrgPlacement } from './policy.js';

const city = 'c1';
const placementIn = (over: Partial<OrgPlacement>): OrgPlacement => ({
  cityId: city,
  districtId: 'd1',
  schoolId: 's1',
  gradeId: 'g8',
  classId: 'k1',
  personId: 'p1',
  ...over,
});

const headTeacher: Actor = {
  userId: 'u1',
  personId: null,
  bindings: [{ id: 'b1', role: 'head_teacher', scope: { level: 'class', id: 'k1' } }],
};
const psych: Actor = {
  userId: 'u2',
  personId: null,
  bindings: [{ id: 'b2', role: 'psych_teacher', scope: { level: 'school', id: 's1' } }],
};
const districtStaff: Actor = {
  userId: 'u3',
  personId: null,
  bindings: [{ id: 'b3', role: 'district_staff', scope: { level: 'district', id: 'd1' } }],
};
const guardian: Actor = {
  userId: 'u6',
  personId: null,
  bindings: [{ id: 'b6', role: 'guardian', scope: { level: 'person', id: 'p1' } }],
};

describe('authorize', () => {
  it('lets a head teacher read a student of their class and answers out_of_scope for another class', () => {
    expect(authorize(headTeacher, 'student.read', placementIn({})).allowed).toBe(true);
    expect(authorize(headTeacher, 'student.read', placementIn({ classId: 'k2' }))).toEqual({
      allowed: false,
      reason: 'out_of_scope',
    });
  });

  it('answers no_role when no binding carries the action anywhere', () => {
    expect(authorize(headTeacher, 'roster.import', placementIn({}))).toEqual({ allowed: false, reason: 'no_role' });
    expect(canEver(headTeacher, 'roster.import')).toBe(false);
  });

  it('keeps a psychology teacher inside their school', () => {
    const decision = authorize(psych, 'student.read', placementIn({}));
    expect(decision.allowed && decision.binding.id).toBe('b2');
    expect(authorize(psych, 'student.read', placementIn({ schoolId: 's2' })).allowed).toBe(false);
  });

  it('gives district staff aggregates but never names', () => {
    expect(authorize(districtStaff, 'org.read', placementIn({})).allowed).toBe(true);
    expect(canEver(districtStaff, 'student.list')).toBe(false);
    expect(canEver(districtStaff, 'student.read')).toBe(false);
  });

  it('binds a guardian to exactly one child', () => {
    expect(authorize(guardian, 'self.read', placementIn({})).allowed).toBe(true);
    expect(authorize(guardian, 'self.read', placementIn({ personId: 'p2' })).allowed).toBe(false);
    expect(canEver(guardian, 'student.read')).toBe(false);
  });

  it('lets subject teachers and dormitory staff only file observations, about students of their school', () => {
    for (const role of ['teacher', 'dormitory_staff'] as const) {
      const filer: Actor = {
        userId: 'u7',
        personId: null,
        bindings: [{ id: 'b7', role, scope: { level: 'school', id: 's1' } }],
      };
      expect(authorize(filer, 'observation.file', placementIn({ classId: 'k9' })).allowed, role).toBe(true);
      expect(authorize(filer, 'observation.file', placementIn({ schoolId: 's2' })).allowed, role).toBe(false);
      for (const action of [
        'student.list',
        'student.read',
        'alert.read',
        'tier.read',
        'case.read',
        'org.read',
      ] as const)
        expect(canEver(filer, action), `${role} ${action}`).toBe(false);
    }
  });

  it('never matches a record that lacks the scope level (missing ids are not wildcards)', () => {
    expect(authorize(psych, 'student.read', { cityId: city }).allowed).toBe(false);
  });
});

describe('scopesFor', () => {
  it('lists each scope once, only from bindings that carry the action', () => {
    const both: Actor = {
      userId: 'u',
      personId: null,
      bindings: [
        ...psych.bindings,
        ...headTeacher.bindings,
        { id: 'b9', role: 'psych_teacher', scope: { level: 'school', id: 's1' } },
      ],
    };
    expect(scopesFor(both, 'student.list')).toEqual([
      { level: 'school', id: 's1' },
      { level: 'class', id: 'k1' },
    ]);
    expect(scopesFor(both, 'account.print')).toEqual([{ level: 'class', id: 'k1' }]);
  });
});
