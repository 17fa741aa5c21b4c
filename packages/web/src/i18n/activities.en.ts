// The activity ledger's English strings, same keys as activities.zh-CN.ts.
import type { ActivitiesResources } from './activities.zh-CN';

const en: ActivitiesResources = {
  title: 'Activities',
  intro:
    'Record theme class meetings, mental-health lectures, group counseling sessions and the 5·25 and 10·10 activities. Each entry counts in its term’s supervision; a mistaken entry is voided with a reason, never deleted.',
  headTeacherNote:
    'Head teachers record their own class’s theme meetings; lectures, group sessions and the days are recorded by psychology teachers or school leaders.',
  kinds: {
    class_meeting: 'Theme class meeting',
    lecture: 'Mental-health lecture',
    group_session: 'Group counseling session',
    day_5_25: '5·25 mental health day activity',
    day_10_10: '10·10 World Mental Health Day activity',
  },
  term: 'Term',
  termOption: '{{year}} term {{term}}',
  counts: 'This term’s counts',
  countsNote: 'Voided entries are not counted.',
  empty: 'No activities recorded this term yet.',
  column: {
    heldOn: 'Date',
    kind: 'Kind',
    title: 'Title',
    class: 'Class',
    participants: 'Participants',
    hours: 'Hours',
    recordedBy: 'Recorded by',
    status: 'Status',
  },
  schoolWide: 'Whole school',
  valid: 'Counted',
  voided: 'Voided',
  voidReason: 'Voided: {{reason}}',
  void: 'Void',
  voidTitle: 'Void this entry',
  voidHelp: 'The entry stays in the ledger and no longer counts in supervision.',
  reason: 'Reason',
  reasonRequired: 'Give a reason',
  voidedMsg: 'Voided',
  form: {
    title: 'Record an activity',
    kind: 'Kind',
    topic: 'Title',
    topicRequired: 'Give the activity a title',
    heldOn: 'Date',
    participants: 'Participants',
    hours: 'Hours',
    notes: 'Notes',
    notesHelp: 'A short note, at most 500 characters; stored encrypted.',
    classRequired: 'A theme class meeting needs its class',
    save: 'Save',
    saved: 'Activity recorded',
  },
};
export default en;
