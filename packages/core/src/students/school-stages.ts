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

const ZH_GRADE = [
  '一年级',
  '二年级',
  '三年级',
  '四年级',
  '五年级',
  '六年级',
  '七年级',
  '八年级',
  '九年级',
  '高一',
  '高二',
  '高三',
];

/** A grade's usual name (一年级 … 高三): what the seed, reports and a year-end rollover call a grade they create. */
export function gradeName(level: number): { zh: string; en: string } {
  return { zh: ZH_GRADE[level - 1]!, en: level <= 9 ? `Grade ${level}` : `Senior ${level - 9}` };
}

/** A class's usual name from its number: 1班 / Class 1. */
export function className(no: number): { zh: string; en: string } {
  return { zh: `${no}班`, en: `Class ${no}` };
}
