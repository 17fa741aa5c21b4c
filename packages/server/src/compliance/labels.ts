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
  screening_code: { 'zh-CN': '筛查码', en: 'screening codes' },
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
  parent_lecture: { 'zh-CN': '家长学校讲座', en: 'parent school lectures' },
  activity: { 'zh-CN': '活动台账', en: 'activity ledger entries' },
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
  'hotline.call': { 'zh-CN': '热线来电记录', en: 'hotline calls' },
  hotline_call: { 'zh-CN': '热线来电记录', en: 'hotline calls' },
  hotline_calls: { 'zh-CN': '热线来电记录', en: 'hotline calls' },
  'hotline.student': { 'zh-CN': '来电学生', en: 'hotline callers on the roster' },
  hotline_shift: { 'zh-CN': '热线班次', en: 'hotline shifts' },
  hotline_report: { 'zh-CN': '热线统计', en: 'hotline reports' },
  counseling_room: { 'zh-CN': '心理辅导室', en: 'counseling rooms' },
  counseling_appointment: { 'zh-CN': '辅导预约', en: 'counseling appointments' },
  counseling_record: { 'zh-CN': '心理辅导记录', en: 'counseling records' },
  counseling_feedback: { 'zh-CN': '重点反馈', en: 'key feedback to head teachers' },
  mailbox_thread: { 'zh-CN': '心理信箱来信', en: 'mailbox letters' },
  mailbox: { 'zh-CN': '心理信箱', en: 'the mailbox' },
  transfer: { 'zh-CN': '转学申请', en: 'transfers' },
  org_unit: { 'zh-CN': '组织单位', en: 'org units' },
  archive: { 'zh-CN': '学生心理档案', en: 'student archives' },
  family: { 'zh-CN': '家庭情况与家访', en: 'family situation and home contacts' },
  family_background: { 'zh-CN': '家庭情况与成长经历', en: 'family situation and growth history' },
  home_contact: { 'zh-CN': '家访记录', en: 'home contacts' },
  handover_summary: { 'zh-CN': '转接摘要', en: 'hand-over summaries' },
  staff_wellbeing_result: { 'zh-CN': '教师心理健康自评结果', en: "staff members' own self-screenings" },
  staff_wellbeing_callback: { 'zh-CN': '教师自评回电请求', en: 'staff call-back requests' },
  staff_wellbeing_callbacks: { 'zh-CN': '教师自评回电请求', en: 'staff call-back requests' },
  staff_wellbeing_counts: { 'zh-CN': '教师心理健康自评统计', en: 'staff self-screening counts' },
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
  issue: { 'zh-CN': '发放{s}', en: 'Issue {s}' },
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

