/**
 * The name of every API operation in the OpenAPI document: a stable operationId (client generators name
 * their functions after it, so renaming one breaks the web's generated client), the area it is tagged
 * with, and a summary in English and zh-CN. Keyed by `METHOD /path` exactly as Fastify registers the
 * route; operations.test.ts fails when a route has no entry here or an entry no route.
 *
 * `problems` lists the answers a route gives beyond those its guard and its input imply (see
 * describe.ts): 409 where a write meets a state that refuses it, 429 where attempts are throttled.
 */
export interface Operation {
  operationId: string;
  tag: Tag;
  summary: { en: string; zh: string };
  problems?: readonly ExtraProblem[];
}

export type ExtraProblem = 401 | 403 | 409 | 413 | 423 | 429 | 503;

/** The document's areas, in the order a reader meets them. */
export const TAGS = {
  health: 'Liveness and readiness of the service',
  auth: 'Sign-in, sessions, passwords and the second factor',
  me: "The signed-in person's own profile and preferences",
  org: 'The city, districts, schools, grades and classes',
  students: 'Student archives',
  roster: 'Roster spreadsheet import',
  jobs: 'Background jobs started by uploads',
  accounts: 'Student and guardian accounts',
  staff: 'Staff accounts, role bindings and two-person grants',
  settings: "The city's settings",
  audit: 'The audit log',
  instruments: 'Screening instruments (questionnaires) and their versions',
  scoring: 'Scoring answers with an instrument',
  campaigns: 'Screening campaigns',
  completion: 'Screening completion and reminders',
  consent: 'Guardian consent and student declines',
  screening: 'Answering screening questionnaires and reading results',
  tiers: 'Suggested and confirmed support tiers',
  alerts: 'Crisis and warning alerts',
  cases: 'Crisis intervention cases',
  'follow-ups': 'Follow-up tasks of cases',
  referrals: 'Referrals to partner hospitals and returns to school',
  sweeps: 'Seasonal sweeps of students at risk',
  paper: 'Paper questionnaires: printing and scanning back',
  reports: 'Screening reports',
  supervision: 'Supervision of schools by districts and the city',
  compliance: 'Compliance reports',
  warning: 'The early-warning network: observations and notifications',
} as const;

export type Tag = keyof typeof TAGS;

const op = (operationId: string, tag: Tag, en: string, zh: string, problems?: readonly ExtraProblem[]): Operation => ({
  operationId,
  tag,
  summary: { en, zh },
  ...(problems ? { problems } : {}),
});

