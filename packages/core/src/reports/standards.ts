import { activityTargets, type ActivityCounts, type ActivityStandards } from '../activities/index.js';

/**
 * Supervision (督导) standards: what a city expects of each school per term. Cities set different numbers,
 * so a standard set is a city setting; the presets below are the published figures of four cities and
 * Jinan's is the default.
 */
export type StaffTrainingGroup = 'psych_full_time' | 'psych_part_time' | 'head_teacher' | 'all_staff';
/** Changchun grades psychology teachers' certificates A–D, each with its own yearly hours. */
export type CertificateLevel = 'A' | 'B' | 'C' | 'D';

export interface SupervisionStandards extends ActivityStandards {
  id: string;
  /** Full-time psychology teachers per 1,000 students. */
  psychTeachersPer1000: number;
  /** A school with at least this many students needs at least one full-time psychology teacher. */
  fullTimeTeacherFromStudents: number | null;
  /** Psychology lessons per term: hours, or one lesson per class every `lessonEveryWeeks` weeks. */
  lessonHoursPerTerm: number;
  lessonEveryWeeks: number | null;
  /** Counseling-room opening hours per school day. */
  counselingHoursPerDay: { primary: number; secondary: number };
  /** Training hours per year by staff group; absent groups have no requirement. */
  trainingHoursPerYear: Partial<Record<StaffTrainingGroup, number>>;
  /** Supervision (case supervision) hours per year on top of training for full-time psychology teachers. */
  supervisionHoursPerYear: number;
  trainingByCertificate: Partial<Record<CertificateLevel, number>> | null;
  /** Guardian lectures per grade per term. */
  guardianLecturesPerGradeTerm: number;
  /** Hours of parent courses (家长课程) per grade per school year; absent: no requirement. */
  guardianCourseHoursPerYear?: number;
  /**
   * Parent-school certificates (家长学校结业证书): the share of first-year guardians who must earn one, and the
   * attended hours in the school year that earn it (see holdsParentCertificate); absent: no requirement.
   */
  parentCertificate?: { share: number; hours: number };
  /** Share of families contacted each term, 0–1. */
  familyContactShare: number;
  /** Share of students screened at least once per school year, 0–1. */
  screeningCoverage: number;
  /** Share of alerts acknowledged before their deadline, 0–1. */
  alertsOnTimeShare: number;
  /** A value at or above this share of the target is amber rather than red. */
  amberFrom: number;
}

const JINAN: SupervisionStandards = {
  id: 'jinan',
  psychTeachersPer1000: 1,
  fullTimeTeacherFromStudents: 500,
  lessonHoursPerTerm: 8,
  lessonEveryWeeks: 2,
  counselingHoursPerDay: { primary: 1, secondary: 2 },
  trainingHoursPerYear: { psych_full_time: 40, psych_part_time: 20, head_teacher: 10 },
  supervisionHoursPerYear: 10,
  trainingByCertificate: null,
  guardianLecturesPerGradeTerm: 2,
  guardianCourseHoursPerYear: 8,
  familyContactShare: 1,
  screeningCoverage: 1,
  alertsOnTimeShare: 1,
  amberFrom: 0.8,
  // Jinan's policy sets no count of student lectures or group sessions: not checked.
  lecturesPerTerm: null,
  groupSessionsPerTerm: null,
};

export const STANDARD_PRESETS: Readonly<Record<'jinan' | 'changzhou' | 'changchun' | 'jining', SupervisionStandards>> =
  {
    jinan: JINAN,
    changzhou: {
      ...JINAN,
      id: 'changzhou',
      trainingHoursPerYear: { psych_full_time: 80, psych_part_time: 80, all_staff: 10 },
      // Half of the first-year parents earn the certificate; the hours are the year's parent course.
      parentCertificate: { share: 0.5, hours: 8 },
    },
    changchun: {
      ...JINAN,
      id: 'changchun',
      psychTeachersPer1000: 1,
      trainingHoursPerYear: { psych_full_time: 100, psych_part_time: 80, head_teacher: 20, all_staff: 10 },
      trainingByCertificate: { A: 100, B: 80, C: 20, D: 10 },
    },
    // Jining asks every school for at least one mental-health lecture and four group sessions a term; on the
    // rest its policy follows the province, as Jinan's does.
    jining: {
      ...JINAN,
      id: 'jining',
      lecturesPerTerm: 1,
      groupSessionsPerTerm: 4,
    },
  };
