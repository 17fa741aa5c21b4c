import type { Role } from './roles.js';

/**
 * Every thing a route can do is one of these actions. A route declares its action; the policy decides.
 * Keep names `resource.verb` so the role × route matrix reads like a table of duties.
 */
export const ACTIONS = [
  'org.read', // org tree with aggregate counts only
  'org.manage', // build the org tree: districts, schools, grades, classes, partner hospitals, school years
  'student.list', // names and 学籍号 of students in scope
  'student.read', // a student's page (audited)
  'student.write',
  'roster.import',
  'account.manage', // create/reset student and guardian accounts, clear lockouts
  'account.print', // print a class's initial credentials
  'staff.read',
  'staff.manage', // create staff, grant and revoke role bindings inside one's own subtree
  'staff.approve', // the second person of a four-eyes grant: approve or reject a pending role grant
  'audit.read',
  'self.read', // a student's own profile, a guardian's child's profile
  // Screening (心理普测)
  'instrument.read', // the instrument library and its versions
  'instrument.manage', // new instrument versions, FHIR import
  'scoring.compute', // stateless scoring of paper forms; touches no record
  'campaign.read',
  'campaign.manage', // create and change campaigns inside one's scope
  'completion.read', // who has finished; names only where student.list is also held
  'completion.remind', // remind students (or guardians) who have not finished
  'consent.record', // record a guardian's consent or a student's refusal
  'screening.take', // a student answers their own questionnaire; a guardian a parent-report form
  'screening_code.manage', // issue and revoke a class's per-student screening codes (a cheap sign-in for one questionnaire)
  'response.read', // answers and scores (psychology staff only)
  'tier.read', // the confirmed tier and the next step, never answers
  'tier.review', // 复核: confirm or change a suggested tier after a follow-up talk
  'alert.read',
  'alert.acknowledge',
  'observation.file', // the warning network (预警网络) reports what it saw; filers never read it back
  'paper.print', // print a class's named paper forms and its answer template
  'paper.import', // enter a class's paper answers from a filled workbook
  // Cases (一案一清)
  'case.read', // a case with its timeline; reading notes is audited
  'case.manage', // open a case, assess, plan, act, schedule follow-ups, refer, ask for closure
  'case.approve', // the school leader's 研判 before a referral and approval of closure
  'case.stats', // counts of cases by tier, state and overdue, never names or notes
  'followup.own', // follow-ups assigned to oneself: see and complete them
  'sweep.manage', // start a seasonal sweep (季节性排查)
  'sweep.read', // sweep lists of one's students
  'sweep.check', // a head teacher marks a listed student checked
  'referral.read', // a partner hospital doctor: referral packets to their hospital, after guardian consent
  'referral.feedback', // the doctor's feedback: visit, recommendation, admission
  'parent_school.attend', // a guardian sees the parent-school lectures of their children's grades and marks attendance
  'referral.consent', // a guardian consents to (or refuses) a hospital referral of their own child, on the phone
  'report.read', // screening reports: suppressed aggregates; names only at school level with student.list and tier.read
  'supervision.read', // 督导 indicators of schools, computed from their records; no student data
  'supervision.record', // a school records its lessons, trainings, guardian lectures, family contacts, counseling hours
  'activity.record', // the school's activity ledger (主题班会, 讲座, 团辅, 5·25, 10·10): record, list, correct and void; which kinds is core's ACTIVITY_KINDS_BY_ROLE
  'compliance.read', // the yearly compliance report built from the audit log: counts of access, consents, disclosures, exports
  // The city centre's hotline (心理热线)
  'hotline.call', // record the centre's calls and read them (notes audited); tell a school about an identified student at risk
  'hotline.shift', // the centre's shift board: plan and cancel counselors' shifts, see the gaps in 24-hour coverage
  'hotline.report', // counts of calls by hour, topic, caller type and risk, suppressed like student reports; never a call
  // Counseling room (心理辅导室)
  'counseling.book', // book, list and cancel counseling appointments of a student in scope (a student: their own)
  'counseling.duty', // the room's staff: rooms, duty roster, the day's appointments, confirm, no-show, walk-in
  'counseling.record', // counseling records (辅导过程记录): write and read the six-part record
  // The student's archive (一生一档); which sections each role reads is core's archive READERS table
  'archive.read', // open a student's archive: only the sections the reader's roles read
  'archive.export', // the archive as a PDF (psychology teachers), audited as an export
  'family.record', // record a student's family situation and growth history and home contacts (家访)
  // Teachers' own wellbeing (教师心理健康自评)
  'wellbeing.self', // take one's own confidential self-screening and read one's own results, nobody else's
  'wellbeing.callback', // the district (or city) centre's queue of call-backs staff asked for: name, phone, time only
  'wellbeing.counts', // how many staff took a self-screening, by band, suppressed like student reports; never a person
  'peer.appoint', // appoint and remove a class's peer supporters (心理委员) from its students
  // Transfers and stage hand-over (转学、升学与心理档案转接)
  'transfer.request', // the sending school raises (or cancels) a request to move a student to another school
  'transfer.read', // transfer requests in or out of one's schools, never the hand-over summary
  'transfer.accept', // the receiving school accepts (placing the student in a class) or declines a request
  'transfer.handover', // the psychology teachers' hand-over summary: the sender writes and signs it, the receiver reads it
  // 心理信箱 (the mailbox)
  'mailbox.write', // a student writes to their school's psychology teachers, named or anonymous, and reads their own letters
  'mailbox.answer', // the school's psychology teachers read its letters (audited), answer them and mark a named one at risk
] as const;
export type Action = (typeof ACTIONS)[number];

