import type { Locale } from '../http/locale.js';
import { fillTemplate } from '../http/messages.js';
import { Problem, type ProblemKind } from '../http/problem.js';

type Catalog = Record<string, { 'zh-CN': string; en: string }>;

/** Texts of cases, referrals and sweeps: why a step is refused, in the words of the people doing it. */
const MESSAGES = {
  'guard.wrong_state': {
    'zh-CN': '个案当前处于“{state}”阶段，不能执行此步骤。',
    en: 'The case is at the "{state}" stage; this step is not possible now.',
  },
  'guard.assessment_missing': {
    'zh-CN': '请先完成评估（访谈记录、风险等级及依据）。',
    en: 'Record the assessment first (interview, risk level and reasons).',
  },
  'guard.plan_missing': { 'zh-CN': '请先制定帮扶方案（一人一策）。', en: 'Write the care plan first.' },
  'guard.helpers_missing': {
    'zh-CN': '请为学生指定至少一名帮扶人（一人一帮）。',
    en: 'Name at least one helper for the student.',
  },
  'guard.leader_review_missing': {
    'zh-CN': '本市规定转介前须经学校领导研判，请先提交研判。',
    en: "The city requires the school leader's review before a referral.",
  },
  'guard.leader_review_declined': {
    'zh-CN': '学校领导研判结论为暂不转介。',
    en: "The school leader's review decided against a referral.",
  },
  'guard.referral_missing': { 'zh-CN': '尚未填写转介单。', en: 'No referral has been written.' },
  'guard.referral_open': { 'zh-CN': '该个案已有进行中的转介。', en: 'This case already has a referral in progress.' },
  'guard.active_case_exists': {
    'zh-CN': '该学生已有进行中的个案，请在该个案中继续。',
    en: 'The student already has an active case; continue there.',
  },
  'guard.consent_missing': {
    'zh-CN': '尚未记录监护人对转介的知情同意。',
    en: "The guardian's consent to the referral has not been recorded.",
  },
  'guard.feedback_missing': { 'zh-CN': '医院尚未反馈就诊情况。', en: 'The hospital has not given feedback yet.' },
  'guard.return_record_missing': {
    'zh-CN': '学生曾住院治疗，复学须有医院证明、学校复评和复学方案。',
    en: "The student was admitted: returning needs the hospital's certificate, the school's re-assessment and a return plan.",
  },
  'guard.follow_ups_missing': { 'zh-CN': '请先安排跟踪随访计划。', en: 'Schedule the follow-ups first.' },
  'guard.follow_ups_open': { 'zh-CN': '还有 {count} 次随访未完成。', en: '{count} follow-up(s) are not done yet.' },
  'guard.conclusion_missing': { 'zh-CN': '结案须填写结案结论。', en: 'Closing needs a conclusion.' },
  'guard.guardian_not_informed': {
    'zh-CN': '结案前须告知监护人并记录。',
    en: 'The guardian must be informed (and it recorded) before closing.',
  },
  'guard.reason_missing': { 'zh-CN': '请说明理由。', en: 'Please give a reason.' },

  'state.open': { 'zh-CN': '已建案', en: 'opened' },
  'state.assessing': { 'zh-CN': '评估中', en: 'assessing' },
  'state.intervening': { 'zh-CN': '干预中', en: 'intervening' },
  'state.referred': { 'zh-CN': '已转介', en: 'referred' },
  'state.following_up': { 'zh-CN': '跟踪随访', en: 'following up' },
  'state.closing': { 'zh-CN': '待审批结案', en: 'awaiting closure approval' },
  'state.closed': { 'zh-CN': '已结案', en: 'closed' },

  'open.alerts-differ': {
    'zh-CN': '所选预警属于不同学生，一个个案只对应一名学生。',
    en: 'The alerts belong to different students; a case is about one student.',
  },
  'staff.not-eligible': {
    'zh-CN': '只能指定本校心理教师、学校领导或该生班主任。',
    en: "Name a psychology teacher or leader of the student's school, or the student's own head teacher.",
  },
  'hospital.unknown': { 'zh-CN': '合作医院不存在。', en: 'No such partner hospital.' },
  'referral.no-feedback': {
    'zh-CN': '医院尚未反馈，不能办理复学。',
    en: 'The hospital has not given feedback; return to school cannot be recorded yet.',
  },
  'referral.certificate-required': {
    'zh-CN': '学生曾住院，复学须填写医院证明编号。',
    en: 'The student was admitted: the hospital certificate reference is required.',
  },
  'referral.no-consent': {
    'zh-CN': '监护人尚未同意转介，医院不能反馈。',
    en: 'The guardian has not consented to the referral; the hospital cannot answer it yet.',
  },
  'referral.consent-recorded': {
    'zh-CN': '监护人同意已记录。',
    en: "The guardian's consent is already recorded.",
  },
  'referral.returned': {
    'zh-CN': '该转介已办结复学，不能再修改。',
    en: 'This referral is finished (returned to school) and can no longer change.',
  },
  'occurred.in_future': {
    'zh-CN': '发生时间不能晚于现在。',
    en: 'The time it happened cannot be in the future.',
  },
  'occurred.before_case': {
    'zh-CN': '发生时间不能早于开案时间。',
    en: 'The time it happened cannot be before the case was opened.',
  },
  'method.required': {
    'zh-CN': '请选择与监护人联系的方式（电话、家访、面谈或线上）。',
    en: 'Choose how the guardian was reached (phone, home visit, meeting or online).',
  },
  'referral.ended': {
    'zh-CN': '该转介已撤销或已改转其他医院，不能再修改。',
    en: 'This referral was cancelled or re-routed to another hospital and can no longer change.',
  },
  'referral.admitted': {
    'zh-CN': '学生已住院，不能撤销或改转；请在出院后办理复学。',
    en: 'The student was admitted: the referral cannot be cancelled or re-routed; record the return to school after discharge.',
  },
  'referral.reason-required': { 'zh-CN': '请填写理由。', en: 'Please give a reason.' },
  'referral.same-hospital': {
    'zh-CN': '请选择另一家合作医院。',
    en: 'Choose a different partner hospital.',
  },
  'referral.not-admitted': {
    'zh-CN': '反馈未写明住院，不能登记住院信息。',
    en: 'The feedback does not say the student was admitted; no hospital stay can be recorded.',
  },
  'referral.discharge-order': {
    'zh-CN': '出院日期不能早于入院日期。',
    en: 'The discharge cannot be before the admission.',
  },
  'referral.discharge-missing': {
    'zh-CN': '出院小结和复学证明须随出院日期一并填写。',
    en: 'The discharge summary and the return-to-school certificate come with the discharge date.',
  },
  // A referral notice may go out by SMS: the school and the referral's urgency, never the student's name.
  'notice.referral.title': { 'zh-CN': '收到新的转介', en: 'New referral received' },
  'notice.referral.body': {
    'zh-CN': '{school} 转介了一名学生（{track}），监护人已同意，请在育心平台查看转介单。',
    en: '{school} referred a student ({track}); the guardian has consented. Open the referral in Yuxin.',
  },
  'referral.proxy-reason-required': {
    'zh-CN': '该生监护人可在手机上自行确认，代为登记须说明理由（如：家长当面签署纸质同意书）。',
    en: 'The guardian can decide on the phone themself; say why you record it on their behalf (e.g. a signed paper form).',
  },
  'referral.guardian-already-consented': {
    'zh-CN': '监护人同意已记录，如需撤回请联系学校。',
    en: 'Your consent is already recorded; to take it back, contact the school.',
  },
  // To a guardian's phone: no case, no reason, no child's name (an SMS may be read by others).
  'notice.guardian-referral.title': { 'zh-CN': '请确认转介知情同意', en: 'A referral awaits your consent' },
  'notice.guardian-referral.body': {
    'zh-CN': '{school} 建议将您的孩子转介至合作医院，请在育心平台“我的家庭”中查看并作出决定。',
    en: '{school} proposes a referral of your child to a partner hospital. Open "My family" in Yuxin to decide.',
  },
  'notice.guardian-refused.title': { 'zh-CN': '监护人未同意转介', en: 'The guardian refused the referral' },
  'notice.guardian-refused.body': {
    'zh-CN': '{school}：个案 {ref} 的监护人在手机上未同意转介，请与家长沟通后撤销或改转。',
    en: '{school}: the guardian of case {ref} refused the referral on the phone. Talk with the family, then cancel or re-route it.',
  },
  // The consent text the guardian reads before deciding: what is shared, with whom, for how long.
  'consent.referral.text': {
    'zh-CN':
      '我同意{school}将我的孩子{child}转介至{hospital}，并同意学校向该院接诊医生提供：转介原因、学校的情况摘要和近期心理筛查结果。本同意仅适用于{hospital}；医生将把就诊与住院情况反馈给学校，用于孩子的复学与后续关爱。我可以随时联系学校撤回同意。',
    en: "I agree that {school} refers my child {child} to {hospital} and shares with its doctors the reason for the referral, the school's summary and recent screening results. This consent covers {hospital} only; the doctors report visits and any admission back to the school for the return to school and further care. I can take it back at any time by contacting the school.",
  },
  'notice.referral.fast': { 'zh-CN': '绿色通道', en: 'fast track' },
  'notice.referral.normal': { 'zh-CN': '普通', en: 'routine' },
  'notice.review.title': { 'zh-CN': '个案等待研判', en: 'A case awaits your review' },
  'notice.review.body': {
    'zh-CN': '{school}：个案 {ref} 已进入干预阶段，转介前须由学校领导研判，请在育心平台处理。',
    en: "{school}: case {ref} is in intervention; a referral needs the school leader's review first. Open it in Yuxin.",
  },
  'notice.closure.title': { 'zh-CN': '结案申请等待审批', en: 'A closure awaits your approval' },
  'notice.closure.body': {
    'zh-CN': '{school}：个案 {ref} 已申请结案，请在育心平台审批。',
    en: '{school}: case {ref} asks for closure. Approve or return it in Yuxin.',
  },
  'notice.helper.title': { 'zh-CN': '您被指定为个案帮扶人', en: 'You were named a helper on a case' },
  'notice.helper.body': {
    'zh-CN': '{school}：个案 {ref} 的帮扶方案将您列为帮扶人，请在育心平台查看。',
    en: '{school}: the care plan of case {ref} names you as a helper. See it in Yuxin.',
  },
  'notice.followups.title': { 'zh-CN': '您有新的随访任务', en: 'Follow-ups were given to you' },
  'notice.followups.body': {
    'zh-CN': '{school}：个案 {ref} 的随访由您负责，请按时完成并在育心平台记录。',
    en: '{school}: you are responsible for the follow-ups of case {ref}; record each in Yuxin when done.',
  },
  'decision.review-state': {
    'zh-CN': '研判须在干预阶段、转介之前进行。',
    en: 'The review happens during intervention, before a referral.',
  },
  'decision.closure-state': { 'zh-CN': '个案未提交结案申请。', en: 'The case has not asked for closure.' },
  'case.closed': { 'zh-CN': '个案已结案；如需继续，请先重新开案。', en: 'The case is closed; reopen it to continue.' },
  'case.early': { 'zh-CN': '请先开始评估。', en: 'Start the assessment first.' },
  'followup.not-yours': { 'zh-CN': '这次随访不是分配给您的。', en: 'This follow-up is not assigned to you.' },
  'schedule.invalid': { 'zh-CN': '随访计划无效：{why}', en: 'The follow-up schedule is not valid: {why}' },
  // No student name in it: campaign names are shown to everyone who reads campaigns.
  'monitoring.name': { 'zh-CN': '重点监控测（个案复测）{date}', en: 'Monitoring re-screen (case) {date}' },
  // Follow-up notices may go out by SMS: the case number and the date, never the student's name.
  'notice.overdue.title': { 'zh-CN': '随访已逾期', en: 'Follow-up overdue' },
  'notice.overdue.body': {
    'zh-CN': '{school}：个案 {ref} 的随访应于 {due} 完成，请尽快联系并在育心平台记录。',
    en: '{school}: the follow-up on case {ref} was due {due}; contact the student and record it in Yuxin.',
  },
  'notice.escalated.title': {
    'zh-CN': '随访逾期未完成，已上报学校领导',
    en: 'Follow-up overdue; escalated to the school leader',
  },
  'notice.escalated.body': {
    'zh-CN': '{school}：个案 {ref} 的随访应于 {due} 完成，至今未记录，请督促负责人。',
    en: '{school}: the follow-up on case {ref} was due {due} and is still not recorded; please follow it up with the person responsible.',
  },
} satisfies Catalog;

export type CaseMessageKey = keyof typeof MESSAGES;

export function cm(key: CaseMessageKey, locale: Locale, params: Record<string, string | number> = {}): string {
  return fillTemplate((MESSAGES as Catalog)[key]![locale], params);
}

export function caseProblem(
  locale: Locale,
  kind: ProblemKind,
  key: CaseMessageKey,
  params?: Record<string, string | number>,
  field?: string,
): Problem {
  const message = cm(key, locale, params);
  return new Problem(kind, {
    detail: message,
    ...(field ? { errors: [{ field, key: 'field.invalid', message }] } : {}),
  });
}
