import { describe, expect, it } from 'vitest';
import { ROLE_ACTIONS } from '../access/actions.js';
import type { Actor, OrgPlacement } from '../access/policy.js';
import { ROLES, type Role } from '../access/roles.js';
import { ARCHIVE_ROLES, ARCHIVE_SECTIONS, READERS, readableSections, sectionsForRole } from './sections.js';

const student: OrgPlacement = {
  cityId: 'city',
  districtId: 'd1',
  schoolId: 's1',
  gradeId: 'g1',
  classId: 'c1',
  personId: 'p1',
};

function actor(...bindings: Array<[Role, 'city' | 'school' | 'class' | 'person', string]>): Actor {
  return {
    userId: 'u',
    personId: null,
    bindings: bindings.map(([role, level, id], i) => ({ id: `b${i}`, role, scope: { level, id } })),
  };
}

describe('archive readers', () => {
  it('has a reader entry for every section, and psychology teachers read all of them in full', () => {
    expect(Object.keys(READERS).sort()).toEqual([...ARCHIVE_SECTIONS].sort());
    for (const s of ARCHIVE_SECTIONS) expect(READERS[s].psych_teacher, s).toBe('full');
  });

  it('lets exactly the roles that open archives read sections', () => {
    const opening = ROLES.filter((r) => ROLE_ACTIONS[r].includes('archive.read'));
    expect([...ARCHIVE_ROLES].sort()).toEqual([...opening].sort());
  });

  it('gives the head teacher profile, family, home contacts and their own observations only', () => {
    expect(sectionsForRole('head_teacher')).toEqual({
      profile: 'full',
      family: 'full',
      homeContacts: 'full',
      observations: 'own',
    });
  });

  it('gives the school leader profile and the state of tier and case, nothing clinical', () => {
    expect(sectionsForRole('school_leader')).toEqual({ profile: 'full', tiers: 'summary', cases: 'summary' });
  });

  it('gives guardians, students, administrators and other staff nothing', () => {
    for (const role of ['guardian', 'student', 'system_admin', 'teacher', 'city_staff', 'hospital_doctor'] as const)
      expect(sectionsForRole(role), role).toEqual({});
    expect(readableSections(actor(['guardian', 'person', 'p1']), student)).toEqual({});
    expect(readableSections(actor(['student', 'person', 'p1']), student)).toEqual({});
    expect(readableSections(actor(['system_admin', 'school', 's1']), student)).toEqual({});
  });
});

describe('readableSections', () => {
  it('reads every section for a psychology teacher of the school', () => {
    const got = readableSections(actor(['psych_teacher', 'school', 's1']), student);
    expect(Object.keys(got).sort()).toEqual([...ARCHIVE_SECTIONS].sort());
  });

  it('reads nothing for a psychology teacher of another school', () => {
    expect(readableSections(actor(['psych_teacher', 'school', 's2']), student)).toEqual({});
  });

  it('reads nothing for the head teacher of another class', () => {
    expect(readableSections(actor(['head_teacher', 'class', 'c2']), student)).toEqual({});
  });

  it('counts only the bindings that contain the student', () => {
    // Head teacher of this class and psychology teacher elsewhere: the head teacher's sections only.
    const got = readableSections(actor(['head_teacher', 'class', 'c1'], ['psych_teacher', 'school', 's2']), student);
    expect(got).toEqual(sectionsForRole('head_teacher'));
  });

  it('takes the wider reach when two roles read the same section', () => {
    const got = readableSections(actor(['head_teacher', 'class', 'c1'], ['school_leader', 'school', 's1']), student);
    expect(got).toEqual({
      profile: 'full',
      family: 'full',
      homeContacts: 'full',
      observations: 'own',
      tiers: 'summary',
      cases: 'summary',
    });
    const both = readableSections(actor(['head_teacher', 'class', 'c1'], ['psych_teacher', 'school', 's1']), student);
    expect(both.observations).toBe('full');
  });
});