export const DEFAULT_STANDARDS = JINAN;

export type Rag = 'green' | 'amber' | 'red';

/** Green at or above the target, amber from `amberFrom` of it, red below. A zero target is always met. */
export function rag(value: number, target: number, amberFrom: number): Rag {
  if (target <= 0 || value >= target) return 'green';
  return value >= target * amberFrom ? 'amber' : 'red';
}

export type SchoolStage = 'primary' | 'junior' | 'senior' | 'nine_year' | 'complete_secondary' | 'vocational';

/** Schools that teach secondary grades keep the secondary opening hours. */
export function counselingHoursTarget(stage: SchoolStage | null, s: SupervisionStandards): number {
  return stage === 'primary' || stage === null ? s.counselingHoursPerDay.primary : s.counselingHoursPerDay.secondary;
}

/** Figures a school's records produce for one term; every one is computed, never typed in. */
export interface SchoolTermFigures {
  students: number;
  classes: number;
  stage: SchoolStage | null;
  /** Weeks of teaching in the term, for the "one lesson per class every N weeks" alternative. */
  termWeeks: number;
  fullTimePsychTeachers: number;
  /** Lesson hours held in the term, and lessons held per class. */
  lessonHours: number;
  lessonsPerClass: readonly number[];
  counselingHoursPerDay: number;
  /** Per person: group, certificate (if any), training and supervision hours in the school year. */
  staffTraining: readonly {
    group: StaffTrainingGroup;
    certificate?: CertificateLevel | null;
    hours: number;
    supervisionHours?: number;
  }[];
  /** Lectures per grade held in the term, one entry per grade. */
  guardianLecturesPerGrade: readonly number[];
  /** Hours of parent courses per grade held in the school year, one entry per grade (same order). */
  guardianCourseHoursPerGrade?: readonly number[];
  /** Guardians of first-year (起始年级) students, and those of them holding the year's certificate. */
  startingGradeGuardians?: number;
  startingGradeGuardiansCertified?: number;
  familiesContacted: number;
  families: number;
  studentsScreened: number;
  alertsDue: number;
  alertsOnTime: number;
  /** The school's activities of the term by kind (voided ones not counted); absent: none recorded. */
  activities?: Partial<ActivityCounts>;
}

/** The supervision indicators, in the order a school's term is reported. */
export const INDICATOR_IDS = [
  'psych_teacher_ratio',
  'lessons',
  'counseling_hours',
  'training',
  'guardian_lectures',
  'guardian_course_hours',
  'parent_certificates',
  'family_contact',
  'screening_coverage',
  'alert_handling',
  // Only where the city sets a number (Jining): otherwise the indicator is not reported at all.
  'activity_lectures',
  'activity_group_sessions',
] as const;
export type IndicatorId = (typeof INDICATOR_IDS)[number];

export interface IndicatorResult {
  id: IndicatorId;
  value: number;
  target: number;
  rag: Rag;
  /** Parts that failed, for drill-down (e.g. the staff groups short of hours, the grades without lectures). */
  shortfalls: { key: string; value: number; target: number }[];
}

const share = (n: number, d: number) => (d > 0 ? n / d : 1);

/**
 * Evaluates one school's term against a city's standards. Indicators with several parts (training per
 * staff group, lectures per grade) show the share of parts that meet their target, so one missing grade
 * turns the indicator amber or red rather than being averaged away.
 */
