import { describe, expect, it } from 'vitest';
import { DEFAULT_STANDARDS, evaluateSchoolTerm, rag, STANDARD_PRESETS, type SchoolTermFigures } from './standards.js';
import { holdsParentCertificate, isStartingGrade } from '../parent-school/index.js';

describe('presets', () => {
  it('carry the cities’ published numbers', () => {
    expect(DEFAULT_STANDARDS.id).toBe('jinan');
    expect(STANDARD_PRESETS.jinan.trainingHoursPerYear).toEqual({
      psych_full_time: 40,
      psych_part_time: 20,
      head_teacher: 10,
    });
    expect(STANDARD_PRESETS.changzhou.trainingHoursPerYear.psych_full_time).toBe(80);
    expect(STANDARD_PRESETS.changzhou.trainingHoursPerYear.all_staff).toBe(10);
    expect(STANDARD_PRESETS.changchun.trainingByCertificate).toEqual({ A: 100, B: 80, C: 20, D: 10 });
    expect(STANDARD_PRESETS.changchun.psychTeachersPer1000).toBe(1);
  });
});

describe('rag', () => {
  it.each([
    [10, 10, 'green'],
    [8, 10, 'amber'],
    [7.9, 10, 'red'],
    [0, 0, 'green'],
  ] as const)('%s of %s is %s', (value, target, expected) => expect(rag(value, target, 0.8)).toBe(expected));
});

const school: SchoolTermFigures = {
  students: 1200,
  classes: 24,
  stage: 'junior',
  termWeeks: 18,
  fullTimePsychTeachers: 1,
  lessonHours: 6,
  lessonsPerClass: Array(24).fill(9),
  counselingHoursPerDay: 1.5,
  staffTraining: [
    { group: 'psych_full_time', hours: 42, supervisionHours: 10 },
    { group: 'psych_part_time', hours: 12 },
    { group: 'head_teacher', hours: 10 },
    { group: 'head_teacher', hours: 11 },
  ],
  guardianLecturesPerGrade: [2, 2, 1],
  familiesContacted: 1150,
  families: 1200,
  studentsScreened: 900,
  alertsDue: 0,
  alertsOnTime: 0,
};

describe('evaluateSchoolTerm (Jinan)', () => {
  const byId = Object.fromEntries(evaluateSchoolTerm(school, DEFAULT_STANDARDS).map((r) => [r.id, r]));

  it('needs 1.2 full-time teachers for 1,200 students: 1 is amber', () => {
    expect(byId.psych_teacher_ratio).toMatchObject({ value: 1, target: 1.2, rag: 'amber' });
  });
  it('accepts one lesson per class every two weeks instead of 8 hours', () => {
    expect(byId.lessons).toMatchObject({ rag: 'green' });
    const fewer = evaluateSchoolTerm({ ...school, lessonsPerClass: [9, 3] }, DEFAULT_STANDARDS).find(
      (r) => r.id === 'lessons',
    )!;
    expect(fewer).toMatchObject({ value: 6, target: 8, rag: 'red' });
  });
  it('holds a junior school to two counseling hours a day (1.5 is below the amber 1.6)', () => {
    expect(byId.counseling_hours).toMatchObject({ value: 1.5, target: 2, rag: 'red' });
  });
  it('counts staff meeting their group’s hours: the part-timer at 12 of 20 fails', () => {
    expect(byId.training).toMatchObject({ value: 0.75, rag: 'red' });
    expect(byId.training!.shortfalls).toEqual([{ key: 'psych_part_time#1', value: 12, target: 20 }]);
  });
  it('flags the grade with one lecture', () => {
    expect(byId.guardian_lectures).toMatchObject({
      value: 0.667,
      rag: 'red',
      shortfalls: [{ key: 'grade#2', value: 1, target: 2 }],
    });
  });
  it('computes family contact, coverage and alert handling as shares', () => {
    expect(byId.family_contact).toMatchObject({ value: 0.958, rag: 'amber' });
    expect(byId.screening_coverage).toMatchObject({ value: 0.75, rag: 'red' });
    expect(byId.alert_handling).toMatchObject({ value: 1, rag: 'green' });
  });
  it('requires a full-time teacher in a school of 500+ even when the ratio gives less', () => {
    const small = evaluateSchoolTerm({ ...school, students: 520, fullTimePsychTeachers: 0 }, DEFAULT_STANDARDS)[0]!;
    expect(small).toMatchObject({ target: 1, rag: 'red' });
  });
  it('uses Changchun’s certificate hours', () => {
    const cc = evaluateSchoolTerm(
      { ...school, staffTraining: [{ group: 'psych_full_time', certificate: 'B', hours: 85, supervisionHours: 10 }] },
      STANDARD_PRESETS.changchun,
    );
    expect(cc.find((r) => r.id === 'training')).toMatchObject({ value: 1, rag: 'green' });
  });
});

describe('parent school indicators', () => {
  const find = (rs: ReturnType<typeof evaluateSchoolTerm>, id: string) => rs.find((r) => r.id === id);

  it('asks Jinan for 8 hours of parent courses per grade a year: met, and one grade short', () => {
    const met = evaluateSchoolTerm({ ...school, guardianCourseHoursPerGrade: [8, 9.5, 12] }, DEFAULT_STANDARDS);
    expect(find(met, 'guardian_course_hours')).toMatchObject({ value: 1, target: 1, rag: 'green', shortfalls: [] });
    const short = evaluateSchoolTerm({ ...school, guardianCourseHoursPerGrade: [8, 6, 12] }, DEFAULT_STANDARDS);
    expect(find(short, 'guardian_course_hours')).toMatchObject({
      value: 0.667,
      rag: 'red',
      shortfalls: [{ key: 'grade#1', value: 6, target: 8 }],
    });
    // Jinan sets no certificate share.
    expect(find(met, 'parent_certificates')).toBeUndefined();
  });

  it('asks Changzhou for certificates of half the first-year parents', () => {
    const cz = STANDARD_PRESETS.changzhou;
    const met = evaluateSchoolTerm({ ...school, startingGradeGuardians: 120, startingGradeGuardiansCertified: 60 }, cz);
    expect(find(met, 'parent_certificates')).toMatchObject({ value: 0.5, target: 0.5, rag: 'green' });
    const notMet = evaluateSchoolTerm(
      { ...school, startingGradeGuardians: 120, startingGradeGuardiansCertified: 30 },
      cz,
    );
    expect(find(notMet, 'parent_certificates')).toMatchObject({ value: 0.25, rag: 'red' });
  });

  it('leaves the indicators out when the figures were not counted', () => {
    const rs = evaluateSchoolTerm(school, STANDARD_PRESETS.changzhou);
    expect(find(rs, 'guardian_course_hours')).toBeUndefined();
    expect(find(rs, 'parent_certificates')).toBeUndefined();
  });
});

describe('parent certificate', () => {
  it('is earned by the required hours in the year, and never by a zero requirement', () => {
    expect(holdsParentCertificate(8, 8)).toBe(true);
    expect(holdsParentCertificate(7.5, 8)).toBe(false);
    expect(holdsParentCertificate(3, 0)).toBe(false);
    expect(isStartingGrade(1)).toBe(true);
    expect(isStartingGrade(7)).toBe(true);
    expect(isStartingGrade(10)).toBe(true);
    expect(isStartingGrade(8)).toBe(false);
    expect(isStartingGrade(null)).toBe(false);
  });
});
