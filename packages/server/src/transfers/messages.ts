import type { AcceptRefusal } from '@yuxin/core';
import type { Locale } from '../http/locale.js';
import { fillTemplate } from '../http/messages.js';
import { Problem, type ProblemKind } from '../http/problem.js';

type Catalog = Record<string, { 'zh-CN': string; en: string }>;

/** Texts of transfers: why a request, a summary or an acceptance is refused, and the notices they send. */
const MESSAGES = {
  'to-school.invalid': { 'zh-CN': '请选择本市另一所在用的学校。', en: 'Choose another active school of the city.' },
  'student.not-active': {
    'zh-CN': '该学生已离校，不能发起转学。',
    en: 'The student has left; no transfer can be raised.',
  },
  'request.open': {
    'zh-CN': '该学生已有一个待接收的转学申请。',
    en: 'The student already has a transfer request waiting.',
  },
  'disposition.required': {
    'zh-CN': '该学生有未结案的个案，请选择“移交接收学校”或“转出前结案”。',
    en: 'The student has an open case: choose to hand it over or to close it before the move.',
  },
  'not-open': {
    'zh-CN': '该转学申请已{status}，不能再操作。',
    en: 'The transfer request is already {status}; nothing more can be done.',
  },
  'status.requested': { 'zh-CN': '待接收', en: 'waiting' },
  'status.accepted': { 'zh-CN': '接收', en: 'accepted' },
  'status.declined': { 'zh-CN': '拒绝', en: 'declined' },
  'status.cancelled': { 'zh-CN': '撤回', en: 'cancelled' },
  'accept.summary_unsigned': {
    'zh-CN': '该学生需要心理档案转接：请等待转出学校的心理教师填写并签署交接摘要。',
    en: "The student needs a hand-over: wait until the sending school's psychology teacher has written and signed the summary.",
  },
  'accept.case_open': {
    'zh-CN': '转出学校将在转出前结案，个案尚未结案，暂不能接收。',
    en: 'The sending school will close the case before the move, and it is still open.',
  },
  'accept.disposition_missing': {
    'zh-CN': '该学生有未结案的个案，转出学校尚未说明移交或结案。',
    en: 'The student has an open case and the sending school has not said whether it is handed over or closed.',
  },
  'class.invalid': { 'zh-CN': '请选择本校在用的班级。', en: 'Choose an active class of your school.' },
  'summary.required': { 'zh-CN': '请填写此项。', en: 'Fill in this part.' },
  'notice.incoming.title': { 'zh-CN': '新的转学申请', en: 'New transfer request' },
  'notice.incoming.body': {
    'zh-CN': '{from}有一名学生申请转入{to}，请在“转学”中处理。',
    en: 'A student of {from} is to move to {to}; see Transfers.',
  },
  'notice.summary.title': { 'zh-CN': '请填写心理档案交接摘要', en: 'Hand-over summary to write' },
  'notice.summary.body': {
    'zh-CN': '{to}通过名册导入申请接收{from}的一名学生，请在“转学”中填写并签署交接摘要。',
    en: "{to}'s roster import asks for a student of {from}; write and sign the hand-over summary under Transfers.",
  },
  'notice.declined.title': { 'zh-CN': '转学申请未被接收', en: 'Transfer request declined' },
  'notice.declined.body': {
    'zh-CN': '{to}没有接收{from}一名学生的转学申请，请在“转学”中查看。',
    en: '{to} declined the request to move a student of {from}; see Transfers.',
  },
  'notice.accepted.title': { 'zh-CN': '转学已办理', en: 'School transfer completed' },
  'notice.accepted.body': {
    'zh-CN': '您的孩子已转入{to}，心理健康服务由新学校继续提供。',
    en: "Your child has moved to {to}; the new school continues the child's mental-health care.",
  },
} satisfies Catalog;

export type TransferMessageKey = keyof typeof MESSAGES;

export function tm(key: TransferMessageKey, locale: Locale, params: Record<string, string | number> = {}): string {
  return fillTemplate((MESSAGES as Catalog)[key]![locale], params);
}

export function transferProblem(
  locale: Locale,
  kind: ProblemKind,
  key: TransferMessageKey,
  params?: Record<string, string | number>,
  field?: string,
): Problem {
  const message = tm(key, locale, params);
  return new Problem(kind, {
    detail: message,
    ...(field ? { errors: [{ field, key: 'field.invalid', message }] } : {}),
  });
}

export function acceptRefusalKey(r: AcceptRefusal): TransferMessageKey {
  return `accept.${r}`;
}

export function isUniqueViolation(err: unknown): boolean {
  return (err as { code?: string } | null)?.code === '23505';
}