/** Actions whose words do not follow "verb + subject". */
const ACTION: Record<string, Text> = {
  'auth.login': { 'zh-CN': '登录', en: 'Sign in' },
  'auth.logout': { 'zh-CN': '退出登录', en: 'Sign out' },
  'auth.logout_all': { 'zh-CN': '退出所有设备', en: 'Sign out everywhere' },
  'auth.screening_code': { 'zh-CN': '筛查码登录', en: 'Sign in with a screening code' },
  'auth.change_password': { 'zh-CN': '修改密码', en: 'Change password' },
  'auth.locale': { 'zh-CN': '切换界面语言', en: 'Change display language' },
  'auth.two_factor': { 'zh-CN': '两步验证', en: 'Two-step verification' },
  'auth.two_factor_enrol': { 'zh-CN': '绑定两步验证', en: 'Set up two-step verification' },
  'account.reset_password': { 'zh-CN': '重置账号密码', en: 'Reset account password' },
  'account.unlock': { 'zh-CN': '解锁账号', en: 'Unlock account' },
  'staff.registry_update': { 'zh-CN': '登记教职工档案', en: 'Update the staff registry' },
  'staff.registry_import': { 'zh-CN': '导入教职工登记表', en: 'Import the staff registry' },
  'staff.grant_request': { 'zh-CN': '申请角色授权', en: 'Request a role grant' },
  'staff.two_factor_reset': { 'zh-CN': '重置两步验证', en: 'Reset two-step verification' },
  'campaign.publish': { 'zh-CN': '发布测评活动', en: 'Publish campaign' },
  'campaign.cancel': { 'zh-CN': '取消测评活动', en: 'Cancel campaign' },
  'completion.remind': { 'zh-CN': '提醒未完成测评', en: 'Remind about unfinished screenings' },
  'screening.submit': { 'zh-CN': '提交测评作答', en: 'Submit screening answers' },
  'scoring.compute': { 'zh-CN': '试算评分', en: 'Compute a score' },
  'instrument.manage': { 'zh-CN': '管理量表版本', en: 'Manage instrument versions' },
  'observation.file': { 'zh-CN': '报告观察记录', en: 'File an observation' },
  'followup.complete': { 'zh-CN': '完成随访', en: 'Complete a follow-up' },
  'sweep.check': { 'zh-CN': '登记排查结果', en: 'Record a sweep check' },
  'referral.consent': { 'zh-CN': '登记转介知情同意', en: 'Record referral consent' },
  'referral.feedback': { 'zh-CN': '登记医院反馈', en: 'Record hospital feedback' },
  'referral.return': { 'zh-CN': '登记复学', en: 'Record return to school' },
  'case.open': { 'zh-CN': '建立个案', en: 'Open a case' },
  'case.link_alerts': { 'zh-CN': '预警并入个案', en: 'Link alerts to a case' },
  'case.assess': { 'zh-CN': '登记个案评估', en: 'Record a case assessment' },
  'case.plan': { 'zh-CN': '制定干预方案', en: 'Write the intervention plan' },
  'case.refer': { 'zh-CN': '发起转介', en: 'Refer to a hospital' },
  'case.schedule_follow_ups': { 'zh-CN': '安排随访', en: 'Schedule follow-ups' },
  'case.schedule_monitoring': { 'zh-CN': '安排复测', en: 'Schedule a re-screen' },
  'case.start_assessment': { 'zh-CN': '个案进入评估', en: 'Start case assessment' },
  'case.start_intervention': { 'zh-CN': '个案进入干预', en: 'Start case intervention' },
  'case.return_to_school': { 'zh-CN': '个案复学', en: 'Case returns to school' },
  'case.start_follow_up': { 'zh-CN': '个案进入随访', en: 'Start case follow-up' },
  'case.request_closure': { 'zh-CN': '申请结案', en: 'Request case closure' },
  'case.approve_closure': { 'zh-CN': '批准结案', en: 'Approve case closure' },
  'case.reject_closure': { 'zh-CN': '退回结案申请', en: 'Return a closure request' },
  'case.reopen': { 'zh-CN': '重新打开个案', en: 'Reopen a case' },
  'case.cancel_referral': { 'zh-CN': '个案撤回转介', en: 'Case referral withdrawn' },
  'case.conference': { 'zh-CN': '登记领导个案会商', en: 'Record a leader’s case conference' },
  'referral.cancel': { 'zh-CN': '取消转介', en: 'Cancel a referral' },
  'referral.reroute': { 'zh-CN': '改转其他医院', en: 'Re-route a referral' },
  'referral.consent.correct': { 'zh-CN': '更正转介知情同意', en: 'Correct referral consent' },
  'parent_lecture.create': { 'zh-CN': '登记家长学校讲座', en: 'Record a parent school lecture' },
  'activity.record': { 'zh-CN': '登记学校活动', en: 'Record a school activity' },
  'activity.update': { 'zh-CN': '修改学校活动', en: 'Correct a school activity' },
  'activity.void': { 'zh-CN': '作废学校活动记录', en: 'Void a school activity' },
  'activity.read': { 'zh-CN': '查看活动台账备注', en: 'Read activity notes' },
  'parent_school.attend': { 'zh-CN': '家长学校讲座与参加', en: 'Parent school lectures and attendance' },
  'parent_lecture.attend': { 'zh-CN': '家长登记参加讲座', en: 'Guardian attended a lecture' },
  'parent_lecture.guardians.read': { 'zh-CN': '查看讲座面向的家长名单', en: "Read a lecture's guardian list" },
  'parent_lecture.attendance.record': { 'zh-CN': '现场登记家长出席', en: 'Mark guardians present on site' },
  'referral.consent.refuse': { 'zh-CN': '家长拒绝转介', en: 'Guardian refused a referral' },
  'referral.guardian.read': { 'zh-CN': '家长查看子女转介', en: "Guardian read their child's referral" },
  'referral.stay': { 'zh-CN': '登记住院与出院', en: 'Record a hospital stay' },
  'case.decide.leader_review': { 'zh-CN': '领导研判', en: 'Leader review' },
  'case.decide.closure': { 'zh-CN': '结案审批', en: 'Closure decision' },
  'case.record.action': { 'zh-CN': '登记干预措施', en: 'Record an intervention' },
  'case.record.conference': { 'zh-CN': '登记会诊', en: 'Record a case conference' },
  'case.record.disclosure': { 'zh-CN': '登记保密例外告知', en: 'Record a disclosure' },
  'case.record.note': { 'zh-CN': '添加个案备注', en: 'Add a case note' },
  'settings.cases.update': { 'zh-CN': '修改个案设置', en: 'Change case settings' },
  'settings.changes_read': { 'zh-CN': '查看设置变更记录', en: 'Read the settings change log' },
  'settings.screening.update': { 'zh-CN': '修改测评设置', en: 'Change screening settings' },
  'settings.supervision.update': { 'zh-CN': '修改督导标准', en: 'Change supervision standards' },
  'settings.two_factor': { 'zh-CN': '修改两步验证要求', en: 'Change two-step verification rule' },
  'settings.warning.update': { 'zh-CN': '修改预警设置', en: 'Change warning settings' },
  'seed.demo_city': { 'zh-CN': '生成演示城市', en: 'Seed the demo city' },
  'seed.demo_screening': { 'zh-CN': '生成演示测评', en: 'Seed the demo screening' },
  // Policy actions, named when a refusal is audited under them.
  'case.approve': { 'zh-CN': '审批个案', en: 'Approve cases' },
  'case.stats': { 'zh-CN': '查看个案统计', en: 'Read case statistics' },
  'followup.own': { 'zh-CN': '承担随访', en: 'Own follow-ups' },
  'instrument.read': { 'zh-CN': '查看量表', en: 'Read instruments' },
  'org.read': { 'zh-CN': '查看组织机构', en: 'Read the organisation' },
  'org.manage': { 'zh-CN': '管理组织机构', en: 'Manage the organisation' },
  'org.city_setup': { 'zh-CN': '首次建立城市', en: 'Set up the city' },
  'org.unit_create': { 'zh-CN': '新建组织单位', en: 'Create an org unit' },
  'org.import': { 'zh-CN': '导入组织架构', en: 'Import the org tree' },
  'org.rollover_preview': { 'zh-CN': '预览学年升级', en: 'Preview the year-end rollover' },
  'org.rollover': { 'zh-CN': '学年升级', en: 'Year-end rollover' },
  'org.unit_update': { 'zh-CN': '修改组织单位', en: 'Change an org unit' },
  'org.unit_deactivate': { 'zh-CN': '停用组织单位', en: 'Deactivate an org unit' },
  'org.unit_reactivate': { 'zh-CN': '重新启用组织单位', en: 'Reactivate an org unit' },
  'org.hospital_create': { 'zh-CN': '新增合作医院', en: 'Add a partner hospital' },
  'org.hospital_update': { 'zh-CN': '修改合作医院', en: 'Change a partner hospital' },
  'org.hospital_deactivate': { 'zh-CN': '停用合作医院', en: 'Deactivate a partner hospital' },
  'org.hospital_reactivate': { 'zh-CN': '重新启用合作医院', en: 'Reactivate a partner hospital' },
  'org.school_year_create': { 'zh-CN': '新建学年', en: 'Create a school year' },
  'org.school_year_update': { 'zh-CN': '修改学年', en: 'Change a school year' },
  'screening.take': { 'zh-CN': '填写测评问卷', en: 'Take a screening' },
  'staff.approve': { 'zh-CN': '审批角色授权', en: 'Approve role grants' },
  'counseling.book': { 'zh-CN': '预约心理辅导', en: 'Book counseling' },
  'counseling.duty': { 'zh-CN': '心理辅导室值班', en: 'Counseling room duty' },
  'counseling.record': { 'zh-CN': '心理辅导记录', en: 'Counseling records' },
  'peer.appoint': { 'zh-CN': '选任心理委员', en: 'Appoint a peer supporter' },
  'peer.remove': { 'zh-CN': '免去心理委员', en: 'Remove a peer supporter' },
  'counseling.appointments.read': { 'zh-CN': '查看辅导预约', en: 'Read counseling appointments' },
  'counseling.day.read': { 'zh-CN': '查看当日辅导安排', en: "Read the day's counseling" },
  'counseling.walk_in': { 'zh-CN': '登记临时来访', en: 'Record a walk-in' },
  'counseling.record.create': { 'zh-CN': '填写心理辅导记录', en: 'Write a counseling record' },
  'counseling.record.read': { 'zh-CN': '查看心理辅导记录', en: 'Read a counseling record' },
  'counseling.record.open_case': { 'zh-CN': '由辅导记录建立个案', en: 'Open a case from a counseling record' },
  'counseling.appointment.reschedule': { 'zh-CN': '辅导预约改期', en: 'Reschedule a counseling appointment' },
  'counseling.record.alert': { 'zh-CN': '由辅导记录发起预警', en: 'Raise an alert from a counseling record' },
  'counseling.record.refer': { 'zh-CN': '由辅导记录转介至医院', en: 'Refer to a hospital from a counseling record' },
  'counseling.record.key_feedback': { 'zh-CN': '向班主任发送重点反馈', en: 'Send key feedback to the head teacher' },
  'counseling.feedback.read': { 'zh-CN': '查看重点反馈', en: 'Read key feedback' },
  'mailbox.write': { 'zh-CN': '给心理老师写信', en: 'Write to the psychology teachers' },
  'mailbox.answer': { 'zh-CN': '回复心理信箱来信', en: 'Answer a mailbox letter' },
  'mailbox.list': { 'zh-CN': '查看心理信箱来信列表', en: 'List mailbox letters' },
  'mailbox.thread.read': { 'zh-CN': '查看心理信箱来信', en: 'Read a mailbox letter' },
  'mailbox.risk': { 'zh-CN': '标记来信有风险', en: 'Mark a mailbox letter at risk' },
  'counseling.room.create': { 'zh-CN': '新增心理辅导室', en: 'Add a counseling room' },
  'counseling.roster.save': { 'zh-CN': '保存辅导室值班表', en: 'Save the duty roster' },
  'hotline.call': { 'zh-CN': '热线来电记录', en: 'Hotline call records' },
  'hotline.call.alert': { 'zh-CN': '由热线来电通知学校', en: 'Tell a school about a hotline call' },
  'hotline.call.update': { 'zh-CN': '修改热线来电记录', en: 'Edit a hotline call record' },
  'hotline.shift': { 'zh-CN': '热线排班', en: 'Hotline shifts' },
  'hotline.shift.add': { 'zh-CN': '新增热线班次', en: 'Add a hotline shift' },
  'hotline.shift.remove': { 'zh-CN': '删除热线班次', en: 'Remove a hotline shift' },
  'hotline.report': { 'zh-CN': '查看热线统计', en: 'Read the hotline report' },
  'wellbeing.self': { 'zh-CN': '教师心理健康自评', en: "A staff member's own self-screening" },
  'wellbeing.self.take': { 'zh-CN': '完成本人心理健康自评', en: 'Take own self-screening' },
  'wellbeing.self.read': { 'zh-CN': '查看本人自评结果', en: 'Read own self-screening results' },
  'wellbeing.callback': { 'zh-CN': '教师自评回电', en: 'Staff call-backs' },
  'wellbeing.callback.request': { 'zh-CN': '请求指导中心回电', en: 'Ask the guidance centre for a call-back' },
  'wellbeing.callback.list': { 'zh-CN': '查看回电请求', en: 'Read the call-back queue' },
  'wellbeing.callback.done': { 'zh-CN': '完成回电', en: 'Mark a call-back made' },
  'wellbeing.counts': { 'zh-CN': '教师自评统计', en: 'Staff self-screening counts' },
  'wellbeing.counts.read': { 'zh-CN': '查看教师自评统计', en: 'Read staff self-screening counts' },
  'transfer.request': { 'zh-CN': '发起转学申请', en: 'Raise a transfer' },
  'transfer.read': { 'zh-CN': '查看转学申请', en: 'Read a transfer' },
  'transfer.accept': { 'zh-CN': '接收转入学生', en: 'Accept a transfer' },
  'transfer.decline': { 'zh-CN': '拒绝转学申请', en: 'Decline a transfer' },
  'transfer.cancel': { 'zh-CN': '撤回转学申请', en: 'Withdraw a transfer' },
  'transfer.handover': { 'zh-CN': '心理档案交接', en: 'Hand-over summary' },
  'transfer.handover.write': { 'zh-CN': '填写交接摘要', en: 'Write a hand-over summary' },
  'transfer.handover.sign': { 'zh-CN': '签署交接摘要', en: 'Sign a hand-over summary' },
  'transfer.handover.read': { 'zh-CN': '查看交接摘要', en: 'Read a hand-over summary' },
};

const OUTCOME: Record<string, Text> = {
  success: { 'zh-CN': '成功', en: 'Success' },
  denied: { 'zh-CN': '超出权限被拒绝', en: 'Refused by the access policy' },
  failure: { 'zh-CN': '失败（如登录失败）', en: 'Failed (e.g. sign-in)' },
};

/** An audit action in words: "查看学生档案" / "Read student records"; an action nobody named stays a code. */
function actionLabel(code: string, locale: Locale): string {
  const named = ACTION[code];
  if (named) return named[locale];
  const at = code.lastIndexOf('.');
  const subject = SUBJECT[code.slice(0, at)];
  const verb = VERB[code.slice(at + 1)];
  return subject && verb ? verb[locale].replace('{s}', subject[locale]) : code;
}

export type LabelCategory = 'role' | 'action' | 'target' | 'consent' | 'decision' | 'told' | 'accountKind' | 'outcome';
const MAPS: Record<Exclude<LabelCategory, 'action'>, Record<string, Text>> = {
  role: ROLE,
  outcome: OUTCOME,
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
    outcome: {},
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
  for (const x of r.refusals) {
    add('action', x.action);
    add('outcome', x.outcome);
  }
  return out;
}
