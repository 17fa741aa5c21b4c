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

export function gradeName(level: number): { zh: string; en: string } {
  return { zh: ZH_GRADE[level - 1]!, en: level <= 9 ? `Grade ${level}` : `Senior ${level - 9}` };
}

export function className(no: number): { zh: string; en: string } {
  return { zh: `${no}班`, en: `Class ${no}` };
}

export const STAGE_GRADES: Record<string, number[]> = {
  primary: [1, 2, 3, 4, 5, 6],
  junior: [7, 8, 9],
  senior: [10, 11, 12],
  nine_year: [1, 2, 3, 4, 5, 6, 7, 8, 9],
  complete_secondary: [7, 8, 9, 10, 11, 12],
  vocational: [10, 11, 12],
};