export const OPERATIONS: Readonly<Record<string, Operation>> = {
  'GET /api/health': op('getHealth', 'health', 'Check that the service is alive', '检查服务是否存活'),
  'GET /api/ready': op('getReadiness', 'health', 'Check that the service is ready to serve', '检查服务是否就绪', [503]),

  'POST /api/v1/auth/login': op(
    'signIn',
    'auth',
    'Sign in with a username and password',
    '用户名密码登录',
    [401, 403, 423, 429],
  ),
  'POST /api/v1/auth/screening-code': op(
    'signInWithScreeningCode',
    'auth',
    "Sign in with a screening code: a session that reaches only that student's questionnaire",
    '用筛查码登录：会话只能填写该学生本次的测评问卷',
    [401, 403, 429],
  ),
  'GET /api/v1/campaigns/:campaignId/classes/:classId/screening-codes': op(
    'getClassScreeningCodes',
    'campaigns',
    "How many of the class's students hold an active screening code",
    '查看本班有效筛查码的数量',
  ),
  'POST /api/v1/campaigns/:campaignId/classes/:classId/screening-codes': op(
    'issueClassScreeningCodes',
    'campaigns',
    "Issue the class's screening codes for printing; earlier codes stop working",
    '为本班发放筛查码（打印用），之前的筛查码作废',
    [409],
  ),
  'DELETE /api/v1/campaigns/:campaignId/classes/:classId/screening-codes': op(
    'revokeClassScreeningCodes',
    'campaigns',
    "Revoke the class's screening codes and end the sessions opened with them",
    '作废本班筛查码，并结束用它们登录的会话',
  ),
  'GET /api/v1/questionnaire-definitions/:code/:version/:locale': op(
    'getQuestionnaireDefinition',
    'screening',
    'One questionnaire as a respondent sees it: immutable per version and language, cacheable for a year',
    '问卷定义（按版本和语言不变，可长期缓存）',
  ),
  'GET /api/v1/session': op('getSession', 'auth', 'Read the current session', '读取当前会话'),
  'POST /api/v1/auth/logout': op('signOut', 'auth', 'Sign out of this session', '退出当前会话'),
  'POST /api/v1/auth/logout-all': op('signOutEverywhere', 'auth', 'Sign out of every session', '退出所有会话'),
  'POST /api/v1/auth/change-password': op('changePassword', 'auth', 'Change the own password', '修改本人密码'),
  'POST /api/v1/auth/two-factor/verify': op(
    'verifySecondFactor',
    'auth',
    'Give the second factor code to finish signing in',
    '输入二次验证码完成登录',
    [409, 429],
  ),
  'POST /api/v1/auth/two-factor/enrolment': op(
    'beginTwoFactorEnrolment',
    'auth',
    'Start setting up an authenticator app',
    '开始绑定身份验证器',
    [409],
  ),
  'POST /api/v1/auth/two-factor/enrolment/confirm': op(
    'confirmTwoFactorEnrolment',
    'auth',
    'Confirm the authenticator app with a code',
    '用验证码确认身份验证器绑定',
    [409, 429],
  ),

  'PUT /api/v1/me/locale': op('setMyLocale', 'me', 'Set the own interface language', '设置本人界面语言'),
  'GET /api/v1/me/profile': op('getMyProfile', 'me', 'Read the own profile', '读取本人资料'),

  'GET /api/v1/org/units': op('listOrgUnits', 'org', 'List organisation units in scope', '列出权限范围内的组织单位'),
  'GET /api/v1/org/units/:id': op('getOrgUnit', 'org', 'Read an organisation unit', '读取组织单位'),
  'POST /api/v1/org/units': op(
    'createOrgUnit',
    'org',
    'Create a district, school, grade or class',
    '新建区县、学校、年级或班级',
  ),
  'PATCH /api/v1/org/units/:id': op(
    'updateOrgUnit',
    'org',
    'Rename, change or deactivate an organisation unit',
    '修改或停用组织单位',
    [409],
  ),
  'POST /api/v1/org/rollover/preview': op(
    'previewYearRollover',
    'org',
    'Preview the year-end rollover of a city, district or school (nothing is written)',
    '预览学年升级（不作任何改动）',
  ),
  'POST /api/v1/org/rollover': op(
    'startYearRollover',
    'org',
    'Start the year-end rollover of a city, district or school as a job',
    '开始学年升级（后台任务）',
  ),
  'GET /api/v1/org/hospitals': op('listHospitals', 'org', "List the city's partner hospitals", '列出合作医院'),
  'POST /api/v1/org/hospitals': op('createHospital', 'org', 'Add a partner hospital', '新增合作医院'),
  'PATCH /api/v1/org/hospitals/:id': op(
    'updateHospital',
    'org',
    'Rename or deactivate a partner hospital',
    '修改或停用合作医院',
  ),
  'GET /api/v1/org/school-years': op('listSchoolYears', 'org', "List the city's school years", '列出学年'),
  'POST /api/v1/org/school-years': op('createSchoolYear', 'org', 'Create a school year', '新建学年'),
  'PATCH /api/v1/org/school-years/:code': op(
    'updateSchoolYear',
    'org',
    'Change a school year or make it the current one',
    '修改学年或设为当前学年',
  ),

  'GET /api/v1/students': op('listStudents', 'students', 'Search students in scope', '查询权限范围内的学生'),
  'GET /api/v1/students/:id': op('getStudent', 'students', "Read a student's archive", '读取学生档案'),
  'PATCH /api/v1/students/:id': op('updateStudent', 'students', "Update a student's archive", '更新学生档案'),
  'GET /api/v1/students/:id/tier': op('getStudentTier', 'tiers', "Read a student's support tier", '读取学生分级'),

  'GET /api/v1/roster/template': op('getRosterTemplate', 'roster', 'Download the roster template', '下载花名册模板'),
  'POST /api/v1/roster/imports': op('importRoster', 'roster', 'Upload a roster spreadsheet', '上传花名册', [413]),
  'GET /api/v1/jobs/:id': op('getJob', 'jobs', 'Read a background job and its report', '读取后台任务及其报告'),

  'POST /api/v1/accounts/classes/:classId/credentials': op(
    'issueClassCredentials',
    'accounts',
    "Issue sign-in slips for a class's students and guardians",
    '生成班级学生和家长的登录凭条',
    [409],
  ),
  'GET /api/v1/accounts/classes/:classId/credential-batch': op(
    'getClassCredentialBatch',
    'accounts',
    "Read the class's latest kept batch of slips, without passwords",
    '读取本班最近一次发放的批次（不含密码）',
  ),
  'GET /api/v1/accounts/classes/:classId/credential-batch/file': op(
    'downloadClassCredentialBatch',
    'accounts',
    "Download the class's latest batch of slips again, unchanged",
    '再次下载本班最近一次发放的账号名单（内容不变）',
  ),
  'GET /api/v1/accounts/locked': op('listLockedAccounts', 'accounts', 'List locked accounts', '列出被锁定的账号'),
  'POST /api/v1/accounts/:userId/unlock': op('unlockAccount', 'accounts', 'Unlock an account', '解锁账号'),
  'POST /api/v1/accounts/:userId/reset-password': op(
    'resetAccountPassword',
    'accounts',
    "Reset an account's password",
    '重置账号密码',
  ),

  'GET /api/v1/staff': op('listStaff', 'staff', 'List staff in scope', '列出权限范围内的教职工'),
  'POST /api/v1/staff': op(
    'createStaff',
    'staff',
    'Create a staff account with a role',
    '创建教职工账号并授予角色',
    [409],
  ),
  'POST /api/v1/staff/:userId/bindings': op(
    'grantRole',
    'staff',
    'Grant a role to a staff member',
    '为教职工授予角色',
    [409],
  ),
  'DELETE /api/v1/role-bindings/:id': op('revokeRole', 'staff', 'Revoke a role binding', '撤销角色授权'),
  'GET /api/v1/role-grants': op('listRoleGrants', 'staff', 'List role grants awaiting approval', '列出待审批的授权'),
  'POST /api/v1/role-grants/:id/approve': op(
    'approveRoleGrant',
    'staff',
    'Approve a role grant as the second person',
    '作为第二审批人批准授权',
    [409],
  ),
  'POST /api/v1/role-grants/:id/reject': op('rejectRoleGrant', 'staff', 'Reject a role grant', '驳回授权', [409]),
  'POST /api/v1/staff/:userId/two-factor/reset': op(
    'resetStaffTwoFactor',
    'staff',
    "Reset a staff member's authenticator",
    '重置教职工的身份验证器',
  ),

  'GET /api/v1/settings/two-factor': op(
    'getTwoFactorSettings',
    'settings',
    'Read which roles must use a second factor',
    '读取二次验证设置',
  ),
  'PUT /api/v1/settings/two-factor': op(
    'saveTwoFactorSettings',
    'settings',
    'Save which roles must use a second factor',
    '保存二次验证设置',
  ),
  'GET /api/v1/settings/cases': op(
    'getCaseSettings',
    'settings',
    'Read the case workflow settings',
    '读取个案流程设置',
  ),
  'PUT /api/v1/settings/cases': op(
    'saveCaseSettings',
    'settings',
    'Save the case workflow settings',
    '保存个案流程设置',
  ),
  'GET /api/v1/settings/screening': op(
    'getScreeningSettings',
    'settings',
    'Read the screening settings',
    '读取筛查设置',
  ),
  'PUT /api/v1/settings/screening': op(
    'saveScreeningSettings',
    'settings',
    'Save the screening settings',
    '保存筛查设置',
  ),
  'POST /api/v1/settings/screening/preset': op(
    'applyScreeningPreset',
    'settings',
    'Apply a screening settings preset',
    '应用筛查设置预设',
  ),
  'GET /api/v1/settings/warning': op(
    'getWarningSettings',
    'settings',
    'Read the early-warning settings',
    '读取预警设置',
  ),
  'PUT /api/v1/settings/warning': op(
    'saveWarningSettings',
    'settings',
    'Save the early-warning settings',
    '保存预警设置',
  ),
  'POST /api/v1/settings/warning/preset': op(
    'applyWarningPreset',
    'settings',
    'Apply an early-warning network preset',
    '应用预警网络预设',
  ),

  'GET /api/v1/audit': op('listAuditEntries', 'audit', 'Search the audit log', '查询审计日志'),

  'GET /api/v1/instruments': op('listInstruments', 'instruments', 'List screening instruments', '列出筛查量表'),
  'GET /api/v1/instruments/:code': op('getInstrument', 'instruments', 'Read a screening instrument', '读取筛查量表'),
  'GET /api/v1/instruments/:code/fhir': op(
    'exportInstrumentFhir',
    'instruments',
    'Export an instrument as a FHIR Questionnaire',
    '以 FHIR Questionnaire 导出量表',
  ),
  'POST /api/v1/instruments/:code/versions': op(
    'createInstrumentVersion',
    'instruments',
    'Add a version of an instrument',
    '新增量表版本',
    [409],
  ),
  'POST /api/v1/instruments/import-fhir': op(
    'importInstrumentFhir',
    'instruments',
    'Import an instrument from a FHIR Questionnaire',
    '从 FHIR Questionnaire 导入量表',
    [409],
  ),
  'POST /api/v1/scoring/:code': op('scoreAnswers', 'scoring', 'Score answers with an instrument', '按量表计分'),

  'GET /api/v1/campaigns': op('listCampaigns', 'campaigns', 'List screening campaigns', '列出筛查活动'),
  'POST /api/v1/campaigns': op('createCampaign', 'campaigns', 'Create a screening campaign', '创建筛查活动'),
  'GET /api/v1/campaigns/:id': op('getCampaign', 'campaigns', 'Read a screening campaign', '读取筛查活动'),
  'PATCH /api/v1/campaigns/:id': op('updateCampaign', 'campaigns', 'Edit a draft campaign', '编辑草稿筛查活动', [409]),
  'POST /api/v1/campaigns/:id/publish': op('publishCampaign', 'campaigns', 'Publish a campaign', '发布筛查活动', [409]),
  'POST /api/v1/campaigns/:id/cancel': op('cancelCampaign', 'campaigns', 'Cancel a campaign', '取消筛查活动', [409]),

  'GET /api/v1/campaigns/:id/completion': op(
    'getCampaignCompletion',
    'completion',
    "Read a campaign's completion by unit",
    '按单位读取筛查完成情况',
  ),
  'GET /api/v1/campaigns/:id/completion/students': op(
    'listCampaignCompletionStudents',
    'completion',
    "List a class's students and whether they answered",
    '列出班级学生的作答情况',
  ),
  'POST /api/v1/campaigns/:id/reminders': op(
    'remindCampaignStudents',
    'completion',
    'Remind students who have not answered',
    '提醒未作答的学生',
    [409],
  ),
  'GET /api/v1/screening/due': op(
    'listScreeningDue',
    'completion',
    'List students due for screening this period',
    '列出本周期应筛查的学生',
  ),

  'POST /api/v1/campaigns/:id/consents': op(
    'recordConsent',
    'consent',
    "Give or withdraw a guardian's consent",
    '家长同意或撤回同意',
    [409],
  ),
  'POST /api/v1/campaigns/:id/decline': op(
    'declineScreening',
    'consent',
    'Decline or take back declining a screening as a student',
    '学生拒绝或撤回拒绝筛查',
    [409],
  ),
  'GET /api/v1/my/consents': op(
    'listMyConsents',
    'consent',
    'List the consents asked of a guardian for their children',
    '列出家长需处理的知情同意',
  ),

  'GET /api/v1/my/screenings': op('listMyScreenings', 'screening', 'List the own questionnaires', '列出本人的问卷'),
  'GET /api/v1/my/screenings/:assignmentId': op(
    'getMyScreening',
    'screening',
    'Read a questionnaire to answer',
    '读取待作答问卷',
  ),
  'PUT /api/v1/my/screenings/:assignmentId/draft': op(
    'saveScreeningDraft',
    'screening',
    'Autosave answers',
    '自动保存作答',
    [409],
  ),
  'POST /api/v1/my/screenings/:assignmentId/submit': op(
    'submitScreening',
    'screening',
    'Submit a questionnaire',
    '提交问卷',
    [409],
  ),
  'GET /api/v1/screening/results': op(
    'listScreeningResults',
    'screening',
    'List screening results in scope',
    '列出权限范围内的筛查结果',
  ),
  'GET /api/v1/responses/:id': op('getResponse', 'screening', 'Read a questionnaire response', '读取问卷作答'),
  'GET /api/v1/responses/:id/fhir': op(
    'exportResponseFhir',
    'screening',
    'Export a response as a FHIR QuestionnaireResponse',
    '以 FHIR QuestionnaireResponse 导出作答',
  ),

  'GET /api/v1/tier-assessments': op(
    'listTierAssessments',
    'tiers',
    'List tier assessments to review',
    '列出待复核的分级',
  ),
  'POST /api/v1/tier-assessments/:id/review': op(
    'reviewTierAssessment',
    'tiers',
    'Confirm or change a suggested tier',
    '确认或调整建议分级',
    [409],
  ),
  'GET /api/v1/classes/:classId/tiers': op('listClassTiers', 'tiers', "Read a class's confirmed tiers", '读取班级分级'),

  'GET /api/v1/alerts': op('listAlerts', 'alerts', 'List alerts in scope', '列出权限范围内的预警'),
  'GET /api/v1/alerts/:id': op('getAlert', 'alerts', 'Read an alert', '读取预警'),
  'POST /api/v1/alerts/:id/acknowledge': op(
    'acknowledgeAlert',
    'alerts',
    'Acknowledge an alert',
    '确认收到预警',
    [409],
  ),

  'GET /api/v1/cases': op('listCases', 'cases', 'List cases in scope', '列出权限范围内的个案'),
  'POST /api/v1/cases': op('openCase', 'cases', 'Open a case from alerts', '由预警建立个案', [409]),
  'GET /api/v1/cases/:id': op('getCase', 'cases', 'Read a case', '读取个案'),
  'GET /api/v1/cases/:id/timeline': op('getCaseTimeline', 'cases', "Read a case's timeline", '读取个案时间线'),
  'PUT /api/v1/cases/:id/assessment': op(
    'recordCaseAssessment',
    'cases',
    "Record a case's risk assessment",
    '记录个案风险评估',
    [409],
  ),
  'PUT /api/v1/cases/:id/plan': op(
    'recordCasePlan',
    'cases',
    "Record a case's intervention plan",
    '记录个案干预方案',
    [409],
  ),
  'POST /api/v1/cases/:id/conferences': op(
    'recordCaseConference',
    'cases',
    "Record the school leader's case conference",
    '记录学校领导的个案会商',
    [409],
  ),
  'POST /api/v1/cases/:id/records': op(
    'addCaseRecord',
    'cases',
    'Add an action, conference, disclosure or note to a case',
    '添加个案处置、会商、告知或备注记录',
    [409],
  ),
  'POST /api/v1/cases/:id/transition': op(
    'transitionCase',
    'cases',
    'Move a case to its next state',
    '推进个案状态',
    [409],
  ),
  'POST /api/v1/cases/:id/decisions': op(
    'decideOnCase',
    'cases',
    "Record the leader's review or closure decision",
    '记录校领导审核或结案决定',
    [409],
  ),
  'POST /api/v1/cases/:id/follow-ups': op(
    'scheduleCaseFollowUps',
    'cases',
    'Schedule follow-ups of a case',
    '安排个案随访',
    [409],
  ),
  'POST /api/v1/cases/:id/referrals': op(
    'referCase',
    'cases',
    'Refer a case to a partner hospital',
    '个案转介至合作医院',
    [409],
  ),
  'POST /api/v1/cases/:id/monitoring': op(
    'scheduleCaseMonitoring',
    'cases',
    'Schedule re-screening of a case',
    '安排个案复测',
    [409],
  ),
  'GET /api/v1/cases/:id/candidates': op(
    'listCaseHelperCandidates',
    'cases',
    "List who may help with a case's plan",
    '列出可参与个案方案的人员',
  ),
  'GET /api/v1/cases/:id/trajectory': op(
    'getCaseTrajectory',
    'cases',
    "Read the student's screening scores over time",
    '读取学生历次筛查得分',
  ),
  'GET /api/v1/case-stats': op('getCaseStats', 'cases', 'Read case counts for a unit', '读取单位个案统计'),

  'GET /api/v1/follow-ups': op('listFollowUps', 'follow-ups', 'List follow-up tasks', '列出随访任务'),
  'POST /api/v1/follow-ups/:id/complete': op(
    'completeFollowUp',
    'follow-ups',
    'Record a follow-up as done',
    '记录随访完成',
    [409],
  ),

  'POST /api/v1/referrals/:id/consent': op(
    'recordReferralConsent',
    'referrals',
    "Record the guardian's consent to a referral",
    '记录家长转介同意',
    [409],
  ),
  'POST /api/v1/referrals/:id/return': op(
    'recordReferralReturn',
    'referrals',
    "Record a referred student's return to school",
    '记录转介学生复学',
    [409],
  ),
  'POST /api/v1/referrals/:id/consent/correction': op(
    'correctReferralConsent',
    'referrals',
    "Correct a recorded guardian's consent, with a reason",
    '更正已记录的家长同意（须说明理由）',
    [409],
  ),
  'POST /api/v1/referrals/:id/cancel': op(
    'cancelReferral',
    'referrals',
    'Cancel a referral before admission, with a reason',
    '撤销转介（住院前，须说明理由）',
    [409],
  ),
  'POST /api/v1/referrals/:id/reroute': op(
    'rerouteReferral',
    'referrals',
    'Re-route a referral to another partner hospital, with a reason',
    '改转其他合作医院（须说明理由）',
    [409],
  ),
  'PUT /api/v1/referrals/:id/stay': op(
    'recordHospitalStay',
    'referrals',
    'Record the admission, the discharge, its summary and the return-to-school certificate',
    '登记住院、出院日期、出院小结和复学证明',
    [409],
  ),
  'GET /api/v1/referrals': op('listReferrals', 'referrals', 'List referrals in scope', '列出权限范围内的转介'),
  'GET /api/v1/referrals/:id': op('getReferral', 'referrals', 'Read a referral', '读取转介'),
  'POST /api/v1/referrals/:id/feedback': op(
    'recordReferralFeedback',
    'referrals',
    "Record the hospital's feedback on a referral",
    '记录医院转介反馈',
    [409],
  ),

  'POST /api/v1/sweeps': op('startSweep', 'sweeps', "Start a seasonal sweep of a school's students", '发起季节性排查'),
  'GET /api/v1/sweeps': op('listSweeps', 'sweeps', 'List sweeps in scope', '列出排查'),
  'GET /api/v1/sweeps/:id': op('getSweep', 'sweeps', 'Read a sweep and its students', '读取排查及学生名单'),
  'POST /api/v1/sweep-items/:id/check': op(
    'checkSweepItem',
    'sweeps',
    'Record the check of a student',
    '记录学生排查结果',
  ),

  'GET /api/v1/campaigns/:id/paper-forms': op(
    'getPaperForms',
    'paper',
    "Print a class's paper questionnaires",
    '打印班级纸质问卷',
  ),
  'GET /api/v1/campaigns/:id/paper-template': op(
    'getPaperTemplate',
    'paper',
    'Download the spreadsheet for paper answers',
    '下载纸质作答录入表',
  ),
  'POST /api/v1/campaigns/:id/paper-import': op(
    'importPaperAnswers',
    'paper',
    'Upload paper answers',
    '上传纸质作答',
    [409, 413],
  ),

  'GET /api/v1/reports/campaigns/:id': op('getCampaignReport', 'reports', "Read a campaign's report", '读取筛查报告'),
  'GET /api/v1/reports/campaigns/:id/report.pdf': op(
    'getCampaignReportPdf',
    'reports',
    "Download a campaign's report as PDF",
    '下载筛查报告 PDF',
  ),
  'GET /api/v1/reports/campaigns/:id/report.xlsx': op(
    'getCampaignReportXlsx',
    'reports',
    "Download a campaign's report as a spreadsheet",
    '下载筛查报告表格',
  ),

  'GET /api/v1/supervision/schools/:id': op(
    'getSchoolSupervision',
    'supervision',
    "Read a school's supervision view",
    '读取学校督导情况',
  ),
  'GET /api/v1/supervision/units/:id': op(
    'getUnitSupervision',
    'supervision',
    "Read a district's or city's supervision view",
    '读取区县或市级督导情况',
  ),
  'POST /api/v1/supervision/records': op(
    'createSupervisionRecord',
    'supervision',
    'Record a supervision activity',
    '登记督导记录',
  ),
  'POST /api/v1/supervision/records/import': op(
    'importSupervisionRecords',
    'supervision',
    'Upload supervision records',
    '上传督导记录',
    [413],
  ),
  'GET /api/v1/supervision/records/template.xlsx': op(
    'getSupervisionTemplate',
    'supervision',
    'Download the supervision records template',
    '下载督导记录模板',
  ),
  'GET /api/v1/supervision/standards': op(
    'getSupervisionStandards',
    'supervision',
    'Read the supervision standards',
    '读取督导标准',
  ),
  'PUT /api/v1/supervision/standards': op(
    'saveSupervisionStandards',
    'supervision',
    'Save the supervision standards',
    '保存督导标准',
  ),

  'GET /api/v1/compliance/report': op(
    'getComplianceReport',
    'compliance',
    'Read the compliance report',
    '读取合规报告',
  ),
  'GET /api/v1/compliance/report.pdf': op(
    'getComplianceReportPdf',
    'compliance',
    'Download the compliance report as PDF',
    '下载合规报告 PDF',
  ),
  'GET /api/v1/compliance/report.xlsx': op(
    'getComplianceReportXlsx',
    'compliance',
    'Download the compliance report as a spreadsheet',
    '下载合规报告表格',
  ),

  'GET /api/v1/observations/subjects': op(
    'listObservationSubjects',
    'warning',
    'List students an observation may be filed on',
    '列出可上报观察的学生',
  ),
  'POST /api/v1/observations': op('fileObservation', 'warning', 'File an observation of a student', '上报学生观察'),
  'GET /api/v1/notifications': op('listNotifications', 'warning', 'List the own notifications', '列出本人通知'),
  'GET /api/v1/notifications/stream': op(
    'streamNotifications',
    'warning',
    'Stream the own new notifications (server-sent events)',
    '推送本人新通知（服务器推送事件）',
  ),
  'POST /api/v1/notifications/:id/read': op(
    'markNotificationRead',
    'warning',
    'Mark a notification as read',
    '标记通知已读',
  ),
};
