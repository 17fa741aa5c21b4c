import { evaluateSchoolTerm, type IndicatorResult, type SupervisionStandards } from '@yuxin/core';
import type { Kysely } from 'kysely';
import type { Database, OrgUnit } from '../db/types.js';
import { schoolTermFigures, type TermWindow } from './figures.js';

/**
 * A school's indicators with the drill-down each needs: who is short of training hours, which grades had
 * too few lectures, which classes too few lessons.
 */
export async function schoolIndicators(
  db: Kysely<Database>,
  school: OrgUnit,
  window: TermWindow,
  standards: SupervisionStandards,
) {
  const { figures, staff, grades, classes, activities } = await schoolTermFigures(db, school, window);
  const indicators = evaluateSchoolTerm(figures, standards).map((r: IndicatorResult) => ({
    ...r,
    // Core names parts by position; give them the names people know.
    shortfalls: r.shortfalls.map((s) => {
      const index = Number(s.key.split('#')[1]);
      const name =
        r.id === 'training' ? staff[index]?.name : r.id === 'guardian_lectures' ? grades[index]?.name : undefined;
      return { ...s, name: name ?? s.key };
    }),
  }));
  const perClass = standards.lessonEveryWeeks ? Math.floor(figures.termWeeks / standards.lessonEveryWeeks) : null;
  return {
    figures: {
      students: figures.students,
      classes: figures.classes,
      termWeeks: figures.termWeeks,
      fullTimePsychTeachers: figures.fullTimePsychTeachers,
      lessonHours: figures.lessonHours,
      counselingHoursPerDay: figures.counselingHoursPerDay,
      familiesContacted: figures.familiesContacted,
      studentsScreened: figures.studentsScreened,
      alertsDue: figures.alertsDue,
      alertsOnTime: figures.alertsOnTime,
    },
    indicators,
    activities,
    classesShortOfLessons:
      perClass == null
        ? []
        : classes
            .filter((c) => c.lessons < perClass)
            .map((c) => ({ id: c.id, name: c.name, lessons: c.lessons, target: perClass })),
  };
}
