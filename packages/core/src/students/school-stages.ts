import type { SchoolStage } from '../reports/standards.js';

/** The stages a school can be (学段): 小学, 初中, 高中, 九年一贯制, 完全中学, 中职. */
export const SCHOOL_STAGES: readonly SchoolStage[] = [
  'primary',
  'junior',
  'senior',
  'nine_year',
  'complete_secondary',
  'vocational',
];

/** The grade levels (1–12, 一年级 … 高三) a school of each stage teaches. */
export const STAGE_GRADE_LEVELS: Readonly<Record<SchoolStage, readonly number[]>> = {
  primary: [1, 2, 3, 4, 5, 6],
  junior: [7, 8, 9],
  senior: [10, 11, 12],
  nine_year: [1, 2, 3, 4, 5, 6, 7, 8, 9],
  complete_secondary: [7, 8, 9, 10, 11, 12],
  vocational: [10, 11, 12],
};

export function isSchoolStage(value: string): value is SchoolStage {
  return (SCHOOL_STAGES as readonly string[]).includes(value);
}

/** Whether a school of this stage has this grade: a primary school has no 八年级. */
export function stageHasGrade(stage: SchoolStage, level: number): boolean {
  return STAGE_GRADE_LEVELS[stage].includes(level);
}
