import type { Locale } from '../http/locale.js';
import { fillTemplate } from '../http/messages.js';
import { Problem, type FieldError } from '../http/problem.js';

/** Text of the self-screening's refusals, beside the module that uses it. */
const MESSAGES = {
  'instrument.unknown': {
    'zh-CN': '没有这份自评量表。',
    en: 'There is no such self-screening instrument.',
  },
  'phone.invalid': {
    'zh-CN': '请填写可以回电的电话号码（手机或座机）。',
    en: 'Give a phone number the centre can call back (mobile or landline).',
  },
  'range.invalid': {
    'zh-CN': '统计区间的结束日期不能早于开始日期，且最长一年。',
    en: 'The period must end on or after its start and span at most a year.',
  },
  'callback.done': { 'zh-CN': '这次回电已经处理。', en: 'This call-back has already been made.' },
  'unit.above-school': { 'zh-CN': '区县、市级单位', en: 'Staff above school level' },
} satisfies Record<string, Record<Locale, string>>;

export type WellbeingMessageKey = keyof typeof MESSAGES;

export function wm(key: WellbeingMessageKey, locale: Locale, params: Record<string, string | number> = {}): string {
  return fillTemplate(MESSAGES[key][locale], params);
}

export function wellbeingFieldError(locale: Locale, field: string, key: WellbeingMessageKey): FieldError {
  return { field, key: 'field.invalid', message: wm(key, locale) };
}

export function invalid(errors: FieldError[]): Problem {
  return new Problem('validation', { errors, detail: errors[0]?.message });
}
