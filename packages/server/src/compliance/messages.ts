import { fillTemplate } from '../http/messages.js';
import type { Locale } from '../http/locale.js';

const MESSAGES = {
  title: { 'zh-CN': '{unit} · {year} 年度合规报告', en: '{unit} · compliance report {year}' },
  note: {
    'zh-CN': '依据审计日志与相关记录生成；仅含教职工账号与计数，不含学生信息。',
    en: 'Built from the audit log and the records it points to; staff accounts and counts only, no student appears.',
  },
  'sheet.access': { 'zh-CN': '记录访问', en: 'Access' },
  'sheet.exports': { 'zh-CN': '数据导出', en: 'Exports' },
  'sheet.consents': { 'zh-CN': '知情同意', en: 'Consent' },
  'sheet.disclosures': { 'zh-CN': '信息披露', en: 'Disclosures' },
  'sheet.retention': { 'zh-CN': '保存与删除', en: 'Retention' },
  'sheet.accounts': { 'zh-CN': '账号停用', en: 'Accounts disabled' },
  'sheet.refusals': { 'zh-CN': '被拒绝的操作', en: 'Refused actions' },
  'col.username': { 'zh-CN': '账号', en: 'Account' },
  'col.role': { 'zh-CN': '角色', en: 'Role' },
  'col.target': { 'zh-CN': '记录类型', en: 'Kind of record' },
  'col.events': { 'zh-CN': '次数', en: 'Events' },
  'col.users': { 'zh-CN': '人数', en: 'People' },
  'col.action': { 'zh-CN': '操作', en: 'Action' },
  'col.outcome': { 'zh-CN': '结果', en: 'Outcome' },
  'col.kind': { 'zh-CN': '类别', en: 'Kind' },
  'col.decision': { 'zh-CN': '决定', en: 'Decision' },
  'col.count': { 'zh-CN': '数量', en: 'Count' },
  'col.told': { 'zh-CN': '告知对象', en: 'Told' },
  'consents.held': { 'zh-CN': '年末有效的监护人同意', en: 'Guardian consents in force at year end' },
  none: { 'zh-CN': '（无）', en: '(none)' },
  'file.name': { 'zh-CN': '合规报告', en: 'compliance-report' },
} satisfies Record<string, Record<Locale, string>>;

export type ComplianceMessageKey = keyof typeof MESSAGES;

export function tcm(key: ComplianceMessageKey, locale: Locale, params: Record<string, string | number> = {}): string {
  return fillTemplate(MESSAGES[key][locale], params);
}
