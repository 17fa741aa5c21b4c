import { fillTemplate } from '../http/messages.js';
import type { Locale } from '../http/locale.js';

/** Text of the screening reports and their exported files. */
const MESSAGES = {
  'unit.not-reportable': {
    'zh-CN': '报告只按市、区或学校查看。',
    en: 'Reports are for a city, a district or a school.',
  },
  'unit.other-city': { 'zh-CN': '该单位不在本次普测所属的城市。', en: 'This unit is not in the campaign’s city.' },
  title: { 'zh-CN': '{unit} · {campaign} · 报告', en: '{unit} · {campaign} · report' },
  'sheet.participation': { 'zh-CN': '参与情况', en: 'Participation' },
  'sheet.tiers': { 'zh-CN': '分级分布', en: 'Tiers' },
  'sheet.bands': { 'zh-CN': '量表分段', en: 'Bands' },
  'sheet.comparison': { 'zh-CN': '对比与趋势', en: 'Comparison and trend' },
  'sheet.critical': { 'zh-CN': '危机条目', en: 'Critical flags' },
  'sheet.alerts': { 'zh-CN': '预警处置', en: 'Alert handling' },
  'sheet.students': { 'zh-CN': '需关注学生', en: 'Students to follow' },
  'section.participation': {
    'zh-CN': '参与情况（应测 / 完成 / 无效）',
    en: 'Participation (invited / completed / invalid)',
  },
  'section.tiers': { 'zh-CN': '确认分级分布', en: 'Confirmed tiers' },
  'section.tiers-by': { 'zh-CN': '确认分级 · 按{dimension}', en: 'Confirmed tiers by {dimension}' },
  'section.bands': { 'zh-CN': '{instrument} 分段 · 按{dimension}', en: '{instrument} bands by {dimension}' },
  'section.comparison': { 'zh-CN': '与上级对比', en: 'Compared with the level above' },
  'section.trend': { 'zh-CN': '历次普测趋势', en: 'Trend over earlier campaigns' },
  'section.critical': { 'zh-CN': '危机条目（份数）', en: 'Critical flags (responses)' },
  'section.alerts': { 'zh-CN': '预警处置', en: 'Alert handling' },
  'section.students': { 'zh-CN': '需关注学生（二、三级）', en: 'Students to follow (tiers 2 and 3)' },
  'note.suppressed': {
    'zh-CN': '“—”表示少于 5 人或为防推算而隐藏的数字。',
    en: '“—” marks a count below 5 students, or one hidden so that such a count cannot be worked out.',
  },
  'dim.unit.city': { 'zh-CN': '区', en: 'district' },
  'dim.unit.district': { 'zh-CN': '学校', en: 'school' },
  'dim.unit.school': { 'zh-CN': '年级', en: 'grade' },
  'dim.grade': { 'zh-CN': '年级', en: 'grade' },
  'dim.gender': { 'zh-CN': '性别', en: 'gender' },
  'dim.stage': { 'zh-CN': '学段', en: 'stage' },
  'dim.care_tag': { 'zh-CN': '关爱标签', en: 'care tag' },
  'col.unit': { 'zh-CN': '单位', en: 'Unit' },
  'col.total': { 'zh-CN': '合计', en: 'Total' },
  'col.invited': { 'zh-CN': '应测', en: 'Invited' },
  'col.valid': { 'zh-CN': '有效完成', en: 'Completed, valid' },
  'col.invalid': { 'zh-CN': '无效', en: 'Invalid' },
  'col.not_completed': { 'zh-CN': '未完成', en: 'Not completed' },
  'col.tier1': { 'zh-CN': '一级', en: 'Tier 1' },
  'col.tier2': { 'zh-CN': '二级', en: 'Tier 2' },
  'col.tier3': { 'zh-CN': '三级', en: 'Tier 3' },
  'col.on_time': { 'zh-CN': '按时确认', en: 'Acknowledged on time' },
  'col.late': { 'zh-CN': '超时确认', en: 'Acknowledged late' },
  'col.open': { 'zh-CN': '未确认', en: 'Not acknowledged' },
  'col.case_opened': { 'zh-CN': '已立案', en: 'Cases opened' },
  'col.ack_minutes': { 'zh-CN': '平均确认用时（分钟）', en: 'Mean minutes to acknowledge' },
  'col.completion_rate': { 'zh-CN': '完成率', en: 'Completion rate' },
  'col.campaign': { 'zh-CN': '普测', en: 'Campaign' },
  'col.name': { 'zh-CN': '姓名', en: 'Name' },
  'col.student_no': { 'zh-CN': '学籍号', en: 'Student no.' },
  'col.class': { 'zh-CN': '班级', en: 'Class' },
  'col.tier': { 'zh-CN': '分级', en: 'Tier' },
  'gender.male': { 'zh-CN': '男', en: 'Male' },
  'gender.female': { 'zh-CN': '女', en: 'Female' },
  'stage.primary': { 'zh-CN': '小学', en: 'Primary' },
  'stage.junior': { 'zh-CN': '初中', en: 'Junior secondary' },
  'stage.senior': { 'zh-CN': '高中', en: 'Senior secondary' },
  'stage.nine_year': { 'zh-CN': '九年一贯制', en: 'Nine-year school' },
  'stage.complete_secondary': { 'zh-CN': '完全中学', en: 'Complete secondary' },
  'stage.vocational': { 'zh-CN': '中职', en: 'Vocational' },
  'stage.unknown': { 'zh-CN': '未注明', en: 'Not set' },
  'care.left_behind': { 'zh-CN': '留守', en: 'Left-behind' },
  'care.migrant': { 'zh-CN': '随迁', en: 'Migrant' },
  'care.single_parent': { 'zh-CN': '单亲', en: 'Single parent' },
  'care.disability': { 'zh-CN': '残疾', en: 'Disability' },
  'care.low_income': { 'zh-CN': '低保', en: 'Low income' },
  'care.bereaved': { 'zh-CN': '丧亲', en: 'Bereaved' },
  'care.bullied': { 'zh-CN': '受欺凌', en: 'Bullied' },
  'this.unit': { 'zh-CN': '本单位', en: 'This unit' },
  'file.report': { 'zh-CN': '普测报告', en: 'screening-report' },
} satisfies Record<string, Record<Locale, string>>;

export type ReportMessageKey = keyof typeof MESSAGES;

export function tr(key: ReportMessageKey, locale: Locale, params: Record<string, string | number> = {}): string {
  return fillTemplate(MESSAGES[key][locale], params);
}

/** A label for a category key, falling back to the key itself (care tags a city added, say). */
export function categoryLabel(kind: 'gender' | 'stage' | 'care', key: string, locale: Locale): string {
  const k = `${kind}.${key}` as ReportMessageKey;
  return k in MESSAGES ? tr(k, locale) : key;
}
