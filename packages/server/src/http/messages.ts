import type { Locale } from './locale.js';

type Catalog = Record<string, { 'zh-CN': string; en: string }>;

/** Server-side messages. `{name}` placeholders are filled from params. */
const MESSAGES = {
  'problem.validation': {
    'zh-CN': '提交的内容有误，请检查标出的字段。',
    en: 'Some fields are not valid; please check them.',
  },
  'problem.unauthenticated': { 'zh-CN': '请先登录。', en: 'Please sign in.' },
  'problem.invalid-credentials': { 'zh-CN': '用户名或密码不正确。', en: 'The username or password is incorrect.' },
  'problem.account-locked': {
    'zh-CN': '登录失败次数过多，账号已锁定至 {until}。请稍后再试或联系管理员解锁。',
    en: 'Too many failed sign-ins: the account is locked until {until}. Try later or ask an administrator to unlock it.',
  },
  'problem.account-disabled': {
    'zh-CN': '该账号已停用，请联系管理员。',
    en: 'This account is disabled. Please contact an administrator.',
  },
  'problem.rate-limited': {
    'zh-CN': '此网络登录失败次数过多，请 {seconds} 秒后再试。',
    en: 'Too many failed sign-ins from this network. Try again in {seconds} seconds.',
  },
  'problem.signin-delayed': {
    'zh-CN': '登录失败次数过多，请 {seconds} 秒后再试。',
    en: 'Too many failed sign-ins. Try again in {seconds} seconds.',
  },
  'problem.second-factor-required': {
    'zh-CN': '请先完成两步验证。',
    en: 'Please complete two-step verification first.',
  },
  'problem.password-change-required': {
    'zh-CN': '首次登录请先修改密码。',
    en: 'Please change your password before continuing.',
  },
  'screening-code.invalid': {
    'zh-CN': '筛查码不正确或已作废，请核对纸条上的筛查码，或请班主任重新发放。',
    en: 'The screening code is wrong or no longer valid. Check the slip, or ask your head teacher for a new one.',
  },
  'screening-code.invalid-or-birth-date': {
    'zh-CN': '筛查码或出生日期不正确，请核对后重试。',
    en: 'The screening code or the birth date is wrong. Please check them and try again.',
  },
  'screening-code.outside-window': {
    'zh-CN': '本次测评不在开放时间内，暂时不能用筛查码登录。',
    en: 'This screening is not open now, so its code cannot be used to sign in.',
  },
  'screening-code.campaign-not-open': {
    'zh-CN': '该测评未发布或已结束，不能发放筛查码。',
    en: 'This campaign is not published or has closed; codes cannot be issued for it.',
  },
  'problem.forbidden': { 'zh-CN': '您没有执行此操作的权限。', en: 'You do not have permission to do this.' },
  'problem.csrf': {
    'zh-CN': '安全校验失败，请刷新页面后重试。',
    en: 'Security check failed. Reload the page and try again.',
  },
  'problem.not-found': {
    'zh-CN': '未找到该记录，或它不在您的权限范围内。',
    en: 'Not found, or not within your scope.',
  },
  'problem.route-not-found': { 'zh-CN': '接口不存在。', en: 'No such API route.' },
  'problem.conflict': { 'zh-CN': '与现有记录冲突。', en: 'This conflicts with an existing record.' },
  'problem.payload-too-large': {
    'zh-CN': '提交的内容过大（上限 {limit}）。',
    en: 'The request is too large (limit {limit}).',
  },
  'problem.internal': {
    'zh-CN': '服务器出现错误，请稍后重试。已记录编号 {requestId}。',
    en: 'Something went wrong on the server. Please try again. Reference {requestId}.',
  },
  'problem.bad-request': { 'zh-CN': '请求格式不正确。', en: 'The request is malformed.' },
  'problem.unavailable': { 'zh-CN': '服务暂不可用。', en: 'Service unavailable.' },
  'problem.busy': {
    'zh-CN': '现在使用的人很多，请 {seconds} 秒后重试。已填写的内容不会丢失。',
    en: 'Many people are using the service right now. Please try again in {seconds} seconds; nothing you entered is lost.',
  },
  'problem.database-unavailable': {
    'zh-CN': '数据库暂时无法连接，请 {seconds} 秒后重试。',
    en: 'The database cannot be reached right now. Please try again in {seconds} seconds.',
  },

  'field.required': { 'zh-CN': '“{field}”为必填项。', en: '"{field}" is required.' },
  'field.type': { 'zh-CN': '“{field}”的类型不正确。', en: '"{field}" has the wrong type.' },
  'field.minLength': {
    'zh-CN': '“{field}”至少需要 {limit} 个字符。',
    en: '"{field}" needs at least {limit} characters.',
  },
  'field.maxLength': {
    'zh-CN': '“{field}”最多 {limit} 个字符。',
    en: '"{field}" may have at most {limit} characters.',
  },
  'field.pattern': { 'zh-CN': '“{field}”的格式不正确。', en: '"{field}" is not in the expected format.' },
  'field.format': { 'zh-CN': '“{field}”的格式不正确。', en: '"{field}" is not in the expected format.' },
  'field.enum': { 'zh-CN': '“{field}”必须是以下之一：{allowed}。', en: '"{field}" must be one of: {allowed}.' },
  'field.minimum': { 'zh-CN': '“{field}”不能小于 {limit}。', en: '"{field}" must be at least {limit}.' },
  'field.maximum': { 'zh-CN': '“{field}”不能大于 {limit}。', en: '"{field}" must be at most {limit}.' },
  'field.additionalProperties': { 'zh-CN': '不认识的字段“{field}”。', en: 'Unknown field "{field}".' },
  'field.invalid': { 'zh-CN': '“{field}”无效。', en: '"{field}" is not valid.' },
  'field.characters': {
    'zh-CN': '“{field}”含有不允许的字符（如空字符、控制字符或不成对的代理字符）。',
    en: '"{field}" contains characters that are not allowed (such as NUL, control characters or unpaired surrogates).',
  },

  'password.weak': {
    'zh-CN': '新密码至少 8 位，且须同时包含字母和数字。',
    en: 'The new password needs at least 8 characters with both letters and digits.',
  },
  'password.same': { 'zh-CN': '新密码不能与当前密码相同。', en: 'The new password must differ from the current one.' },
  'password.current-wrong': { 'zh-CN': '当前密码不正确。', en: 'The current password is incorrect.' },
  'grant.not-allowed': {
    'zh-CN': '您只能在自己的管理范围内授予角色。',
    en: 'You can only grant roles inside your own administrative scope.',
  },
  'grant.scope-mismatch': {
    'zh-CN': '该角色不能绑定到这一级组织。',
    en: 'This role cannot be bound to that level of the organisation.',
  },
  'grant.self': {
    'zh-CN': '不能给自己授予、审批或撤销角色。',
    en: 'Nobody grants, approves or revokes a role of their own.',
  },
  'grant.not-approver': {
    'zh-CN': '只有该范围的审批人（学校领导、区或市指导中心）可以审批这项授权。',
    en: 'Only an approver of that scope (the school leader, the district or city centre) can decide this grant.',
  },
  'grant.decided': { 'zh-CN': '这项授权已经处理过了。', en: 'This grant has already been decided.' },
  'grant.takeover': {
    'zh-CN': '该账号持有需要审批的角色：重置后管理员将同时掌握其密码和第二因素，已拒绝。',
    en: 'This account holds roles that need approval: the reset would leave both of its factors known to an administrator, so it is refused.',
  },
  'two-factor.code-wrong': {
    'zh-CN': '验证码不正确或已使用，请输入验证器上的新验证码。',
    en: 'The code is wrong or was already used; enter the current code from your authenticator.',
  },
  'two-factor.not-pending': {
    'zh-CN': '当前登录不需要这一步验证。',
    en: 'This sign-in does not need this step.',
  },
  'two-factor.already-enrolled': {
    'zh-CN': '已经设置了两步验证；如需更换验证器，请联系管理员重置。',
    en: 'Two-step verification is already set up; ask an administrator to reset it to change the authenticator.',
  },
  'two-factor.no-enrolment': {
    'zh-CN': '请先开始设置两步验证。',
    en: 'Start setting up two-step verification first.',
  },
  'two-factor.own-reset': {
    'zh-CN': '不能重置自己的两步验证，请联系另一位管理员。',
    en: 'You cannot reset your own two-step verification; ask another administrator.',
  },
  'username.taken': { 'zh-CN': '用户名“{username}”已被使用。', en: 'The username "{username}" is already taken.' },
  'org.name-taken': {
    'zh-CN': '“{parent}”下已有名为“{name}”的单位。',
    en: 'There is already a unit named "{name}" in "{parent}".',
  },
  'org.parent-kind': {
    'zh-CN': '{kind}只能建在{parentKind}之下。',
    en: 'A {kind} can only be created inside a {parentKind}.',
  },
  'org.parent-inactive': {
    'zh-CN': '“{parent}”已停用，不能在其下新建单位。',
    en: '"{parent}" is deactivated; no unit can be added inside it.',
  },
  'org.rollover-kind': {
    'zh-CN': '学年升级只能按全市、区县或学校进行。',
    en: 'A year-end rollover is run for the city, a district or a school.',
  },
  'org.stage-required': { 'zh-CN': '学校必须选择学段。', en: 'A school needs a stage.' },
  'org.stage-grade': {
    'zh-CN': '该学段的学校没有这个年级（可选：{allowed}）。',
    en: 'A school of this stage has no such grade (allowed: {allowed}).',
  },
  'org.grade-taken': {
    'zh-CN': '该学校已有这个年级。',
    en: 'The school already has this grade.',
  },
  'org.not-for-kind': {
    'zh-CN': '“{field}”不适用于{kind}。',
    en: '"{field}" does not apply to a {kind}.',
  },
  'org.in-use': {
    'zh-CN': '“{name}”仍有 {units} 个在用下级单位、{students} 名在读学生，请先调整后再停用。',
    en: '"{name}" still has {units} active units and {students} enrolled students inside it; move them before deactivating it.',
  },
  'org.city-fixed': { 'zh-CN': '城市不能停用。', en: 'The city cannot be deactivated.' },
  'hospital.name-taken': {
    'zh-CN': '已有名为“{name}”的合作医院。',
    en: 'There is already a partner hospital named "{name}".',
  },
  'school-year.code-format': {
    'zh-CN': '学年须写作“2027-2028”，后一年比前一年大 1。',
    en: 'A school year is written like "2027-2028", the second year one after the first.',
  },
  'school-year.code-taken': { 'zh-CN': '学年“{code}”已存在。', en: 'The school year "{code}" already exists.' },
  'school-year.dates': {
    'zh-CN': '日期顺序应为：开始 < 第一学期结束 < 结束。',
    en: 'The dates must run: start < end of first term < end.',
  },
  'school-year.current-only': {
    'zh-CN': '只能把一个学年设为当前学年，不能取消。',
    en: 'A school year can only be made current (making another current replaces it).',
  },
  'class.wrong-school': {
    'zh-CN': '目标班级不在该学生所在学校。',
    en: "The target class is not in the student's school.",
  },
} satisfies Catalog;

