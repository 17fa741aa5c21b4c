import { describe, expect, it } from 'vitest';
import type { Actor } from '../access/policy.js';
import { evaluateSchoolTerm, STANDARD_PRESETS, type SchoolTermFigures } from '../reports/standards.js';
import { activityTargets, authorizeActivity, countActivities } from './index.js';

const place = { cityId: 'c', districtId: 'd', schoolId: 's', gradeId: 'g', classId: 'k1' };
const actor = (role: Actor['bindings'][number]['role'], level: 'school' | 'class', id: string): Actor => ({
  userId: 'u',
  personId: null,
  bindings: [{ id: 'b', role, scope: { level, id } }],
});

describe('authorizeActivity', () => {
  it('lets a head teacher record a theme class meeting of their own class only', () => {
    const head = actor('head_teacher', 'class', 'k1');
    expect(authorizeActivity(head, 'class_meeting', place).allowed).toBe(true);
    expect(authorizeActivity(head, 'class_meeting', { ...place, classId: 'k2' })).toEqual({
      allowed: false,
      reason: 'out_of_scope',
    });
    expect(authorizeActivity(head, 'lecture', place)).toEqual({ allowed: false, reason: 'kind' });
    // A school-wide activity names no class: outside a class binding.
    expect(authorizeActivity(head, 'class_meeting', { ...place, classId: null }).allowed).toBe(false);
  });
  it('lets psychology teachers and leaders record any kind for their school, not another', () => {
    for (const role of ['psych_teacher', 'school_leader'] as const) {
      const a = actor(role, 'school', 's');
      for (const kind of ['class_meeting', 'lecture', 'group_session', 'day_5_25', 'day_10_10'] as const)
        expect(authorizeActivity(a, kind, { ...place, classId: null }).allowed).toBe(true);
      expect(authorizeActivity(a, 'lecture', { ...place, schoolId: 'other' })).toEqual({
        allowed: false,
        reason: 'out_of_scope',
      });
    }
  });
  it('refuses roles that record no activities', () => {
    expect(authorizeActivity(actor('teacher', 'school', 's'), 'lecture', place)).toEqual({
      allowed: false,
      reason: 'no_role',
    });
    expect(authorizeActivity(actor('system_admin', 'school', 's'), 'lecture', place).allowed).toBe(false);
  });
});

describe('counting', () => {
  it('counts by kind and leaves voided entries out', () => {
    const counts = countActivities([
      { kind: 'lecture' },
      { kind: 'group_session' },
      { kind: 'group_session', voided: true },
      { kind: 'class_meeting' },
      { kind: 'class_meeting' },
    ]);
    expect(counts).toEqual({ class_meeting: 2, lecture: 1, group_session: 1, day_5_25: 0, day_10_10: 0 });
  });
  it('checks only the standards a city sets', () => {
    expect(activityTargets({ lecture: 1 }, STANDARD_PRESETS.jinan)).toEqual([]);
    expect(activityTargets({ lecture: 1 }, STANDARD_PRESETS.jining)).toEqual([
      { id: 'activity_lectures', value: 1, target: 1 },
      { id: 'activity_group_sessions', value: 0, target: 4 },
    ]);
  });
});

describe('supervision of activities (Jining: ≥1 lecture and ≥4 group sessions a term)', () => {
  const figures: SchoolTermFigures = {
    students: 500,
    classes: 12,
    stage: 'junior',
    termWeeks: 18,
    fullTimePsychTeachers: 1,
    lessonHours: 8,
    lessonsPerClass: [],
    counselingHoursPerDay: 2,
    staffTraining: [],
    guardianLecturesPerGrade: [],
    familiesContacted: 0,
    families: 0,
    studentsScreened: 0,
    alertsDue: 0,
    alertsOnTime: 0,
  };
  const of = (f: SchoolTermFigures, preset: keyof typeof STANDARD_PRESETS) =>
    Object.fromEntries(evaluateSchoolTerm(f, STANDARD_PRESETS[preset]).map((r) => [r.id, r]));

  it('is met with one lecture and four group sessions', () => {
    const r = of(
      { ...figures, activities: countActivities([{ kind: 'lecture' }, ...Array(4).fill({ kind: 'group_session' })]) },
      'jining',
    );
    expect(r.activity_lectures).toMatchObject({ value: 1, target: 1, rag: 'green' });
    expect(r.activity_group_sessions).toMatchObject({ value: 4, target: 4, rag: 'green' });
  });
  it('is not met with no lecture and three group sessions', () => {
    const r = of({ ...figures, activities: { group_session: 3 } }, 'jining');
    expect(r.activity_lectures).toMatchObject({ value: 0, target: 1, rag: 'red' });
    expect(r.activity_group_sessions).toMatchObject({ value: 3, target: 4, rag: 'red' });
  });
  it('is not reported where the city sets no number', () => {
    const r = of({ ...figures, activities: { lecture: 3 } }, 'jinan');
    expect(r.activity_lectures).toBeUndefined();
    expect(r.activity_group_sessions).toBeUndefined();
  });
});
