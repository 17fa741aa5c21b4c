import type { Locale } from '../../http/locale.js';
import { fillTemplate } from '../../http/messages.js';

type Catalog = Record<string, { 'zh-CN': string; en: string }>;

/**
 * Texts of the questionnaire, submission, tiers and alerts. What a student or guardian reads is neutral on
 * purpose: no score, band, tier or label ever reaches them, and a blocked questionnaire never says why in
 * words that single a child out.
 */
const MESSAGES = {
  // What the respondent sees when a questionnaire cannot be started.
  'availability.consent_pending': {
    'zh-CN': '本次问卷需要家长（监护人）知情同意，同意后即可开始填写。',
    en: 'This questionnaire can be started once a parent or guardian has agreed to it.',
  },
  'availability.consent_refused': {
    'zh-CN': '本次问卷无需你填写。',
    en: 'You do not need to fill in this questionnaire.',
  },
  'availability.declined': { 'zh-CN': '本次问卷无需填写。', en: 'This questionnaire does not need to be filled in.' },
  'availability.not_open': {
    'zh-CN': '问卷将于 {date} 开放，请到时再来。',
    en: 'The questionnaire opens on {date}. Please come back then.',
  },
  'availability.closed': { 'zh-CN': '本次问卷已结束。', en: 'This questionnaire has closed.' },
  'availability.cancelled': { 'zh-CN': '本次问卷已取消。', en: 'This questionnaire has been cancelled.' },
  'availability.completed': {
    'zh-CN': '你已完成本次问卷，谢谢！',
    en: 'You have completed this questionnaire. Thank you!',
  },

  'submit.already-completed': {
    'zh-CN': '这份问卷已经提交过了，无需再次提交。谢谢你！',
    en: 'This questionnaire has already been submitted; there is no need to send it again. Thank you!',
  },
  'submit.id-reused': {
    'zh-CN': '提交编号已被使用，请刷新页面后重新提交。',
    en: 'This submission number has already been used. Please reload the page and submit again.',
  },

  // The receipt: a thank-you and where to find help, nothing else.
  'receipt.title.self': { 'zh-CN': '谢谢你的认真作答', en: 'Thank you for your answers' },
  'receipt.body.self': {
    'zh-CN':
      '你的回答已安全提交，只有学校的心理老师可以查看。如果你现在感到难过、烦恼，或者想找人聊聊，可以随时拨打下面的热线，也可以找你信任的老师或家人。',
    en: 'Your answers have been sent safely; only the school’s psychology teachers can read them. If you feel sad or worried, or would like to talk to someone, you can call one of the lines below at any time, or talk to a teacher or family member you trust.',
  },
  'receipt.title.guardian': { 'zh-CN': '感谢您的填写', en: 'Thank you for filling this in' },
  'receipt.body.guardian': {
    'zh-CN':
      '您的回答已安全提交，只有学校的心理老师可以查看。如需帮助，可随时拨打下面的热线，或联系孩子的班主任、学校心理老师。',
    en: 'Your answers have been sent safely; only the school’s psychology teachers can read them. If you need help, call one of the lines below at any time, or contact your child’s head teacher or the school’s psychology teacher.',
  },

  // Answer checks, naming the instrument and the item.
  'answers.unknown-instrument': {
    'zh-CN': '本问卷不包含量表“{instrument}”。',
    en: 'This questionnaire has no instrument "{instrument}".',
  },
  'answers.missing-instrument': { 'zh-CN': '{instrument} 尚未作答。', en: '{instrument} has not been answered.' },
  'answers.too-long': {
    'zh-CN': '{instrument} 只有 {expected} 题，收到了 {received} 个答案。',
    en: '{instrument} has {expected} questions, but {received} answers were sent.',
  },
  'answers.wrong-length': {
    'zh-CN': '{instrument} 共 {expected} 题，收到了 {received} 个答案。',
    en: '{instrument} has {expected} questions, but {received} answers were sent.',
  },
  'answers.out-of-range': {
    'zh-CN': '{instrument} 第 {item} 题的答案无效（可选：{allowed}）。',
    en: '{instrument} question {item}: the answer is not one of the options ({allowed}).',
  },
  'answers.required': {
    'zh-CN': '{instrument} 第 {item} 题为必答题，请作答后再提交。',
    en: '{instrument} question {item} must be answered before submitting.',
  },

  // Tier review.
  'review.reason-required': {
    'zh-CN': '确认的级别与建议不同，请填写原因（至少 5 个字）。',
    en: 'The confirmed tier differs from the suggestion: please give a reason (at least 5 characters).',
  },
  'review.tier-required': {
    'zh-CN': '请选择确认的级别（筛查建议的复核不能选择"不变"）。',
    en: 'Please choose the confirmed tier ("no change" is only for an observation\'s review).',
  },
  'review.talk-record-required': {
    'zh-CN': '请填写跟进谈话记录（至少 10 个字）。',
    en: 'Please enter the record of the follow-up talk (at least 10 characters).',
  },
  'review.already-confirmed': {
    'zh-CN': '该建议已复核确认，无需重复操作。',
    en: 'This suggestion has already been reviewed and confirmed.',
  },

  'alert.already-acknowledged': { 'zh-CN': '该预警已被确认接收。', en: 'This alert has already been acknowledged.' },

  // Next steps a head teacher sees for a confirmed tier.
  'next-step.3': {
    'zh-CN': '心理教师已介入，请配合家校沟通，关注学生日常状态并及时反馈',
    en: 'A psychology teacher is involved: support home–school contact, watch the student’s daily state and report back promptly',
  },
  'next-step.2': {
    'zh-CN': '请多关注，鼓励参加团体辅导，发现异常及时报告心理教师',
    en: 'Pay closer attention, encourage group counselling, and report anything unusual to a psychology teacher promptly',
  },
  'next-step.1': { 'zh-CN': '常规发展性心理健康教育', en: 'Regular developmental mental-health education' },

  // Suggested-tier reasons, for psychology staff.
  'tier-reason.critical_flag': {
    'zh-CN': '{instrument} 出现危机标记（{flags}）→ 建议 {tier} 级',
    en: '{instrument} raised a critical flag ({flags}) → tier {tier} suggested',
  },
  'tier-reason.flag': {
    'zh-CN': '{instrument} 出现标记（{flags}）→ 建议 {tier} 级',
    en: '{instrument} raised a flag ({flags}) → tier {tier} suggested',
  },
  'tier-reason.band': {
    'zh-CN': '{instrument} 结果“{band}”（总分 {total}）→ 建议 {tier} 级',
    en: '{instrument} result "{band}" (total {total}) → tier {tier} suggested',
  },
  'tier-reason.total': {
    'zh-CN': '{instrument} 总分 {total} → 建议 {tier} 级',
    en: '{instrument} total {total} → tier {tier} suggested',
  },
  'tier-reason.invalid_response': {
    'zh-CN': '{instrument} 作答不完整，未计总分，请结合谈话判断',
    en: '{instrument} is incomplete and has no total; judge it in the follow-up talk',
  },
  'alert-reason.tier_change': {
    'zh-CN': '复核确认为 {to} 级（此前 {from}）',
    en: 'Review confirmed tier {to} (previously {from})',
  },
  'alert-reason.mailbox': {
    'zh-CN': '心理信箱来信，心理教师判断有风险：{reason}',
    en: 'A mailbox letter a psychology teacher judged at risk: {reason}',
  },
  'alert-reason.counseling': {
    'zh-CN': '心理辅导中，心理教师判断需要预警：{reason}',
    en: 'Raised by a psychology teacher from a counseling session: {reason}',
  },
  'alert-reason.no-previous-tier': { 'zh-CN': '无已确认级别', en: 'no confirmed tier' },

  'careless.too_fast': { 'zh-CN': '作答过快', en: 'answered too fast' },
  'careless.straightlining': { 'zh-CN': '所有题目选择同一答案', en: 'the same answer to every question' },
} satisfies Catalog;

export type ScreeningMessageKey = keyof typeof MESSAGES;

export function sm(key: ScreeningMessageKey, locale: Locale, params: Record<string, string | number> = {}): string {
  return fillTemplate((MESSAGES as Catalog)[key]?.[locale] ?? key, params);
}

/** Like `sm` for keys built from data (a flag id, a tier); falls back to `fallback` when there is no text. */
export function smOr(
  key: string,
  locale: Locale,
  fallback: string,
  params: Record<string, string | number> = {},
): string {
  return key in MESSAGES ? sm(key as ScreeningMessageKey, locale, params) : fallback;
}
