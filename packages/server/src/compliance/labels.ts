import type { Role } from '@yuxin/core';
import type { Locale } from '../http/locale.js';
import type { ComplianceReport } from './report.js';

type Text = Record<Locale, string>;

const ROLE: Record<Role, Text> = {
  system_admin: { 'zh-CN': '系统管理员', en: 'System administrator' },
  city_staff: { 'zh-CN': '市心理健康指导中心', en: 'City guidance centre' },
  district_staff: { 'zh-CN': '区心理健康指导中心', en: 'District guidance centre' },
  school_leader: { 'zh-CN': '学校分管领导', en: 'School leader' },
  psych_teacher: { 'zh-CN': '心理教师', en: 'Psychology teacher' },
  head_teacher: { 'zh-CN': '班主任', en: 'Head teacher' },
  teacher: { 'zh-CN': '任课教师', en: 'Subject teacher' },
  dormitory_staff: { 'zh-CN': '宿管', en: 'Dormitory staff' },
  peer_supporter: { 'zh-CN': '心理委员', en: 'Peer supporter' },
  hospital_doctor: { 'zh-CN': '医院医生', en: 'Hospital doctor' },
  hotline_counselor: { 'zh-CN': '热线咨询员', en: 'Hotline counselor' },
  supervisor: { 'zh-CN': '督导', en: 'Supervisor' },
  guardian: { 'zh-CN': '监护人', en: 'Guardian' },
  student: { 'zh-CN': '学生', en: 'Student' },
};

/** What an audit action acts on: the part before the dot, and the kinds of records the audit names. */
const SUBJECT: Record<string, Text> = {
  student: { 'zh-CN': '学生档案', en: 'student records' },
  students: { 'zh-CN': '学生名单', en: 'student lists' },
  student_list: { 'zh-CN': '学生名单', en: 'student lists' },
  self: { 'zh-CN': '本人档案', en: 'own record' },
  response: { 'zh-CN': '测评作答', en: 'screening answers' },
  screening_response: { 'zh-CN': '测评作答', en: 'screening answers' },
  screening_results: { 'zh-CN': '测评结果', en: 'screening results' },
  screening: { 'zh-CN': '测评', en: 'screenings' },
  screening_assignment: { 'zh-CN': '测评任务', en: 'screening assignments' },
  tier: { 'zh-CN': '风险分级', en: 'risk tiers' },
  tier_assessment: { 'zh-CN': '风险分级', en: 'risk tiers' },
  tier_assessments: { 'zh-CN': '风险分级', en: 'risk tiers' },
  alert: { 'zh-CN': '预警', en: 'alerts' },
  alerts: { 'zh-CN': '预警', en: 'alerts' },
  case: { 'zh-CN': '个案', en: 'cases' },
  cases: { 'zh-CN': '个案', en: 'cases' },
  'case.timeline': { 'zh-CN': '个案时间线', en: 'case timelines' },
  followup: { 'zh-CN': '随访', en: 'follow-ups' },
  follow_up: { 'zh-CN': '随访', en: 'follow-ups' },
  follow_ups: { 'zh-CN': '随访', en: 'follow-ups' },
  referral: { 'zh-CN': '转介', en: 'referrals' },
  referrals: { 'zh-CN': '转介', en: 'referrals' },
  observation: { 'zh-CN': '观察记录', en: 'observations' },
  sweep: { 'zh-CN': '排查', en: 'sweeps' },
  sweep_item: { 'zh-CN': '排查条目', en: 'sweep items' },
  consent: { 'zh-CN': '知情同意', en: 'consents' },
  completion: { 'zh-CN': '完成情况', en: 'completion' },
  report: { 'zh-CN': '普测报告', en: 'screening reports' },
  compliance: { 'zh-CN': '合规报告', en: 'compliance reports' },
  audit: { 'zh-CN': '审计日志', en: 'audit log' },
  audit_log: { 'zh-CN': '审计日志', en: 'audit log' },
  account: { 'zh-CN': '账号', en: 'accounts' },
  paper: { 'zh-CN': '纸质问卷', en: 'paper forms' },
  notification: { 'zh-CN': '通知', en: 'notifications' },
  campaign: { 'zh-CN': '测评活动', en: 'campaigns' },
  supervision: { 'zh-CN': '督导记录', en: 'supervision records' },
  supervision_record: { 'zh-CN': '督导记录', en: 'supervision records' },
  roster: { 'zh-CN': '花名册', en: 'rosters' },
  staff: { 'zh-CN': '教职工', en: 'staff' },
  role_binding: { 'zh-CN': '角色授权', en: 'role grants' },
  school: { 'zh-CN': '学校', en: 'schools' },
  class: { 'zh-CN': '班级', en: 'classes' },
  district: { 'zh-CN': '区县', en: 'districts' },
  city: { 'zh-CN': '全市', en: 'city' },
  retention: { 'zh-CN': '保存期限', en: 'retention' },
};

