// 活动台账: the strings of the activities page, loaded with it (see activities.ts).
const zhCN = {
  title: '活动台账',
  intro:
    '登记主题班会、心理讲座、团体辅导和 5·25、10·10 主题活动。每条记录计入所在学期的督导统计；登记有误时作废并说明原因，不会删除。',
  headTeacherNote: '班主任可登记本班的主题班会；讲座、团辅等由心理教师或学校领导登记。',
  kinds: {
    class_meeting: '主题班会',
    lecture: '心理讲座',
    group_session: '团体辅导',
    day_5_25: '5·25 心理健康日活动',
    day_10_10: '10·10 世界精神卫生日活动',
  },
  term: '学期',
  termOption: '{{year}} 学年第 {{term}} 学期',
  counts: '本学期计数',
  countsNote: '已作废的记录不计入。',
  empty: '本学期还没有活动记录。',
  column: {
    heldOn: '日期',
    kind: '类型',
    title: '主题',
    class: '班级',
    participants: '人数',
    hours: '时长（小时）',
    recordedBy: '登记人',
    status: '状态',
  },
  schoolWide: '全校',
  valid: '有效',
  voided: '已作废',
  voidReason: '作废原因：{{reason}}',
  edit: '修改',
  void: '作废',
  voidTitle: '作废这条活动记录',
  voidHelp: '作废后记录保留，不再计入督导统计。',
  reason: '作废原因',
  reasonRequired: '请填写作废原因',
  voidedMsg: '已作废',
  form: {
    title: '登记活动',
    kind: '活动类型',
    topic: '活动主题',
    topicRequired: '请填写活动主题',
    heldOn: '活动日期',
    participants: '参加人数',
    hours: '时长（小时）',
    notes: '备注',
    notesHelp: '简要说明，最多 500 字；加密保存。',
    classRequired: '主题班会请选择班级',
    editTitle: '修改活动记录',
    updated: '已保存修改',
    cancelEdit: '取消修改',
    save: '保存',
    saved: '活动已登记',
  },
};
export default zhCN;

/** The same keys in every language, each a string. */
export type ActivitiesResources = { [K in keyof typeof zhCN]: Widen<(typeof zhCN)[K]> };
type Widen<T> = T extends string ? string : { [K in keyof T]: Widen<T[K]> };
