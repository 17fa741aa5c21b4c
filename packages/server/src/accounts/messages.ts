import { fillTemplate } from '../http/messages.js';
import type { Locale } from '../http/locale.js';

/**
 * Text of the account-administration area: credential slips and sheets, and refusals that the shared
 * catalog does not carry. Kept apart from http/messages.ts so this area can grow without touching it.
 */
const MESSAGES = {
  'slip.title': { 'zh-CN': '育心 · 学生账号', en: 'Yuxin · Student account' },
  'slip.school': { 'zh-CN': '学校', en: 'School' },
  'slip.class': { 'zh-CN': '班级', en: 'Class' },
  'slip.name': { 'zh-CN': '姓名', en: 'Name' },
  'slip.username': { 'zh-CN': '用户名（学籍号）', en: 'Username (student no.)' },
  'slip.password': { 'zh-CN': '初始密码', en: 'Initial password' },
  'slip.url': { 'zh-CN': '登录网址', en: 'Sign in at' },
  // The Chinese instruction is printed on every slip: the children read Chinese whatever the printer's language.
  'slip.instruction.zh': {
    'zh-CN': '首次登录须修改密码；请妥善保管，勿告诉他人。',
    en: '首次登录须修改密码；请妥善保管，勿告诉他人。',
  },
  'slip.instruction.en': {
    'zh-CN': 'You must change this password at first sign-in. Keep it safe and tell no one.',
    en: 'You must change this password at first sign-in. Keep it safe and tell no one.',
  },
  'slip.pdf-title': { 'zh-CN': '{className} 学生账号', en: '{className} student accounts' },
  'sheet.name': { 'zh-CN': '学生账号', en: 'Student accounts' },
  'file.accounts': { 'zh-CN': '账号', en: 'accounts' },
  'batch.none': {
    'zh-CN': '本班近 {days} 天没有发放过账号，请先发放。',
    en: 'No accounts were issued for this class in the last {days} days; issue them first.',
  },

  'grant.student-account-role': {
    'zh-CN': '学生账号只能被授予“心理委员”角色。',
    en: 'A student account can only be given the peer supporter role.',
  },
  'grant.peer-own-class': {
    'zh-CN': '心理委员只能绑定到该学生本人所在的班级。',
    en: "A peer supporter can only be bound to the student's own class.",
  },
  'grant.staff-peer-role': {
    'zh-CN': '“心理委员”是学生角色，不能授予教职工账号。',
    en: 'Peer supporter is a student role and cannot be given to a staff account.',
  },
  'grant.guardian-account': {
    'zh-CN': '家长账号不能被授予其他角色。',
    en: 'A guardian account cannot be given other roles.',
  },
  'grant.roster-managed': {
    'zh-CN': '学生和家长的角色由花名册和账号流程管理，不能在此撤销。',
    en: 'Student and guardian roles are managed by the roster and account flows and cannot be revoked here.',
  },
  'grant.unknown-scope': { 'zh-CN': '找不到这个组织或医院。', en: 'No such organisation unit or hospital.' },
} satisfies Record<string, Record<Locale, string>>;

export type AccountMessageKey = keyof typeof MESSAGES;

export function ta(key: AccountMessageKey, locale: Locale, params: Record<string, string | number> = {}): string {
  return fillTemplate(MESSAGES[key][locale], params);
}
