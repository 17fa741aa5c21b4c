import type { BookingRefusal, RosterProblem } from '@yuxin/core';
import type { Locale } from '../http/locale.js';
import { fillTemplate } from '../http/messages.js';
import { Problem, type ProblemKind } from '../http/problem.js';

type Catalog = Record<string, { 'zh-CN': string; en: string }>;

/** Texts of the counseling room: why a roster, a booking or a record is refused. */
const MESSAGES = {
  'school.not-school': { 'zh-CN': '请选择一所学校。', en: 'Choose a school.' },
  'room.name-taken': { 'zh-CN': '本校已有名为“{name}”的辅导室。', en: 'The school already has a room named "{name}".' },
  'room.not-of-school': {
    'zh-CN': '该辅导室不属于学生所在学校。',
    en: "This room is not one of the student's school.",
  },
  'roster.order': { 'zh-CN': '值班结束时间须晚于开始时间。', en: 'A duty shift must end after it starts.' },
  'roster.too_short': {
    'zh-CN': '值班时长不足一个预约时段。',
    en: 'The shift is shorter than one appointment slot.',
  },
  'roster.overlap': {
    'zh-CN': '同一天的值班时间不能重叠。',
    en: 'Two shifts on the same day overlap.',
  },
  'roster.teacher': {
    'zh-CN': '值班教师须为本校心理教师。',
    en: "The teacher on duty must be one of the school's psychology teachers.",
  },
  'booking.not_a_slot': {
    'zh-CN': '该时间不是辅导室的开放时段，请在值班表的时段中选择。',
    en: "The room is not open at that time; choose one of the duty roster's slots.",
  },
  'booking.in_past': { 'zh-CN': '该时段已过，请选择以后的时段。', en: 'That slot has passed; choose a later one.' },
  'booking.too_far': {
    'zh-CN': '只能预约 {days} 天内的时段。',
    en: 'Slots can be booked up to {days} days ahead.',
  },
  'booking.too_many': {
    'zh-CN': '该学生已有 {max} 个未到的预约，请先完成或取消其中一个。',
    en: 'The student already has {max} upcoming bookings; attend or cancel one first.',
  },
  'booking.taken': {
    'zh-CN': '该时段刚刚被预约，请选择其他时段。',
    en: 'That slot has just been booked; choose another one.',
  },
  'move.wrong_status': {
    'zh-CN': '预约当前为“{status}”，不能执行此操作。',
    en: 'The appointment is "{status}"; this step is not possible.',
  },
  'move.not_begun': {
    'zh-CN': '预约时间尚未开始，不能标记为未到。',
    en: 'The appointment has not begun; it cannot be marked as a no-show yet.',
  },
  'reschedule.wrong_status': {
    'zh-CN': '预约当前为“{status}”，不能改期。',
    en: 'The appointment is "{status}"; it cannot be moved.',
  },
  'reschedule.begun': {
    'zh-CN': '预约时间已到，不能再改期。',
    en: 'The appointment has begun; it can no longer be moved.',
  },
  'reschedule.same_slot': {
    'zh-CN': '请选择与原预约不同的时段。',
    en: 'Choose a slot other than the current one.',
  },
  'reminder.title': { 'zh-CN': '心理辅导预约提醒', en: 'Counseling appointment reminder' },
  'reminder.student.body': {
    'zh-CN': '你预约的心理辅导将于 {time} 在{location}开始，如不能前来请在育心平台取消或改期。',
    en: 'Your counseling appointment begins at {time} in {location}; if you cannot come, cancel or move it in Yuxin.',
  },
  'reminder.teacher.body': {
    'zh-CN': '{school}：{time} 在{location}有一位学生预约了心理辅导，由您值班接待。',
    en: '{school}: a student has a counseling appointment at {time} in {location}, on your duty.',
  },
  'guardian.notice.title': { 'zh-CN': '孩子的心理辅导预约', en: "Your child's counseling appointment" },
  'guardian.notice.booked': {
    'zh-CN': '学校为您的孩子预约了心理辅导：{time}，地点：{location}。如有疑问请联系班主任。',
    en: 'The school has booked a counseling appointment for your child: {time}, at {location}. Ask the head teacher if you have questions.',
  },
  'guardian.notice.confirmed': {
    'zh-CN': '您孩子的心理辅导预约已确认：{time}，地点：{location}。',
    en: "Your child's counseling appointment is confirmed: {time}, at {location}.",
  },
  'guardian.notice.rescheduled': {
    'zh-CN': '您孩子的心理辅导预约已改至：{time}，地点：{location}。',
    en: "Your child's counseling appointment has moved to {time}, at {location}.",
  },
  'guardian.not-by-student': {
    'zh-CN': '学生本人的预约不会通知家长。',
    en: "A student's own booking is never told to their guardians.",
  },
  'guardian.event-only': {
    'zh-CN': '只有预约、确认或改期时可以通知家长。',
    en: 'Guardians may be told only when an appointment is booked, confirmed or moved.',
  },
  'record.participants-group-only': {
    'zh-CN': '只有团体辅导可以填写参与学生。',
    en: 'Only a group session lists participating students.',
  },
  'record.participant-not-of-school': {
    'zh-CN': '参与学生须为本校在读学生。',
    en: "Participants must be students of the record's school.",
  },
  'referral.no-hospital': {
    'zh-CN': '学校尚未设置合作医院，请先在学校设置中指定或选择一家医院。',
    en: 'The school has no partner hospital yet; set one in the school settings or choose a hospital.',
  },
  'dutylog.has-bookings': {
    'zh-CN': '该天还有 {count} 个预约，请先改期或取消，再登记不开放。',
    en: 'That day still holds {count} booking(s); move or cancel them before marking the room closed.',
  },
  'status.booked': { 'zh-CN': '已预约', en: 'booked' },
  'status.confirmed': { 'zh-CN': '已确认', en: 'confirmed' },
  'status.attended': { 'zh-CN': '已到访', en: 'attended' },
  'status.no_show': { 'zh-CN': '未到', en: 'no-show' },
  'status.cancelled': { 'zh-CN': '已取消', en: 'cancelled' },
  'record.student-required': {
    'zh-CN': '请选择预约或学生。',
    en: 'Choose the appointment or the student.',
  },
  'record.text-required': { 'zh-CN': '请填写此项。', en: 'Fill in this part.' },
  'record.held-future': { 'zh-CN': '辅导时间不能晚于现在。', en: 'The session cannot be in the future.' },
  'record.alert-exists': {
    'zh-CN': '该辅导记录已生成预警或个案。',
    en: 'This record has already raised an alert or opened a case.',
  },
  'record.alert-reason-required': { 'zh-CN': '请说明预警原因。', en: 'Say why you raise the alert.' },
  'record.exists': { 'zh-CN': '该预约已有辅导记录。', en: 'This appointment already has a record.' },
  'feedback.no-head-teacher': {
    'zh-CN': '该学生所在班级还没有班主任，无法发送重点反馈。',
    en: "The student's class has no head teacher to send the feedback to.",
  },
  'feedback.notice.title': { 'zh-CN': '心理教师的重点反馈', en: 'Feedback from the psychology teacher' },
  'feedback.notice.body': {
    'zh-CN': '{school}心理教师就您班一名学生发来重点反馈，请在“心理辅导”页面查看。',
    en: '{school}: a psychology teacher sent feedback about a student of your class; read it on the Counseling page.',
  },
  'record.appointment-closed': {
    'zh-CN': '该预约已取消或未到，不能记录辅导。',
    en: 'The appointment was cancelled or missed; no session can be recorded on it.',
  },
} satisfies Catalog;

export type CounselingMessageKey = keyof typeof MESSAGES;

export function km(key: CounselingMessageKey, locale: Locale, params: Record<string, string | number> = {}): string {
  return fillTemplate((MESSAGES as Catalog)[key]![locale], params);
}

export function counselingProblem(
  locale: Locale,
  kind: ProblemKind,
  key: CounselingMessageKey,
  params?: Record<string, string | number>,
  field?: string,
): Problem {
  const message = km(key, locale, params);
  return new Problem(kind, {
    detail: message,
    ...(field ? { errors: [{ field, key: 'field.invalid', message }] } : {}),
  });
}

export function rosterProblemKey(p: RosterProblem): CounselingMessageKey {
  return `roster.${p.reason}`;
}

export function bookingRefusalKey(r: BookingRefusal): CounselingMessageKey {
  return `booking.${r}`;
}

export function isUniqueViolation(err: unknown): boolean {
  return (err as { code?: string } | null)?.code === '23505';
}
