import type { Role } from './roles.js';

/**
 * Every thing a route can do is one of these actions. A route declares its action; the policy decides.
 * Keep names `resource.verb` so the role × route matrix reads like a table of duties.
 */
export const ACTIONS = [
  'org.read', // org tree with aggregate counts only
  'student.list', // names and 学籍号 of students in scope
  'student.read', // a student's page (audited)
  'student.write',
  'roster.import',
  'account.manage', // create/reset student and guardian accounts, clear lockouts
  'account.print', // print a class's initial credentials
  'staff.read',
  'staff.manage', // create staff, grant and revoke role bindings inside one's own subtree
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
  'response.read', // answers and scores (psychology staff only)
  'tier.read', // the confirmed tier and the next step, never answers
  'tier.review', // 复核: confirm or change a suggested tier after a follow-up talk
  'alert.read',
  'alert.acknowledge',
] as const;
export type Action = (typeof ACTIONS)[number];

// Administrators run the system; they do not take questionnaires or read answers, tiers and alerts:
// those are psychology staff's, and an admin binding must not become a back door to them.
// Consent is a guardian's decision, recorded by the guardian or by the teachers who collected the paper form.
const NOT_FOR_ADMINS: readonly Action[] = ['self.read', 'screening.take', 'consent.record', 'response.read', 'tier.read', 'tier.review', 'alert.read', 'alert.acknowledge'];
const ADMIN_ACTIONS: readonly Action[] = ACTIONS.filter((a) => !NOT_FOR_ADMINS.includes(a));

/**
 * What each role may do inside the scope it is bound to. District and city staff see aggregates, never
 * names: roster work above a school is done by a scoped system administrator.
 */
export const ROLE_ACTIONS: Record<Role, readonly Action[]> = {
  system_admin: ADMIN_ACTIONS,
  city_staff: ['org.read', 'staff.read', 'instrument.read', 'instrument.manage', 'scoring.compute', 'campaign.read', 'campaign.manage', 'completion.read'],
  district_staff: ['org.read', 'staff.read', 'instrument.read', 'scoring.compute', 'campaign.read', 'campaign.manage', 'completion.read'],
  supervisor: ['org.read', 'campaign.read', 'completion.read'],
  school_leader: [
    'org.read', 'student.list', 'student.read', 'staff.read', 'audit.read',
    'instrument.read', 'campaign.read', 'campaign.manage', 'completion.read', 'completion.remind', 'tier.read', 'alert.read',
  ],
  psych_teacher: [
    'org.read', 'student.list', 'student.read',
    'instrument.read', 'scoring.compute', 'campaign.read', 'campaign.manage', 'completion.read', 'completion.remind', 'consent.record',
    'response.read', 'tier.read', 'tier.review', 'alert.read', 'alert.acknowledge',
  ],
  head_teacher: ['org.read', 'student.list', 'student.read', 'account.print', 'campaign.read', 'completion.read', 'completion.remind', 'consent.record', 'tier.read'],
  peer_supporter: [],
  hospital_doctor: ['instrument.read', 'scoring.compute'],
  hotline_counselor: [],
  guardian: ['self.read', 'consent.record', 'screening.take'],
  student: ['self.read', 'screening.take'],
};