export type MessageKey = keyof typeof MESSAGES;

/** Field names as users know them, for messages that name the field. */
const FIELD_LABELS: Record<string, { 'zh-CN': string; en: string }> = {
  username: { 'zh-CN': '用户名', en: 'username' },
  password: { 'zh-CN': '密码', en: 'password' },
  currentPassword: { 'zh-CN': '当前密码', en: 'current password' },
  newPassword: { 'zh-CN': '新密码', en: 'new password' },
  code: { 'zh-CN': '验证码', en: 'code' },
  name: { 'zh-CN': '姓名', en: 'name' },
  gender: { 'zh-CN': '性别', en: 'gender' },
  birthDate: { 'zh-CN': '出生日期', en: 'birth date' },
  classId: { 'zh-CN': '班级', en: 'class' },
  schoolId: { 'zh-CN': '学校', en: 'school' },
  careTags: { 'zh-CN': '关爱标签', en: 'care tags' },
  locale: { 'zh-CN': '语言', en: 'language' },
  role: { 'zh-CN': '角色', en: 'role' },
  scopeId: { 'zh-CN': '管理范围', en: 'scope' },
  format: { 'zh-CN': '格式', en: 'format' },
  page: { 'zh-CN': '页码', en: 'page' },
  pageSize: { 'zh-CN': '每页条数', en: 'page size' },
  kind: { 'zh-CN': '类型', en: 'kind' },
  parentId: { 'zh-CN': '上级单位', en: 'parent unit' },
  nameEn: { 'zh-CN': '英文名称', en: 'English name' },
  stage: { 'zh-CN': '学段', en: 'stage' },
  gradeLevel: { 'zh-CN': '年级', en: 'grade' },
  classNo: { 'zh-CN': '班号', en: 'class number' },
  centreName: { 'zh-CN': '指导中心名称', en: 'guidance centre name' },
  active: { 'zh-CN': '启用状态', en: 'active' },
  current: { 'zh-CN': '当前学年', en: 'current year' },
  startsOn: { 'zh-CN': '开始日期', en: 'start date' },
  endsOn: { 'zh-CN': '结束日期', en: 'end date' },
  term1EndsOn: { 'zh-CN': '第一学期结束日期', en: 'end of first term' },
};

export function fieldLabel(field: string, locale: Locale): string {
  const last = field.split('/').filter(Boolean).pop() ?? field;
  return FIELD_LABELS[last]?.[locale] ?? last;
}

/** Fills `{name}` placeholders; every message catalog of the server renders through this. */
export function fillTemplate(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

export function t(key: MessageKey, locale: Locale, params: Record<string, string | number> = {}): string {
  return fillTemplate((MESSAGES as Catalog)[key]?.[locale] ?? key, params);
}