/** How an audit action treats its subject; `{s}` is the subject. */
const VERB: Record<string, Text> = {
  read: { 'zh-CN': '查看{s}', en: 'Read {s}' },
  list: { 'zh-CN': '查询{s}', en: 'List {s}' },
  search: { 'zh-CN': '检索{s}', en: 'Search {s}' },
  students: { 'zh-CN': '查看{s}的学生', en: 'Read students of {s}' },
  subjects: { 'zh-CN': '查询{s}对象', en: 'List {s} subjects' },
  trajectory: { 'zh-CN': '查看{s}变化', en: 'Read {s} over time' },
  due: { 'zh-CN': '查看待做{s}', en: 'Read due {s}' },
  export: { 'zh-CN': '导出{s}', en: 'Export {s}' },
  export_fhir: { 'zh-CN': '以 FHIR 导出{s}', en: 'Export {s} as FHIR' },
  print: { 'zh-CN': '打印{s}', en: 'Print {s}' },
  import: { 'zh-CN': '导入{s}', en: 'Import {s}' },
  record: { 'zh-CN': '登记{s}', en: 'Record {s}' },
  write: { 'zh-CN': '修改{s}', en: 'Change {s}' },
  create: { 'zh-CN': '新建{s}', en: 'Create {s}' },
  update: { 'zh-CN': '修改{s}', en: 'Change {s}' },
  manage: { 'zh-CN': '管理{s}', en: 'Manage {s}' },
  review: { 'zh-CN': '复核{s}', en: 'Review {s}' },
  acknowledge: { 'zh-CN': '确认{s}', en: 'Acknowledge {s}' },
  grant: { 'zh-CN': '授予{s}', en: 'Grant {s}' },
  revoke: { 'zh-CN': '撤销{s}', en: 'Revoke {s}' },
  delete: { 'zh-CN': '删除{s}', en: 'Delete {s}' },
  purge: { 'zh-CN': '清除{s}', en: 'Purge {s}' },
  anonymize: { 'zh-CN': '匿名化{s}', en: 'Anonymize {s}' },
};

const CONSENT: Record<string, Text> = {
  guardian_consent: { 'zh-CN': '监护人知情同意', en: 'Guardian consent' },
  student_decline: { 'zh-CN': '学生拒绝参加', en: 'Student declined' },
};
const DECISION: Record<string, Text> = {
  granted: { 'zh-CN': '同意', en: 'Granted' },
  refused: { 'zh-CN': '不同意', en: 'Refused' },
  withdrawn: { 'zh-CN': '撤回', en: 'Withdrawn' },
  declined: { 'zh-CN': '拒绝', en: 'Declined' },
};
const TOLD: Record<string, Text> = {
  head_teacher: { 'zh-CN': '班主任', en: 'Head teacher' },
  guardian: { 'zh-CN': '监护人', en: 'Guardian' },
};
const ACCOUNT_KIND: Record<string, Text> = {
  staff: { 'zh-CN': '教职工', en: 'Staff' },
  student: { 'zh-CN': '学生', en: 'Student' },
  guardian: { 'zh-CN': '监护人', en: 'Guardian' },
};

/** An audit action in words: "查看学生档案" / "Read student records"; an action nobody named stays a code. */
function actionLabel(code: string, locale: Locale): string {
  const at = code.lastIndexOf('.');
  const subject = SUBJECT[code.slice(0, at)];
  const verb = VERB[code.slice(at + 1)];
  return subject && verb ? verb[locale].replace('{s}', subject[locale]) : code;
}

export type LabelCategory = 'role' | 'action' | 'target' | 'consent' | 'decision' | 'told' | 'accountKind';
const MAPS: Record<Exclude<LabelCategory, 'action'>, Record<string, Text>> = {
  role: ROLE,
  target: SUBJECT,
  consent: CONSENT,
  decision: DECISION,
  told: TOLD,
  accountKind: ACCOUNT_KIND,
};

/** The one naming of the report's codes, shared by the page (through the JSON) and the PDF and workbook. */
export function complianceLabel(category: LabelCategory, code: string, locale: Locale): string {
  if (category === 'action') return actionLabel(code, locale);
  return MAPS[category][code]?.[locale] ?? code;
}

export type ComplianceLabels = Record<LabelCategory, Record<string, string>>;

/** Every code the report holds, named in the caller's language. */
export function complianceLabels(r: ComplianceReport, locale: Locale): ComplianceLabels {
  const out: ComplianceLabels = {
    role: {},
    action: {},
    target: {},
    consent: {},
    decision: {},
    told: {},
    accountKind: {},
  };
  const add = (c: LabelCategory, code: string) => void (out[c][code] = complianceLabel(c, code, locale));
  for (const a of r.access) {
    for (const role of a.roles) add('role', role);
    add('target', a.targetType);
  }
  for (const e of r.exports) {
    add('role', e.role);
    add('action', e.action);
  }
  for (const c of r.consents) {
    add('consent', c.kind);
    add('decision', c.decision);
  }
  for (const d of r.disclosures) add('told', d.told);
  for (const x of r.retention) add('action', x.action);
  for (const a of r.accountsDisabled) add('accountKind', a.kind);
  for (const x of r.refusals) add('action', x.action);
  return out;
}
