/** Roles of the service (see shared/design/glossary.md). A person may hold several bindings. */
export const ROLES = [
  'system_admin',
  'city_staff',
  'district_staff',
  'school_leader',
  'psych_teacher',
  'head_teacher',
  'teacher',
  'dormitory_staff',
  'peer_supporter',
  'hospital_doctor',
  'hotline_counselor',
  'supervisor',
  'guardian',
  'student',
] as const;
export type Role = (typeof ROLES)[number];

/**
 * Org levels a role can be bound to. `person` binds a student to themself and a guardian to one child;
 * `hospital` binds a doctor to the hospital whose referrals they may see.
 */
export const SCOPE_LEVELS = ['city', 'district', 'school', 'grade', 'class', 'hospital', 'person'] as const;
export type ScopeLevel = (typeof SCOPE_LEVELS)[number];

/** Which scope levels make sense for each role; binding anything else is refused. */
export const ROLE_SCOPE_LEVELS: Record<Role, readonly ScopeLevel[]> = {
  system_admin: ['city', 'district', 'school'],
  city_staff: ['city'],
  district_staff: ['district'],
  school_leader: ['school'],
  psych_teacher: ['school'],
  head_teacher: ['class'],
  teacher: ['school'],
  dormitory_staff: ['school'],
  peer_supporter: ['class'],
  hospital_doctor: ['hospital'],
  hotline_counselor: ['city'],
  supervisor: ['city', 'district'],
  guardian: ['person'],
  student: ['person'],
};

/** Roles held by staff accounts (signed in with a username), as opposed to students and guardians. */
export const STAFF_ROLES: readonly Role[] = ROLES.filter((r) => r !== 'student' && r !== 'guardian');
