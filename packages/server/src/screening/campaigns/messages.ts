import { fillTemplate } from '../../http/messages.js';
import type { FieldError } from '../../http/problem.js';
import { Problem } from '../../http/problem.js';
import type { Locale } from '../../http/locale.js';

/**
 * Text of campaigns, consent, completion and screening settings. Kept apart from http/messages.ts so this
 * area can grow without touching the shared catalog.
 */
const MESSAGES = {
  'window.order': { 'zh-CN': '结束时间必须晚于开始时间。', en: 'The closing time must be after the opening time.' },
  'window.past': { 'zh-CN': '结束时间已经过去。', en: 'The closing time is already in the past.' },
  'window.too-long': {
    'zh-CN': '作答时间窗口不能超过 {days} 天。',
    en: 'The answering window may be at most {days} days long.',
  },
  'kind.not-enabled': {
    'zh-CN': '本市的普测设置未启用“{kind}”类型的测评。',
    en: "The city's screening settings do not enable {kind} campaigns.",
  },
  'owner.kind': {
    'zh-CN': '测评只能由市、区县或学校发起。',
    en: 'A campaign is owned by a city, a district or a school.',
  },
  'target.kind': {
    'zh-CN': '测评范围只能是市、区县、学校、年级或班级。',
    en: 'A campaign covers a city, district, school, grade or class.',
  },
  'target.outside-owner': {
    'zh-CN': '“{name}”不在发起单位的管辖范围内。',
    en: '"{name}" is not inside the unit that owns the campaign.',
  },
  'targets.for-monitoring': {
    'zh-CN': '重点监控测评按学生名单发起，请填写学生而不是组织范围。',
    en: 'A monitoring campaign names students, not organisation units.',
  },
  'students.required': {
    'zh-CN': '重点监控测评至少需要一名学生。',
    en: 'A monitoring campaign needs at least one student.',
  },
  'students.only-monitoring': {
    'zh-CN': '只有重点监控测评按学生名单发起。',
    en: 'Only monitoring campaigns name individual students.',
  },
  'student.outside-owner': {
    'zh-CN': '该学生不在发起单位的管辖范围内。',
    en: 'This student is not inside the unit that owns the campaign.',
  },
  'bands.order': {
    'zh-CN': '起始年级不能高于结束年级。',
    en: 'The first grade of a band cannot be above its last grade.',
  },
  'bands.overlap': {
    'zh-CN': '{respondent}填写的年级段 {a} 与 {b} 重叠。',
    en: 'The grade bands {a} and {b} answered by {respondent} overlap.',
  },
  'instrument.unknown': {
    'zh-CN': '量表“{code}”不存在或已停用。',
    en: 'The instrument "{code}" does not exist or is retired.',
  },
  'instrument.respondent': {
    'zh-CN': '量表“{code}”应由{expected}填写，不能放在{given}填写的年级段中。',
    en: 'The instrument "{code}" is answered by {expected}; it cannot be in a band answered by {given}.',
  },
  'instrument.duplicate': { 'zh-CN': '量表“{code}”重复。', en: 'The instrument "{code}" is listed twice.' },
  'name.blank': { 'zh-CN': '名称不能为空。', en: 'The name cannot be blank.' },
  'campaign.not-draft': {
    'zh-CN': '测评已发布或已取消，不能再修改。',
    en: 'The campaign is published or cancelled and can no longer be changed.',
  },
  'campaign.cancelled': { 'zh-CN': '测评已取消。', en: 'The campaign has been cancelled.' },
  'campaign.closed': { 'zh-CN': '测评已结束。', en: 'The campaign has closed.' },
  'campaign.window-ended': {
    'zh-CN': '测评的作答时间已经结束，请先修改时间再发布。',
    en: "The campaign's answering window has ended; change the dates before publishing.",
  },
  'campaign.not-open': {
    'zh-CN': '测评当前不在作答时间内，无法提醒。',
    en: 'The campaign is not open for answers, so there is nothing to remind.',
  },
  'assignment.completed': {
    'zh-CN': '已经完成作答，不能再拒绝。',
    en: 'The questionnaire is already finished and can no longer be declined.',
  },
  'consent.method-guardian': {
    'zh-CN': '家长本人在线上确认，方式应为“在线”。',
    en: 'A guardian consents online; the method must be "online".',
  },
  'consent.method-staff': {
    'zh-CN': '教师代为登记的是纸质知情同意书，方式应为“纸质”。',
    en: 'Staff record a paper consent form; the method must be "paper".',
  },
  'level.not-below': {
    'zh-CN': '统计层级必须是该单位本级或下级。',
    en: "The level must be the unit's own level or one below it.",
  },
  'unit.not-class': { 'zh-CN': '请选择一个班级。', en: 'Please choose a class.' },
  'settings.hotline-number': {
    'zh-CN': '热线号码“{number}”格式不正确（例如 12356 或 010-82951332）。',
    en: 'The hotline number "{number}" is not valid (for example 12356 or 010-82951332).',
  },
  'settings.consent-age': {
    'zh-CN': '按照《个人信息保护法》，14 周岁以下必须取得监护人同意，年龄不能低于 14。',
    en: 'Under the PIPL, guardian consent is required below 14, so the age cannot be lower than 14.',
  },
  'settings.kinds-empty': { 'zh-CN': '至少启用一种测评类型。', en: 'Enable at least one campaign kind.' },
  'settings.tier-instrument': {
    'zh-CN': '分级规则引用了不存在的量表“{code}”。',
    en: 'A tier rule names the unknown instrument "{code}".',
  },
  'settings.sets-empty': {
    'zh-CN': '至少需要一个默认量表组合。',
    en: 'At least one default instrument set is needed.',
  },

  'respondent.self': { 'zh-CN': '学生本人', en: 'the student' },
  'respondent.guardian': { 'zh-CN': '家长', en: 'the guardian' },
  'kind.universal': { 'zh-CN': '心理普测', en: 'universal screening' },
  'kind.intake': { 'zh-CN': '入学普测', en: 'intake screening' },
  'kind.targeted': { 'zh-CN': '分类测', en: 'targeted screening' },
  'kind.monitoring': { 'zh-CN': '重点监控测', en: 'monitoring' },

  // Shown before the questionnaire when a campaign gives no notice of its own.
  'notice.default': {
    'zh-CN':
      '这是一次学校组织的心理健康测评，用于了解同学们近期的心情和压力，以便及时提供帮助。测评不是考试，答案没有对错，也不计入成绩。你的回答只有学校心理教师可以查看，不会告诉同学。参加是自愿的，你可以选择不参加。14 周岁以下的同学须经家长同意后参加。如果你现在感到很难受，请拨打心理援助热线 12356 或告诉你信任的老师。',
    en: "This is a mental-health check organised by your school, to learn how students have been feeling lately so that help can come early. It is not a test: there are no right or wrong answers and nothing counts towards grades. Only the school's psychology teachers can see your answers; classmates never do. Taking part is voluntary and you may decline. Students under 14 take part only with a guardian's consent. If you feel very bad right now, call the 12356 helpline or tell a teacher you trust.",
  },
} satisfies Record<string, Record<Locale, string>>;

export type CampaignMessageKey = keyof typeof MESSAGES;

export function tc(key: CampaignMessageKey, locale: Locale, params: Record<string, string | number> = {}): string {
  return fillTemplate(MESSAGES[key][locale], params);
}

/** A field error already written in the caller's language; fields use JSON-pointer paths like the schema errors. */
export function fieldError(
  locale: Locale,
  field: string,
  key: CampaignMessageKey,
  params?: Record<string, string | number>,
): FieldError {
  return { field, key: 'field.invalid', message: tc(key, locale, params) };
}

export function invalid(errors: FieldError[]): Problem {
  return new Problem('validation', { errors });
}

/** A 409 whose detail says why in the caller's language; `code` lets the web react without parsing text. */
export function conflict(locale: Locale, key: CampaignMessageKey, params?: Record<string, string | number>): Problem {
  return new Problem('conflict', { detail: tc(key, locale, params), extra: { code: key } });
}
