import type { Locale } from '../../http/locale.js';
import { fill, type Localized } from '../../jobs/messages.js';

/**
 * Text of paper forms, their answer template and the import report. `{field}` is the column as the
 * user's file names it, `{value}` the cell as typed: every row message can be acted on alone.
 */
const MESSAGES = {
  // Import report: the file as a whole.
  'header.not-found': {
    'zh-CN': '在前 {rows} 行中没有找到表头。表头应包含“学籍号”和题目列，例如 {example}。请使用本班下载的答案模板。',
    en: 'No header row was found in the first {rows} rows. It should hold "studentNo" and the item columns, e.g. {example}. Use the answer template downloaded for this class.',
  },
  'header.studentNo-missing': { 'zh-CN': '缺少“学籍号”列。', en: 'The "studentNo" column is missing.' },
  'header.duplicate': {
    'zh-CN': '列“{field}”出现了不止一次。请只保留一列。',
    en: 'The column "{field}" appears more than once. Keep only one.',
  },

  // Import report: rows.
  'studentNo.required': { 'zh-CN': '“{field}”为必填项。', en: '"{field}" is required.' },
  'studentNo.unknown': {
    'zh-CN': '“{field}”的值“{value}”不是本校学生的学籍号。',
    en: '"{field}" value "{value}" is not the studentNo of a student of this school.',
  },
  'studentNo.duplicate': {
    'zh-CN': '“{field}”的值“{value}”在文件中重复出现（另见第 {rows} 行）。',
    en: '"{field}" value "{value}" appears more than once in the file (see also row {rows}).',
  },
  'student.not-in-campaign': {
    'zh-CN': '学籍号“{value}”的学生不在本次测评的学生范围内。',
    en: 'The student with studentNo "{value}" is not part of this campaign.',
  },
  'student.other-class': {
    'zh-CN': '学籍号“{value}”的学生在本次测评中属于{className}，不属于所选班级。请在该班级导入。',
    en: 'The student with studentNo "{value}" is in {className} for this campaign, not in the chosen class. Import them with that class.',
  },
  'name.mismatch': {
    'zh-CN': '“{field}”的值“{value}”与学籍号“{studentNo}”的学生姓名不符，请核对学籍号是否抄错。',
    en: '"{field}" value "{value}" does not match the name of the student with studentNo "{studentNo}"; check the studentNo was copied right.',
  },
  'assignment.online': {
    'zh-CN': '学籍号“{value}”的学生已在线完成作答，不能再导入纸质答案。',
    en: 'The student with studentNo "{value}" has already answered online; paper answers cannot be added.',
  },
  'assignment.paper-changed': {
    'zh-CN': '学籍号“{value}”的学生的纸质答案已经导入过，且与本次文件中的答案不同。已导入的答案不能通过重新导入修改。',
    en: 'Paper answers of the student with studentNo "{value}" were already imported and differ from this file. Imported answers cannot be changed by importing again.',
  },
  'assignment.declined': {
    'zh-CN': '学籍号“{value}”的学生已拒绝参加本次测评。',
    en: 'The student with studentNo "{value}" has declined this campaign.',
  },
  'consent.refused': {
    'zh-CN': '学籍号“{value}”的学生的监护人不同意参加本次测评。',
    en: 'The guardian of the student with studentNo "{value}" has refused consent.',
  },
  'consent.pending': {
    'zh-CN': '学籍号“{value}”的学生尚未取得监护人同意。请先登记纸质知情同意书，再导入答案。',
    en: 'The student with studentNo "{value}" has no guardian consent yet. Record the paper consent form first, then import the answers.',
  },
  'instrument.columns-missing': {
    'zh-CN': '学籍号“{value}”的学生需要填写 {instrument}，但文件中没有 {instrument} 的题目列。',
    en: 'The student with studentNo "{value}" answers {instrument}, but the file has no {instrument} item columns.',
  },
  'answer.invalid': {
    'zh-CN': '“{field}”的值“{value}”不是该题的选项分值。可填：{allowed}，未作答请留空。',
    en: '"{field}" value "{value}" is not an option score of this item. Allowed: {allowed}; leave it empty if unanswered.',
  },
  'answer.required': {
    'zh-CN': '“{field}”是必答题，不能留空。',
    en: '"{field}" must be answered; it cannot be empty.',
  },
  'answers.too-many-missing': {
    'zh-CN': '{instrument} 最多允许 {max} 题未作答，本行有 {count} 题为空：{columns}。',
    en: '{instrument} allows at most {max} unanswered items; this row leaves {count} empty: {columns}.',
  },
  'answer.not-assigned': {
    'zh-CN': '学籍号“{value}”的学生本次不需要填写 {instrument}，“{field}”应留空。',
    en: 'The student with studentNo "{value}" does not answer {instrument} in this campaign; "{field}" should be empty.',
  },

  // The upload and the campaign, answered at once.
  'campaign.not-started': {
    'zh-CN': '测评尚未开始，不能导入纸质答案。',
    en: 'The campaign has not started yet; paper answers cannot be imported.',
  },
  'campaign.cancelled': {
    'zh-CN': '测评已取消，不能导入纸质答案。',
    en: 'The campaign has been cancelled; paper answers cannot be imported.',
  },
  'file.missing': {
    'zh-CN': '请在表单字段 file 中上传填写好的答案文件（.xlsx 或 .csv）。',
    en: 'Upload the filled answer file (.xlsx or .csv) in the form field "file".',
  },

  // Template and forms.
  'template.sheet': { 'zh-CN': '纸质答案', en: 'Paper answers' },
  'template.help-sheet': { 'zh-CN': '填写说明', en: 'Instructions' },
  'template.help-headers': { 'zh-CN': '列名|题目|可填分值', en: 'Column|Item|Allowed scores' },
  'template.note-codes': {
    'zh-CN': '每道题填写学生在纸质问卷上勾选的选项分值（方框旁的数字）；学生未作答的题留空。',
    en: 'For each item, enter the score printed beside the box the student ticked; leave items the student did not answer empty.',
  },
  'template.note-absent': {
    'zh-CN': '缺席或未交问卷的学生整行答案留空即可，导入时会跳过。',
    en: 'Leave all answers of an absent student empty; that row is skipped on import.',
  },
  'template.note-all-or-nothing': {
    'zh-CN': '只要有一行有错，整个文件都不会导入。请按错误报告修正后重新上传；重复上传同一文件不会重复导入。',
    en: 'If any row has an error, nothing is imported. Fix the rows in the report and upload again; uploading the same file twice never imports twice.',
  },
  'file.template': { 'zh-CN': '纸质答案模板', en: 'paper-answers' },
  'file.forms': { 'zh-CN': '纸质问卷', en: 'paper-forms' },
  'form.title': { 'zh-CN': '心理健康测评问卷（纸质）', en: 'Mental-health questionnaire (paper)' },
  'form.student': { 'zh-CN': '姓名：{name}    学籍号：{studentNo}', en: 'Name: {name}    studentNo: {studentNo}' },
  'form.instructions': {
    'zh-CN': '请在每道题最符合你情况的一个方框内打 ✓。答案没有对错，只有学校心理教师会看到。',
    en: 'Tick the one box that fits you best for each item. There are no right or wrong answers; only the school psychology teachers see them.',
  },
  'form.continued': { 'zh-CN': '（续）', en: '(continued)' },
  'form.none': {
    'zh-CN': '本班在该测评中没有需要填写纸质问卷的学生。',
    en: 'No student of this class has a questionnaire in this campaign.',
  },
} satisfies Record<string, Localized>;

export type PaperMessageKey = keyof typeof MESSAGES;

/** Both languages, for job reports read later in whichever language the reader uses. */
export function paperMessage(
  key: PaperMessageKey,
  params: Record<string, string | number> = {},
  perLocale?: Partial<Record<Locale, Record<string, string | number>>>,
): Localized {
  return {
    'zh-CN': fill(MESSAGES[key]['zh-CN'], { ...params, ...perLocale?.['zh-CN'] }),
    en: fill(MESSAGES[key].en, { ...params, ...perLocale?.en }),
  };
}

export function pt(key: PaperMessageKey, locale: Locale, params: Record<string, string | number> = {}): string {
  return fill(MESSAGES[key][locale], params);
}
