import { STAGE_GRADE_LEVELS } from '@yuxin/core';

// The names live in core (a year-end rollover names the grades and classes it creates the same way).
export { className, gradeName } from '@yuxin/core';

export const STAGE_GRADES: Record<string, readonly number[]> = STAGE_GRADE_LEVELS;
