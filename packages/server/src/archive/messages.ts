import type { ArchiveSection } from '@yuxin/core';
import type { Locale } from '../http/locale.js';
import { fillTemplate } from '../http/messages.js';
import { Problem } from '../http/problem.js';

type Catalog = Record<string, { 'zh-CN': string; en: string }>;

/** Texts of the archive: refusals of family and home-contact records, and the PDF's headings. */
const MESSAGES = {
  'text.required': { 'zh-CN': '请填写此项。', en: 'Fill in this part.' },
  'date.future': { 'zh-CN': '家访日期不能晚于今天。', en: 'The contact cannot be dated after today.' },
  'pdf.title': { 'zh-CN': '{name} 心理成长档案', en: 'Mental health archive of {name}' },
  'pdf.generated': {
    'zh-CN': '导出时间：{at}（保密，仅限本校心理教师）',
    en: 'Exported {at} (confidential, psychology teachers only)',
  },
  'pdf.none': { 'zh-CN': '暂无记录', en: 'No records' },
  'pdf.studentNo': { 'zh-CN': '学籍号', en: 'Student no.' },
  'pdf.class': { 'zh-CN': '班级', en: 'Class' },
  'pdf.careTags': { 'zh-CN': '关爱标签', en: 'Care tags' },
  'pdf.tier.current': { 'zh-CN': '当前确认分级：{tier}', en: 'Confirmed tier: {tier}' },
  'pdf.tier.none': { 'zh-CN': '尚未确认分级', en: 'No tier confirmed yet' },
  'pdf.family': { 'zh-CN': '家庭情况', en: 'Family situation' },
  'pdf.growth': { 'zh-CN': '成长环境与经历', en: 'Growth environment and history' },
  'pdf.version': { 'zh-CN': '第 {version} 版，{by}，{at}', en: 'Version {version}, {by}, {at}' },
  'pdf.handover.caseOpen': { 'zh-CN': '个案随学生移交', en: 'open case handed over' },
  'pdf.handover.followUp': { 'zh-CN': '随访需要', en: 'Follow-up needs' },
  'pdf.handover.attention': { 'zh-CN': '建议关注', en: 'Recommended attention' },
  'pdf.handover.signed': { 'zh-CN': '{by} 签发于 {at}', en: 'Signed by {by} on {at}' },
  'mode.visit': { 'zh-CN': '上门家访', en: 'Home visit' },
  'mode.phone': { 'zh-CN': '电话家访', en: 'Phone call' },
  'mode.online': { 'zh-CN': '线上家访', en: 'Online meeting' },
  'section.profile': { 'zh-CN': '基本信息', en: 'Profile' },
  'section.screenings': { 'zh-CN': '心理测评轨迹', en: 'Screenings over time' },
  'section.tiers': { 'zh-CN': '风险分级及历史', en: 'Confirmed tiers and history' },
  'section.observations': { 'zh-CN': '观察记录', en: 'Observations' },
  'section.cases': { 'zh-CN': '个案', en: 'Cases' },
  'section.referrals': { 'zh-CN': '转介', en: 'Referrals' },
  'section.handover': { 'zh-CN': '转接摘要', en: 'Hand-over summaries' },
  'section.family': { 'zh-CN': '家庭情况与成长经历', en: 'Family situation and growth history' },
  'section.homeContacts': { 'zh-CN': '家访记录', en: 'Home contacts' },
} satisfies Catalog & Record<`section.${ArchiveSection}`, unknown>;

export type ArchiveMessageKey = keyof typeof MESSAGES;

export function am(key: ArchiveMessageKey, locale: Locale, params: Record<string, string | number> = {}): string {
  return fillTemplate((MESSAGES as Catalog)[key]![locale], params);
}

/** A 400 naming the field, in the caller's language. */
export function archiveFieldProblem(locale: Locale, field: string, key: ArchiveMessageKey): Problem {
  const message = am(key, locale);
  return new Problem('validation', { detail: message, errors: [{ field, key: 'field.invalid', message }] });
}
