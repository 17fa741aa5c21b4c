import type { HotlineRisk, HotlineTopic } from '@yuxin/core';
import type { Locale } from '../http/locale.js';
import { fillTemplate } from '../http/messages.js';
import { Problem, type FieldError, type ProblemKind } from '../http/problem.js';

/** Text of the hotline's refusals and of what a school reads about a call, beside the module that uses it. */
const MESSAGES = {
  'started.future': { 'zh-CN': '来电时间不能晚于现在。', en: 'The call cannot start in the future.' },
  'started.too-old': {
    'zh-CN': '来电时间不能早于 {days} 天前。',
    en: 'The call may have started at most {days} days ago.',
  },
  'anonymous.identified': {
    'zh-CN': '匿名来电不能记录学生或来电人的身份。',
    en: 'An anonymous call cannot name the student or the caller.',
  },
  'student.not-found': {
    'zh-CN': '在本市学籍中找不到这名学生。',
    en: 'This student is not on the city roster.',
  },
  'follow-up.required': {
    'zh-CN': '填写了回访时间，请写明回访安排。',
    en: 'A follow-up time was given: describe the follow-up.',
  },
  'alert.anonymous': {
    'zh-CN': '匿名来电不通知学校：来电人保持匿名。',
    en: 'An anonymous call is not passed to a school: the caller stays anonymous.',
  },
  'alert.not_on_roster': {
    'zh-CN': '只有从学籍中选定的学生才能通知其学校。',
    en: 'Only a student picked from the roster can be passed to their school.',
  },
  'alert.risk_too_low': {
    'zh-CN': '风险评估为中及以上时才通知学校。',
    en: 'A school is told only at medium risk or above.',
  },
  'alert.already': {
    'zh-CN': '这次来电已经通知过学校。',
    en: "This call has already been passed to the student's school.",
  },
  'alert.reason-required': {
    'zh-CN': '请写明通知学校的理由（学校只看到风险等级和这段理由）。',
    en: 'Give the reason for the school (it sees only the risk and this reason).',
  },
  'edit.not-recorder': {
    'zh-CN': '只有记录这次来电的咨询员可以修改记录。',
    en: 'Only the counselor who recorded this call may change its record.',
  },
  'caller.anonymous': {
    'zh-CN': '匿名来电不能补充来电人的身份。',
    en: "An anonymous call cannot be given the caller's identity.",
  },
  'shift.order': { 'zh-CN': '班次结束时间必须晚于开始时间。', en: 'The shift must end after it starts.' },
  'shift.too-long': {
    'zh-CN': '一个班次最长 {hours} 小时。',
    en: 'A shift may last at most {hours} hours.',
  },
  'shift.counselor': {
    'zh-CN': '只能为本市热线咨询员排班。',
    en: "Shifts are only for the city's hotline counselors.",
  },
  'report.range': {
    'zh-CN': '统计区间的结束日期不能早于开始日期，且最长一年。',
    en: 'The report period must end on or after its start and span at most a year.',
  },
  'reason.text': {
    'zh-CN': '心理热线来电，风险评估：{risk}。{topics}{reason}',
    en: 'Hotline call, risk assessed as {risk}. {topics}{reason}',
  },
  'reason.topics': { 'zh-CN': '话题：{topics}。', en: 'Topics: {topics}. ' },
  'risk.none': { 'zh-CN': '无', en: 'none' },
  'risk.low': { 'zh-CN': '低', en: 'low' },
  'risk.medium': { 'zh-CN': '中', en: 'medium' },
  'risk.high': { 'zh-CN': '高', en: 'high' },
  'risk.imminent': { 'zh-CN': '紧迫', en: 'imminent' },
  'topic.study_pressure': { 'zh-CN': '学业压力', en: 'study pressure' },
  'topic.peer_relations': { 'zh-CN': '同伴关系', en: 'peer relations' },
  'topic.family': { 'zh-CN': '家庭关系', en: 'family' },
  'topic.bullying': { 'zh-CN': '校园欺凌', en: 'bullying' },
  'topic.emotions': { 'zh-CN': '情绪困扰', en: 'emotional distress' },
  'topic.self_harm': { 'zh-CN': '自伤', en: 'self-harm' },
  'topic.suicidal_thoughts': { 'zh-CN': '自杀念头', en: 'suicidal thoughts' },
  'topic.sleep': { 'zh-CN': '睡眠问题', en: 'sleep' },
  'topic.internet_gaming': { 'zh-CN': '网络游戏', en: 'internet and gaming' },
  'topic.romance': { 'zh-CN': '恋爱情感', en: 'romance' },
  'topic.other': { 'zh-CN': '其他', en: 'other' },
} satisfies Record<string, Record<Locale, string>>;

export type HotlineMessageKey = keyof typeof MESSAGES;

export function hm(key: HotlineMessageKey, locale: Locale, params: Record<string, string | number> = {}): string {
  return fillTemplate(MESSAGES[key][locale], params);
}

export function hotlineFieldError(
  locale: Locale,
  field: string,
  key: HotlineMessageKey,
  params?: Record<string, string | number>,
): FieldError {
  return { field, key: 'field.invalid', message: hm(key, locale, params) };
}

export function invalid(errors: FieldError[]): Problem {
  return new Problem('validation', { errors, detail: errors[0]?.message });
}

export function hotlineProblem(locale: Locale, kind: ProblemKind, key: HotlineMessageKey): Problem {
  return new Problem(kind, { detail: hm(key, locale) });
}

export const riskLabel = (risk: HotlineRisk, locale: Locale) => hm(`risk.${risk}`, locale);
export const topicLabel = (topic: HotlineTopic, locale: Locale) => hm(`topic.${topic}`, locale);
