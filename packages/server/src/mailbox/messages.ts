import type { Locale } from '../http/locale.js';
import { fillTemplate } from '../http/messages.js';
import { Problem, type ProblemKind } from '../http/problem.js';

type Catalog = Record<string, { 'zh-CN': string; en: string }>;

/** Texts of the mailbox (心理信箱): refusals and the notice of an answer. */
const MESSAGES = {
  'text.required': { 'zh-CN': '请写下想说的话。', en: 'Write what you want to say.' },
  'reason.required': { 'zh-CN': '请写明判断有风险的理由。', en: 'Give the reason you judge this letter at risk.' },
  'student.no-school': {
    'zh-CN': '你的账号还没有编入学校班级，暂时不能写信。',
    en: 'Your account is not placed in a school class yet, so you cannot write.',
  },
  'risk.anonymous': {
    'zh-CN':
      '这是一封匿名来信，系统不知道也不会透露写信人是谁，因此不能生成预警。请在回信中关心对方，并告诉他/她可以署名再写或拨打求助热线。',
    en: 'This letter is anonymous: the system does not know, and will not reveal, who wrote it, so no alert can be raised. Answer with care and invite the writer to write again with their name or to call a help line.',
  },
  'risk.already': {
    'zh-CN': '这封来信已标记为有风险并生成预警。',
    en: 'This letter is already marked at risk with an alert.',
  },
  'notice.title': { 'zh-CN': '心理信箱有新回信', en: 'A new answer in your mailbox' },
  'notice.body': {
    'zh-CN': '心理老师回复了你的来信，请在“心理信箱”中查看。',
    en: 'A psychology teacher answered your letter; read it in the Mailbox.',
  },
} satisfies Catalog;

export type MailboxMessageKey = keyof typeof MESSAGES;

export function mm(key: MailboxMessageKey, locale: Locale, params: Record<string, string | number> = {}): string {
  return fillTemplate((MESSAGES as Catalog)[key]![locale], params);
}

export function mailboxProblem(locale: Locale, kind: ProblemKind, key: MailboxMessageKey, field?: string): Problem {
  const message = mm(key, locale);
  return new Problem(kind, {
    detail: message,
    ...(field ? { errors: [{ field, key: 'field.invalid', message }] } : {}),
  });
}
