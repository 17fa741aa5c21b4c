import type { Locale } from '../http/locale.js';
import { fillTemplate } from '../http/messages.js';
import { Problem, type FieldError } from '../http/problem.js';

/** Text of the activity ledger's refusals, beside the module that uses it. */
const MESSAGES = {
  'class.required': {
    'zh-CN': '主题班会须选择本校的班级。',
    en: 'A theme class meeting needs a class of this school.',
  },
  'class.unknown': { 'zh-CN': '请选择本校的班级。', en: 'Choose a class of this school.' },
  'date.future': { 'zh-CN': '活动日期不能晚于今天。', en: 'The date cannot be later than today.' },
  'title.required': { 'zh-CN': '请填写活动主题。', en: 'Give the activity a title.' },
  'reason.required': { 'zh-CN': '请填写作废原因。', en: 'Give a reason for voiding the entry.' },
  'kind.not-yours': {
    'zh-CN': '班主任只能登记本班的主题班会；讲座、团辅等由心理教师或学校领导登记。',
    en: 'Head teachers record their own class’s theme meetings; lectures, group sessions and the days are recorded by psychology teachers or school leaders.',
  },
  voided: { 'zh-CN': '这条活动记录已作废，不能再修改。', en: 'This entry has been voided and cannot be changed.' },
} satisfies Record<string, Record<Locale, string>>;

export type ActivityMessageKey = keyof typeof MESSAGES;

export function am(key: ActivityMessageKey, locale: Locale, params: Record<string, string | number> = {}): string {
  return fillTemplate(MESSAGES[key][locale], params);
}

export function activityInvalid(locale: Locale, field: string, key: ActivityMessageKey): Problem {
  const errors: FieldError[] = [{ field, key: 'field.invalid', message: am(key, locale) }];
  return new Problem('validation', { errors, detail: errors[0]!.message });
}
