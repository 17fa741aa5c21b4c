import { evaluateSchoolTerm, type IndicatorResult, type SupervisionStandards } from '@yuxin/core';
import type { Kysely } from 'kysely';
import type { Database, OrgUnit } from '../db/types.js';
import { parentSchoolFigures, schoolTermFigures, type TermWindow } from './figures.js';

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
  const term = await schoolTermFigures(db, school, window);
  const { staff, grades, classes, activities } = term;
  const figures = {
    ...term.figures,
    ...(standards.guardianCourseHoursPerYear != null || standards.parentCertificate
      ? await parentSchoolFigures(db, school, window, grades, standards.parentCertificate?.hours ?? null)
      : {}),
  };
  const indicators = evaluateSchoolTerm(figures, standards).map((r: IndicatorResult) => ({
    ...r,
    // Core names parts by position; give them the names people know.
    shortfalls: r.shortfalls.map((s) => {
      const index = Number(s.key.split('#')[1]);
      const name =
        r.id === 'training'
          ? staff[index]?.name
          : r.id === 'guardian_lectures' || r.id === 'guardian_course_hours'
            ? grades[index]?.name
            : undefined;
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
      // Present only where the standards ask for certificates.
      ...(figures.startingGradeGuardians != null
        ? {
            startingGradeGuardians: figures.startingGradeGuardians,
            startingGradeGuardiansCertified: figures.startingGradeGuardiansCertified ?? 0,
            certificateHours: standards.parentCertificate?.hours ?? 0,
          }
        : {}),
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
