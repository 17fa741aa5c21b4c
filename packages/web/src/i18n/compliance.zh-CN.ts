// 年度合规报告：中文界面文字。
const compliance = {
  title: '合规报告',
  titleOf: '{{unit}} · {{year}} 年度合规报告',
  year: '年度',
  school: '学校',
  allSchools: '本单位全部',
  exportPdf: '导出 PDF',
  exportXlsx: '导出 Excel',
  downloaded: '已下载 {{filename}}',
  note: '依据审计日志与相关记录生成，只含教职工账号与计数，不含学生信息。查看与导出本报告也会记入审计日志。',
  none: '本年度没有记录。',
  consentsHeld: '年末仍有效的监护人同意：{{n}} 份',
  section: {
    access: '记录访问',
    exports: '数据导出',
    consents: '知情同意',
    disclosures: '信息披露',
    retention: '保存与删除',
    accounts: '账号停用',
    refusals: '被拒绝的操作',
  },
  col: {
    username: '账号',
    role: '角色',
    target: '记录类型',
    events: '次数',
    users: '人数',
    action: '操作',
    kind: '类别',
    decision: '决定',
    count: '数量',
    told: '告知对象',
    outcome: '结果',
  },
};
export default compliance;
export type ComplianceResources = typeof compliance;
