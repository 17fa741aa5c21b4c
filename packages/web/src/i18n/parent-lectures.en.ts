// The staff's parent school page: English UI strings, same keys as parent-lectures.zh-CN.ts.
import type { ParentLecturesResources } from './parent-lectures.zh-CN';

const parentLectures: ParentLecturesResources = {
  title: 'Parent school',
  intro:
    "Plan the parent school's lectures per grade: each lecture also counts as the grade's supervision record. Once it has taken place, tick the guardians present on site; guardians can also mark themselves on the phone, and each is counted once.",
  school: 'School',
  plan: 'Plan a lecture',
  lectureTitle: 'Topic',
  heldAt: 'Held at',
  hours: 'Hours',
  hoursHelp: 'Hours this lecture counts for each guardian present (at least 0.25).',
  grades: 'For grades',
  termHelp: 'The lecture counts in the school year and term of its date.',
  create: 'Save lecture',
  created: 'Lecture saved; {{told}} guardians notified',
  list: 'Lectures',
  empty: 'No lectures yet.',
  held: 'Held',
  upcoming: 'Upcoming',
  attendance: 'Attendance',
  attendanceCount: '{{total}} of {{invited}} guardians',
  attendanceSplit: 'self-marked {{byGuardian}}, marked on site {{byStaff}}',
  take: 'Take attendance',
  takeTitle: 'Attendance: {{title}}',
  takeHelp:
    'Tick the guardians present, then save. Guardians already marked (also by themselves on the phone) are not counted twice.',
  guardian: 'Guardian',
  children: 'Child (class)',
  marked: 'Marked',
  markedBy: { guardian: 'By the guardian', staff: 'On site' },
  notMarked: 'Not marked',
  save: 'Save attendance ({{n}})',
  saved: '{{added}} marked; {{total}} present in all',
  noGuardians: 'No guardians are on record for these grades yet.',
  required: '{{field}} is required',
};
export default parentLectures;
