import { describe, expect, it } from 'vitest';
import { planRollover, type RolloverSchool } from './rollover.js';

const junior: RolloverSchool = {
  stage: 'junior',
  grades: [
    { id: 'g7', level: 7, active: true },
    { id: 'g8', level: 8, active: true },
    { id: 'g9', level: 9, active: true },
  ],
  classes: [
    { id: 'c7-1', gradeId: 'g7', classNo: 1, name: '1班', active: true },
    { id: 'c7-2', gradeId: 'g7', classNo: 2, name: '2班', active: true },
    { id: 'c8-1', gradeId: 'g8', classNo: 1, name: '1班', active: true },
    { id: 'c9-1', gradeId: 'g9', classNo: 1, name: '1班', active: true },
  ],
  waiting: [
    { classId: 'c7-1', students: 40 },
    { classId: 'c7-2', students: 38 },
    { classId: 'c8-1', students: 41 },
    { classId: 'c9-1', students: 39 },
  ],
};

describe('the year-end rollover of one school', () => {
  it('moves every class up into the class of the same number and graduates the final grade', () => {
    const plan = planRollover(junior);
    expect(plan.promoted).toBe(40 + 38 + 41);
    expect(plan.graduated).toBe(39);
    expect(plan.unplaced).toBe(0);
    const step = (id: string) => plan.steps.find((s) => s.fromClassId === id)!;
    expect(step('c7-1')).toMatchObject({ kind: 'promote', toGrade: { id: 'g8' }, toClass: { id: 'c8-1' } });
    expect(step('c8-1')).toMatchObject({ kind: 'promote', toGrade: { id: 'g9' }, toClass: { id: 'c9-1' } });
    expect(step('c9-1')).toMatchObject({ kind: 'graduate', students: 39 });
  });

  it('creates the class the next grade lacks, named as the school names classes', () => {
    const plan = planRollover(junior);
    expect(plan.steps.find((s) => s.fromClassId === 'c7-2')).toMatchObject({
      kind: 'promote',
      toGrade: { id: 'g8' },
      toClass: { create: { level: 8, classNo: 2, name: '2班', nameEn: 'Class 2' } },
    });
    expect(plan.classesToCreate).toBe(1);
    expect(plan.gradesToCreate).toBe(0);
  });

  it('creates a missing grade of the stage, and ends a primary school at grade 6', () => {
    const primary: RolloverSchool = {
      stage: 'primary',
      grades: [
        { id: 'g5', level: 5, active: true },
        { id: 'g6', level: 6, active: true },
        { id: 'g4', level: 4, active: true },
      ],
      classes: [
        { id: 'c4', gradeId: 'g4', classNo: 3, name: '3班', active: true },
        { id: 'c6', gradeId: 'g6', classNo: 1, name: '1班', active: true },
      ],
      waiting: [
        { classId: 'c4', students: 30 },
        { classId: 'c6', students: 28 },
      ],
    };
    const plan = planRollover(primary);
    expect(plan.steps.find((s) => s.fromClassId === 'c4')).toMatchObject({ toGrade: { id: 'g5' } });
    expect(plan.graduated).toBe(28);
    const noFive = planRollover({ ...primary, grades: primary.grades.filter((g) => g.id !== 'g5') });
    expect(noFive.steps.find((s) => s.fromClassId === 'c4')).toMatchObject({
      toGrade: { create: { level: 5, name: '五年级', nameEn: 'Grade 5' } },
    });
    expect(noFive.gradesToCreate).toBe(1);
  });

  it('leaves students it cannot place to a person, and ignores a deactivated class in the next grade', () => {
    const plan = planRollover({
      ...junior,
      grades: [...junior.grades, { id: 'gx', level: null, active: true }],
      classes: [
        ...junior.classes.map((c) => (c.id === 'c8-1' ? { ...c, active: false } : c)),
        { id: 'cx', gradeId: 'gx', classNo: 1, name: '1班', active: true },
      ],
      waiting: [
        { classId: 'cx', students: 5 },
        { classId: 'c7-1', students: 40 },
      ],
    });
    expect(plan.unplaced).toBe(5);
    expect(plan.steps.find((s) => s.fromClassId === 'c7-1')).toMatchObject({ toClass: { create: { classNo: 1 } } });
  });

  it('does nothing when nobody is waiting: a second run after the rollover changes nothing', () => {
    const plan = planRollover({ ...junior, waiting: [] });
    expect(plan).toMatchObject({ steps: [], promoted: 0, graduated: 0, unplaced: 0, classesToCreate: 0 });
  });
});