export function evaluateSchoolTerm(f: SchoolTermFigures, s: SupervisionStandards): IndicatorResult[] {
  const out: IndicatorResult[] = [];
  const push = (id: IndicatorId, value: number, target: number, shortfalls: IndicatorResult['shortfalls'] = []) =>
    out.push({ id, value: round(value), target, rag: rag(round(value), target, s.amberFrom), shortfalls });

  {
    const needed = Math.max(
      (f.students / 1000) * s.psychTeachersPer1000,
      s.fullTimeTeacherFromStudents != null && f.students >= s.fullTimeTeacherFromStudents ? 1 : 0,
    );
    const target = Math.ceil(needed * 100) / 100;
    push('psych_teacher_ratio', f.fullTimePsychTeachers, target);
  }
  {
    // Either rule satisfies the standard: enough hours, or every class has its fortnightly lesson.
    const perClass = s.lessonEveryWeeks ? Math.floor(f.termWeeks / s.lessonEveryWeeks) : null;
    const classesMet =
      perClass != null && f.lessonsPerClass.length > 0 && f.lessonsPerClass.every((n) => n >= perClass);
    const value = classesMet ? Math.max(f.lessonHours, s.lessonHoursPerTerm) : f.lessonHours;
    push('lessons', value, s.lessonHoursPerTerm);
  }
  push('counseling_hours', f.counselingHoursPerDay, counselingHoursTarget(f.stage, s));
  {
    const shortfalls: IndicatorResult['shortfalls'] = [];
    let met = 0;
    let counted = 0;
    for (const [i, person] of f.staffTraining.entries()) {
      const byCertificate =
        person.certificate && s.trainingByCertificate ? s.trainingByCertificate[person.certificate] : undefined;
      const target = byCertificate ?? s.trainingHoursPerYear[person.group] ?? s.trainingHoursPerYear.all_staff;
      if (target == null) continue;
      counted++;
      const supervisionOk =
        person.group !== 'psych_full_time' || (person.supervisionHours ?? 0) >= s.supervisionHoursPerYear;
      if (person.hours >= target && supervisionOk) met++;
      else shortfalls.push({ key: `${person.group}#${i}`, value: person.hours, target });
    }
    push('training', share(met, counted), 1, shortfalls);
  }
  {
    const shortfalls = f.guardianLecturesPerGrade.flatMap((n, i) =>
      n >= s.guardianLecturesPerGradeTerm
        ? []
        : [{ key: `grade#${i}`, value: n, target: s.guardianLecturesPerGradeTerm }],
    );
    const grades = f.guardianLecturesPerGrade.length;
    push('guardian_lectures', share(grades - shortfalls.length, grades), 1, shortfalls);
  }
  // The parent-school indicators appear only for a city whose standards ask for them.
  if (s.guardianCourseHoursPerYear != null && f.guardianCourseHoursPerGrade) {
    const target = s.guardianCourseHoursPerYear;
    const shortfalls = f.guardianCourseHoursPerGrade.flatMap((h, i) =>
      h >= target ? [] : [{ key: `grade#${i}`, value: h, target }],
    );
    const grades = f.guardianCourseHoursPerGrade.length;
    push('guardian_course_hours', share(grades - shortfalls.length, grades), 1, shortfalls);
  }
  if (s.parentCertificate && f.startingGradeGuardians != null)
    push(
      'parent_certificates',
      share(f.startingGradeGuardiansCertified ?? 0, f.startingGradeGuardians),
      s.parentCertificate.share,
    );
  push('family_contact', share(f.familiesContacted, f.families), s.familyContactShare);
  push('screening_coverage', share(f.studentsScreened, f.students), s.screeningCoverage);
  push('alert_handling', share(f.alertsOnTime, f.alertsDue), s.alertsOnTimeShare);
  for (const a of activityTargets(f.activities ?? {}, s)) push(a.id, a.value, a.target);
  return out;
}

const round = (x: number) => Math.round(x * 1000) / 1000;
