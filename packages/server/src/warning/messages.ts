import type { Locale } from '../http/locale.js';
import { fillTemplate } from '../http/messages.js';
import { Problem, type FieldError } from '../http/problem.js';

/** Text of observations, warning settings and notifications, kept beside the module that uses it. */
const MESSAGES = {
  'level.unknown': {
    'zh-CN': '本市的预警网络没有“{level}”这一级。',
    en: 'The city\'s warning network has no level "{level}".',
  },
  'seen.future': { 'zh-CN': '发现时间不能晚于现在。', en: 'The time seen cannot be in the future.' },
  'seen.too-old': {
    'zh-CN': '发现时间不能早于 {days} 天前；更早的情况请直接联系心理老师。',
    en: 'The time seen may be at most {days} days ago; for older events talk to the psychology teacher.',
  },
  'what.required': { 'zh-CN': '请勾选看到的情况，或写下文字说明。', en: 'Tick what you saw or describe it in words.' },
  'student.not-found': {
    'zh-CN': '找不到这名学生，或不在您负责的范围内。',
    en: 'This student was not found or is not in your care.',
  },
  'levels.empty': { 'zh-CN': '预警网络至少需要一级。', en: 'The warning network needs at least one level.' },
  'deadline.order': {
    'zh-CN': '“{urgency}”的确认时限不能长于下一级紧急程度的时限。',
    en: 'The deadline for "{urgency}" cannot be longer than the next less urgent one.',
  },
  'notify.raised.title': { 'zh-CN': '新预警（{urgency}）', en: 'New alert ({urgency})' },
  'notify.escalated.title': {
    'zh-CN': '预警超时未确认（{urgency}），已上报至{level}',
    en: 'Alert not acknowledged in time ({urgency}); escalated to {level}',
  },
  'notify.observation.title': { 'zh-CN': '您提交的观察记录已收到', en: 'Your observation was received' },
  'notify.observation.body': {
    'zh-CN': '{school}：心理教师已确认收到您 {filed} 提交的观察记录，会跟进处理。谢谢！',
    en: '{school}: the psychology staff acknowledged the observation you filed {filed} and will follow it up. Thank you.',
  },
  'notify.body': {
    'zh-CN': '{school}：请在 {due} 前登录育心平台确认处理。',
    en: '{school}: sign in to Yuxin and acknowledge it by {due}.',
  },
  'notify.escalated.body': {
    'zh-CN': '{school}的一条预警在时限内无人确认，请督促处理。',
    en: 'An alert at {school} was not acknowledged in time; please follow it up.',
  },
  'urgency.crisis': { 'zh-CN': '危机', en: 'crisis' },
  'urgency.high': { 'zh-CN': '高', en: 'high' },
  'urgency.attention': { 'zh-CN': '关注', en: 'attention' },
  'level.leader': { 'zh-CN': '学校领导', en: 'the school leader' },
  'level.district': { 'zh-CN': '区县心理中心', en: 'the district centre' },
} satisfies Record<string, Record<Locale, string>>;

export type WarningMessageKey = keyof typeof MESSAGES;

export function wm(key: WarningMessageKey, locale: Locale, params: Record<string, string | number> = {}): string {
  return fillTemplate(MESSAGES[key][locale], params);
}

export function warningFieldError(
  locale: Locale,
  field: string,
  key: WarningMessageKey,
  params?: Record<string, string | number>,
): FieldError {
  return { field, key: 'field.invalid', message: wm(key, locale, params) };
}

export function invalid(errors: FieldError[]): Problem {
  return new Problem('validation', { errors });
}