// Administrators run the system; they do not take questionnaires or read answers, tiers and alerts:
// those are psychology staff's, and an admin binding must not become a back door to them.
// Consent is a guardian's decision, recorded by the guardian or by the teachers who collected the paper form.
const NOT_FOR_ADMINS: readonly Action[] = [
  'self.read',
  'screening.take',
  // A screening code opens a student's questionnaire: handed out by the class's own teachers, not by a system role.
  'screening_code.manage',
  'consent.record',
  'response.read',
  'tier.read',
  'tier.review',
  'alert.read',
  'alert.acknowledge',
  'observation.file',
  'paper.print',
  'paper.import',
  // Cases are psychology staff's and the leader's; the hospital sees only what a guardian consented to.
  'case.read',
  'case.manage',
  'case.approve',
  'case.stats',
  'followup.own',
  'sweep.manage',
  'sweep.read',
  'sweep.check',
  'referral.read',
  'referral.feedback',
  'referral.consent',
  'parent_school.attend',
  // Screening reports aggregate tiers and bands: psychology data, not system administration.
  'report.read',
  // A school's own staff record what they did; an administrator's binding does not make them the school.
  'supervision.record',
  'activity.record',
  // The hotline is the city centre's service: callers' words and the centre's counts are its counselors'.
  'hotline.call',
  'hotline.shift',
  'hotline.report',
  // The counseling room is the school's psychology staff's and its students'.
  'counseling.book',
  'counseling.duty',
  'counseling.record',
  // The archive gathers psychological records: an admin binding must not open it.
  'archive.read',
  'archive.export',
  'family.record',
  // An administrator may take their own self-screening (wellbeing.self reaches no one else's), but the
  // centre's call-back queue and the counts are the guidance centres' and the school leader's.
  'wellbeing.callback',
  'wellbeing.counts',
  // A class's peer supporters are chosen by its head teacher and the school's psychology teachers; an
  // administrator can still bind the role through the staff page.
  'peer.appoint',
  // The hand-over summary speaks of a student's tier and case: psychology teachers' alone.
  'transfer.handover',
  // The mailbox is between a student and the school's psychology teachers.
  'mailbox.write',
  'mailbox.answer',
];
const ADMIN_ACTIONS: readonly Action[] = ACTIONS.filter((a) => !NOT_FOR_ADMINS.includes(a));

/**
 * What each role may do inside the scope it is bound to. District and city staff see aggregates, never
 * names: roster work above a school is done by a scoped system administrator.
 */
