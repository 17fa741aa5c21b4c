import type { Locale } from '../../http/locale.js';
import { fillTemplate } from '../../http/messages.js';
import { Problem, type FieldError } from '../../http/problem.js';

/**
 * Text of the instrument library, the scoring endpoint and FHIR import. Kept apart from http/messages.ts so
 * this area can grow without touching the shared catalog.
 */
const MESSAGES = {
  'instrument.unknown': { 'zh-CN': '量表“{code}”不存在。', en: 'There is no instrument "{code}".' },
  'instrument.unknown-version': {
    'zh-CN': '量表“{code}”没有第 {version} 版。',
    en: 'The instrument "{code}" has no version {version}.',
  },

  // Scoring input, one message per answer position so a paper form can be corrected item by item.
  'answers.wrong-length': {
    'zh-CN': '{instrument} 需要 {expected} 个答案，收到 {received} 个。',
    en: '{instrument} needs {expected} answers; received {received}.',
  },
  'answers.out-of-range': {
    'zh-CN': '第 {item} 题的答案 {answer} 不在允许范围（{allowed}）内。',
    en: 'Item {item}: answer {answer} is not one of the allowed values ({allowed}).',
  },
  'answers.not-integer': {
    'zh-CN': '第 {item} 题的答案 {answer} 不是整数；请填写选项代码（{allowed}），未作答填 null。',
    en: 'Item {item}: answer {answer} is not an integer; give an option code ({allowed}), or null when unanswered.',
  },

  // Definition edits. Each problem `checkDefinition` can report, named in the editor's words.
  'definition.code-mismatch': {
    'zh-CN': '定义中的代码“{given}”与要修改的量表“{code}”不一致。',
    en: 'The definition\'s code "{given}" is not the instrument being edited ("{code}").',
  },
  'definition.missing-rule': {
    'zh-CN': '缺答处理方式为“{treatment}”时必须给出 maxMissing（最多允许未答的题数）。',
    en: 'With the missing-answer treatment "{treatment}", maxMissing (how many items may be blank) is required.',
  },
  'definition.code': {
    'zh-CN': '量表代码“{code}”只能由小写字母、数字和下划线组成，并以字母开头。',
    en: 'The instrument code "{code}" must be lowercase letters, digits and underscores, starting with a letter.',
  },
  'definition.version': { 'zh-CN': '版本号必须是正整数。', en: 'The version must be a positive integer.' },
  'definition.bilingual': {
    'zh-CN': '名称和指导语都需要中文和英文。',
    en: 'The name and the instructions need both Chinese and English.',
  },
  'definition.no-items': { 'zh-CN': '至少需要一道题。', en: 'At least one item is needed.' },
  'definition.item-number': {
    'zh-CN': '题目 {id} 的序号是 {number}，按排列顺序应为 {expected}。',
    en: 'Item {id} has number {number}; by its position it should be {expected}.',
  },
  'definition.item-duplicate-id': { 'zh-CN': '题目 ID“{id}”重复。', en: 'The item id "{id}" is used twice.' },
  'definition.item-duplicate-link': {
    'zh-CN': '题目 {id} 的 linkId“{linkId}”与其他题目重复。',
    en: 'Item {id}: the linkId "{linkId}" is used twice.',
  },
  'definition.item-reserved-link': {
    'zh-CN': '题目 {id} 的 linkId“{linkId}”是系统保留的，请换一个。',
    en: 'Item {id}: the linkId "{linkId}" is reserved; choose another.',
  },
  'definition.item-text': {
    'zh-CN': '题目 {id} 需要中文和英文题干。',
    en: 'Item {id} needs both Chinese and English text.',
  },
  'definition.item-no-options': { 'zh-CN': '题目 {id} 没有选项。', en: 'Item {id} has no answer options.' },
  'definition.item-option-code': {
    'zh-CN': '题目 {id} 的选项代码必须是整数。',
    en: 'Item {id}: option codes must be integers.',
  },
  'definition.item-duplicate-codes': {
    'zh-CN': '题目 {id} 的选项代码有重复。',
    en: 'Item {id}: two options have the same code.',
  },
  'definition.item-option-label': {
    'zh-CN': '题目 {id} 的每个选项都需要中文和英文。',
    en: 'Item {id}: every option needs Chinese and English labels.',
  },
  'definition.item-subscale': {
    'zh-CN': '题目 {id} 不属于任何已定义的分量表。',
    en: 'Item {id} belongs to no defined subscale.',
  },
  'definition.band-duplicate': { 'zh-CN': '分级 ID 有重复。', en: 'Two bands have the same id.' },
  'definition.band-start': {
    'zh-CN': '分级“{band}”从 {min} 开始，应从 {expected} 开始：分级必须连续、不重叠地覆盖所有可能的分数。',
    en: 'Band "{band}" starts at {min}, expected {expected}: bands must cover every possible score without gaps or overlaps.',
  },
  'definition.band-empty': { 'zh-CN': '分级“{band}”的上限小于下限。', en: 'Band "{band}" ends before it starts.' },
  'definition.bands-end': {
    'zh-CN': '分级到 {end} 为止，但最高可能分数是 {expected}。',
    en: 'The bands end at {end}, but the highest possible score is {expected}.',
  },
  'definition.missing-all': {
    'zh-CN': '缺答规则不能允许所有题目都不作答。',
    en: 'The missing-answer rule cannot allow every item to be blank.',
  },
  'definition.critical-item': {
    'zh-CN': '危机规则 {flag} 指向不存在的第 {item} 题。',
    en: 'The critical rule {flag} names item {item}, which does not exist.',
  },
  'definition.multiplier': { 'zh-CN': '换算倍数必须大于 0。', en: 'The multiplier must be greater than 0.' },
  'definition.subscale-empty': {
    'zh-CN': '分量表“{subscale}”没有题目。',
    en: 'The subscale "{subscale}" has no items.',
  },
  'definition.asq-item': {
    'zh-CN': 'ASQ 规则指向不存在的第 {item} 题。',
    en: 'The ASQ rule names item {item}, which does not exist.',
  },
  'definition.asq-yes': {
    'zh-CN': '“是”的选项代码（yesCode）必须出现在每道题的选项中。',
    en: 'The "yes" option code (yesCode) must be an option of every item.',
  },
  'definition.other': { 'zh-CN': '量表定义不一致：{problem}', en: 'The definition is inconsistent: {problem}' },

  // FHIR import.
  'fhir.not-questionnaire': {
    'zh-CN': '提交的内容不是 FHIR Questionnaire 资源（resourceType 应为“Questionnaire”）。',
    en: 'This is not a FHIR Questionnaire resource (resourceType must be "Questionnaire").',
  },
  'fhir.not-yuxin': {
    'zh-CN': '只能导入由育心导出的 Questionnaire：它的地址（url）或量表元数据扩展不是育心的，无法得知计分规则。',
    en: "Only Questionnaires exported by Yuxin can be imported: its url or instrument metadata extension is not Yuxin's, so the scoring rule is unknown.",
  },
  'fhir.unconvertible': {
    'zh-CN': '无法把该 FHIR Questionnaire 转换为量表：{reason}',
    en: 'This FHIR Questionnaire cannot be converted into an instrument: {reason}',
  },
  'fhir.unreadable': {
    'zh-CN': '无法读取该 Questionnaire 中的计分规则（可能是本平台不支持的计分方式）。',
    en: 'The scoring rule in this Questionnaire cannot be read (it may be a scoring kind this platform does not support).',
  },
  'fhir.invalid-definition': {
    'zh-CN': '该 FHIR Questionnaire 转换出的量表定义无效，请检查列出的问题。',
    en: 'The instrument read from this FHIR Questionnaire is not valid; see the listed problems.',
  },
} satisfies Record<string, Record<Locale, string>>;

