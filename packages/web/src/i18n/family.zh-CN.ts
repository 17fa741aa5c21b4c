// 家长的“我的家庭”页与家长学校：中文界面文字。
const family = {
  title: '我的家庭',
  intro: '学校需要您决定的事，和家长学校的讲座，都在这里。',
  referrals: '转介知情同意',
  referralsEmpty: '目前没有需要您确认的转介。',
  referralTitle: '转介至 {{hospital}}',
  aboutChild: '关于孩子：{{name}}（{{school}}）',
  proposedAt: '学校提出时间：{{time}}',
  fastTrack: '绿色通道',
  consentText: '知情同意书',
  consent: '同意转介',
  refuse: '暂不同意',
  consentAfterAll: '改为同意转介',
  refuseTitle: '确定暂不同意转介吗？',
  refuseText: '学校心理老师会收到您的决定，并与您联系沟通。您之后仍可在这里改为同意。',
  done: { granted: '已同意，医院医生现在可以查看转介单。', refused: '已记录您的决定，学校会与您联系。' },
  state: { waiting: '待您确认', refused: '您暂未同意', consented: '您已同意' },
  decidedAt: '决定时间：{{time}}',
  lectures: '家长学校',
  lecturesEmpty: '本学期暂无讲座。',
  lectureWhen: '{{time}} · {{hours}} 学时',
  attend: '我已参加',
  attended: '已参加',
  attendedDone: '已记录参加。',
  certificateHours: '已累计 {{hours}} 学时',
};

export default family;
export type FamilyResources = typeof family;
