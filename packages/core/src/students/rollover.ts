import type { SchoolStage } from '../reports/standards.js';
import { className, gradeName, STAGE_GRADE_LEVELS } from './school-stages.js';

/**
 * The year-end rollover (学年升级) of one school, decided on what the school holds today: every student still
 * enrolled in an earlier school year moves up one grade into the class of the same number (or name), and the
 * school's final grade graduates. Classes stay where they are (a class is a grade's slot: next year's
 * 七年级1班 takes the new intake); grades and classes the move needs and the school lacks are created.
 */
export interface RolloverSchool {
  stage: SchoolStage | null;
  grades: ReadonlyArray<{ id: string; level: number | null; active: boolean }>;
  classes: ReadonlyArray<{ id: string; gradeId: string; classNo: number | null; name: string; active: boolean }>;
  /** Students still enrolled in an earlier year, counted by the class they are in. */
  waiting: ReadonlyArray<{ classId: string; students: number }>;
}

/** Where the students of one class go. `grade`/`class` name a unit to create when no id is given. */
export type ClassStep =
  | { kind: 'promote'; fromClassId: string; students: number; toGrade: UnitRef; toClass: UnitRef }
  | { kind: 'graduate'; fromClassId: string; students: number }
  /** A class whose grade has no level, or a level past the school's stage: someone has to place them. */
  | { kind: 'unplaced'; fromClassId: string; students: number };

export type UnitRef = { id: string } | { create: { level: number; classNo?: number; name: string; nameEn: string } };

export interface RolloverPlan {
  steps: ClassStep[];
  promoted: number;
  graduated: number;
  unplaced: number;
  gradesToCreate: number;
  classesToCreate: number;
}

export function planRollover(school: RolloverSchool): RolloverPlan {
  const gradeById = new Map(school.grades.map((g) => [g.id, g]));
  const gradeByLevel = new Map(school.grades.filter((g) => g.active && g.level !== null).map((g) => [g.level!, g]));
  const levels = school.stage ? STAGE_GRADE_LEVELS[school.stage] : [...gradeByLevel.keys()].sort((a, b) => a - b);
  const finalLevel = levels.length ? levels[levels.length - 1]! : null;
  const classById = new Map(school.classes.map((c) => [c.id, c]));
  const steps: ClassStep[] = [];
  const gradesToCreate = new Set<number>();
  const classesToCreate = new Set<string>();

  for (const { classId, students } of school.waiting) {
    if (students === 0) continue;
    const from = classById.get(classId);
    const level = from ? (gradeById.get(from.gradeId)?.level ?? null) : null;
    if (!from || level === null || finalLevel === null || !levels.includes(level)) {
      steps.push({ kind: 'unplaced', fromClassId: classId, students });
      continue;
    }
    if (level === finalLevel) {
      steps.push({ kind: 'graduate', fromClassId: classId, students });
      continue;
    }
    const nextLevel = levels[levels.indexOf(level) + 1]!;
    const nextGrade = gradeByLevel.get(nextLevel);
    const sameClass = nextGrade
      ? school.classes.find(
          (c) =>
            c.active &&
            c.gradeId === nextGrade.id &&
            (from.classNo !== null ? c.classNo === from.classNo : c.name === from.name),
        )
      : undefined;
    const names = from.classNo !== null ? className(from.classNo) : { zh: from.name, en: from.name };
    if (!nextGrade) gradesToCreate.add(nextLevel);
    if (!sameClass) classesToCreate.add(`${nextLevel}/${names.zh}`);
    const g = gradeName(nextLevel);
    steps.push({
      kind: 'promote',
      fromClassId: classId,
      students,
      toGrade: nextGrade ? { id: nextGrade.id } : { create: { level: nextLevel, name: g.zh, nameEn: g.en } },
      toClass: sameClass
        ? { id: sameClass.id }
        : {
            create: {
              level: nextLevel,
              ...(from.classNo !== null ? { classNo: from.classNo } : {}),
              name: names.zh,
              nameEn: names.en,
            },
          },
    });
  }
  const sum = (kind: ClassStep['kind']) => steps.filter((s) => s.kind === kind).reduce((n, s) => n + s.students, 0);
  return {
    steps,
    promoted: sum('promote'),
    graduated: sum('graduate'),
    unplaced: sum('unplaced'),
    gradesToCreate: gradesToCreate.size,
    classesToCreate: classesToCreate.size,
  };
}
