import { fillTemplate } from '../http/messages.js';
import type { Locale } from '../http/locale.js';

const MESSAGES = {
  'record.not-a-school': { 'zh-CN': '请选择一所学校。', en: 'Choose a school.' },
  'record.class-required': {
    'zh-CN': '心理课须填写上课班级，且班级须属于本校。',
    en: 'A lesson needs a class of this school.',
  },
  'record.grade-required': {
    'zh-CN': '家长讲座须填写面向的年级，且年级须属于本校。',
    en: 'A guardian lecture needs a grade of this school.',
  },
  'record.student-required': {
    'zh-CN': '家访或家校联系须填写本校学生。',
    en: 'A family contact needs a student of this school.',
  },
  'record.staff-required': {
    'zh-CN': '培训须填写本校参训人员及其类别。',
    en: 'A training needs a staff member of this school and their group.',
  },
  'record.hours-required': { 'zh-CN': '请填写大于 0 的时长（小时）。', en: 'Enter a duration above 0 hours.' },
  'template.name': { 'zh-CN': '心理健康工作记录导入模板', en: 'supervision-records-template' },
  'import.missing': {
    'zh-CN': '请上传填好的工作记录表（.xlsx 或 .csv）。',
    en: 'Upload the filled record sheet (.xlsx or .csv).',
  },
  'import.header': {
    'zh-CN': '第一行须为表头，至少包含“类型”“日期”“时长（小时）”。',
    en: 'The first row must be the header with at least “Kind”, “Date” and “Hours”.',
  },
  'import.empty': { 'zh-CN': '表中没有记录。', en: 'The sheet has no records.' },
  'import.kind': {
    'zh-CN': '类型应为：心理健康课、家长讲座、培训、辅导室开放、家校联系。',
    en: 'Kind must be one of: lesson, guardian_lecture, training, counseling_hours, family_contact.',
  },
  'import.date': { 'zh-CN': '日期应写成 2026-09-15 的形式。', en: 'Write the date as 2026-09-15.' },
  'import.hours': { 'zh-CN': '时长应为数字（小时）。', en: 'Hours must be a number.' },
  'import.grade': { 'zh-CN': '本校没有这个年级。', en: 'This school has no such grade.' },
  'import.class': { 'zh-CN': '该年级没有这个班。', en: 'The grade has no such class.' },
  'import.student': { 'zh-CN': '本校没有这个学籍号的学生。', en: 'No student of this school has this student number.' },
  'import.staff': { 'zh-CN': '本校没有这个教职工账号。', en: 'No staff account of this school has this username.' },
  'import.group': {
    'zh-CN': '人员类别应为：专职心理教师、兼职心理教师、班主任、其他教职工。',
    en: 'Staff group must be one of: psych_full_time, psych_part_time, head_teacher, all_staff.',
  },
} satisfies Record<string, Record<Locale, string>>;

export type SupervisionMessageKey = keyof typeof MESSAGES;

export function ts(key: SupervisionMessageKey, locale: Locale): string {
  return fillTemplate(MESSAGES[key][locale]);
}