export type InstrumentMessageKey = keyof typeof MESSAGES;

export function im(key: InstrumentMessageKey, locale: Locale, params: Record<string, string | number> = {}): string {
  return fillTemplate(MESSAGES[key][locale], params);
}

/** A field error already written in the caller's language; fields are JSON pointers like the schema errors. */
export function fieldError(
  locale: Locale,
  field: string,
  key: InstrumentMessageKey,
  params?: Record<string, string | number>,
): FieldError {
  return { field, key: 'field.invalid', message: im(key, locale, params) };
}

/** 400 listing every field error; `detail` overrides the generic summary when one sentence says more. */
export function invalid(errors: FieldError[], detail?: string): Problem {
  return new Problem('validation', { errors, ...(detail !== undefined ? { extra: { detail } } : {}) });
}

/** 400 without field errors, for a body that cannot be read as a whole (e.g. not a Questionnaire). */
export function badInput(locale: Locale, key: InstrumentMessageKey, params?: Record<string, string | number>): Problem {
  return new Problem('validation', { detail: im(key, locale, params), extra: { code: key } });
}

/** 404 that says which instrument or version is missing. */
export function instrumentNotFound(locale: Locale, code: string, version?: number): Problem {
  const detail =
    version === undefined
      ? im('instrument.unknown', locale, { code })
      : im('instrument.unknown-version', locale, { code, version });
  return new Problem('not-found', { extra: { detail } });
}