export const ROLE_ACTIONS: Record<Role, readonly Action[]> = {
  system_admin: ADMIN_ACTIONS,
  city_staff: [
    'org.read',
    'staff.read',
    'staff.approve',
    'instrument.read',
    'instrument.manage',
    'scoring.compute',
    'campaign.read',
    'campaign.manage',
    'completion.read',
    'case.stats',
    'report.read',
    'supervision.read',
    'transfer.read',
    // The centre's head reads the hotline's counts, never a call.
    'hotline.report',
    'wellbeing.self',
    'wellbeing.callback',
    'wellbeing.counts',
  ],
  district_staff: [
    'org.read',
    'staff.read',
    'staff.approve',
    'instrument.read',
    'scoring.compute',
    'campaign.read',
    'campaign.manage',
    'completion.read',
    'case.stats',
    'report.read',
    'supervision.read',
    'wellbeing.self',
    'wellbeing.callback',
    'wellbeing.counts',
    'transfer.read',
  ],
  supervisor: ['org.read', 'campaign.read', 'completion.read', 'report.read', 'supervision.read', 'wellbeing.self'],
  school_leader: [
    'org.read',
    'student.list',
    'student.read',
    'staff.read',
    'staff.approve',
    'audit.read',
    'instrument.read',
    'campaign.read',
    'campaign.manage',
    'completion.read',
    'completion.remind',
    'tier.read',
    'alert.read',
    'report.read',
    'supervision.read',
    'supervision.record',
    'activity.record',
    'compliance.read',
    'case.read',
    'case.approve',
    'case.stats',
    'followup.own',
    'sweep.manage',
    'sweep.read',
    'paper.print',
    'paper.import',
    'observation.file',
    'archive.read',
    'wellbeing.self',
    'wellbeing.counts',
    'transfer.request',
    'transfer.read',
  ],
  psych_teacher: [
    'org.read',
    'student.list',
    'student.read',
    'instrument.read',
    'scoring.compute',
    'campaign.read',
    'campaign.manage',
    'completion.read',
    'completion.remind',
    'consent.record',
    'screening_code.manage',
    'response.read',
    'tier.read',
    'tier.review',
    'alert.read',
    'alert.acknowledge',
    'report.read',
    'supervision.read',
    'supervision.record',
    'activity.record',
    'case.read',
    'case.manage',
    'followup.own',
    'sweep.manage',
    'sweep.read',
    'sweep.check',
    'paper.print',
    'paper.import',
    'observation.file',
    'counseling.book',
    'counseling.duty',
    'counseling.record',
    'archive.read',
    'archive.export',
    'family.record',
    'wellbeing.self',
    'peer.appoint',
    'transfer.request',
    'transfer.read',
    'transfer.accept',
    'transfer.handover',
    'mailbox.answer',
  ],
  head_teacher: [
    'org.read',
    'student.list',
    'student.read',
    'account.print',
    'campaign.read',
    'completion.read',
    'completion.remind',
    'consent.record',
    'screening_code.manage',
    'tier.read',
    'paper.print',
    'followup.own',
    'sweep.read',
    'sweep.check',
    'observation.file',
    'counseling.book',
    'archive.read',
    'family.record',
    'wellbeing.self',
    'peer.appoint',
    // Their class's theme meetings (主题班会) only: core's ACTIVITY_KINDS_BY_ROLE.
    'activity.record',
  ],
  // Subject teachers and dormitory staff are eyes of the warning network: they report, they read nothing back.
  teacher: ['observation.file', 'wellbeing.self'],
  dormitory_staff: ['observation.file', 'wellbeing.self'],
  peer_supporter: ['observation.file'],
  hospital_doctor: ['instrument.read', 'scoring.compute', 'referral.read', 'referral.feedback', 'wellbeing.self'],
  hotline_counselor: ['hotline.call', 'hotline.shift', 'hotline.report', 'wellbeing.self'],
  guardian: [
    'self.read',
    'consent.record',
    'screening.take',
    'observation.file',
    'referral.consent',
    'parent_school.attend',
  ],
  student: ['self.read', 'screening.take', 'counseling.book', 'mailbox.write'],
};
