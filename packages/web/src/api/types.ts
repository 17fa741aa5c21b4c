// Shapes of the HTTP API v1 (docs/api-v1.md). Only what the web reads.

export type Locale = 'zh-CN' | 'en';

export interface ScopeRef {
  level: string;
  id: string;
  name: string;
}

export interface RoleBinding {
  id: string;
  role: string;
  scope: ScopeRef;
}

export interface SessionUser {
  id: string;
  displayName: string;
  username?: string;
  kind: 'staff' | 'student' | 'guardian';
  locale: Locale;
  mustChangePassword: boolean;
  /** What a password-only session still owes: a TOTP code, or setting up an authenticator. */
  secondFactor?: 'verify' | 'enrol' | null;
  bindings: RoleBinding[];
}

export interface Session {
  user: SessionUser;
  csrfToken: string;
  nav: string[];
  /** Policy actions the user holds somewhere: the UI shows only the buttons that will work. */
  can?: string[];
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export type OrgKind = 'city' | 'district' | 'school' | 'grade' | 'class';

export interface OrgUnit {
  id: string;
  kind: OrgKind;
  name: string;
  nameEn?: string | null;
  parentId: string | null;
  stage: string | null;
  gradeLevel: number | null;
  studentCount: number;
  childCount: number;
}

export interface OrgAncestor {
  id: string;
  kind: OrgKind;
  name: string;
}

export interface OrgUnitDetail extends OrgUnit {
  ancestors: OrgAncestor[];
}

export interface StudentListItem {
  id: string;
  studentNo: string;
  name: string;
  gender: 'male' | 'female';
  birthDate: string;
  schoolId: string;
  schoolName: string;
  gradeName: string;
  className: string;
  careTags: string[];
  boarding: boolean;
}

export interface Guardian {
  id: string;
  name: string;
  relation: string;
  phone: string;
}

export interface Enrollment {
  schoolYear: string;
  schoolName: string;
  gradeName: string;
  className: string;
  from: string;
  to: string | null;
}

export interface StudentAccount {
  username: string;
  activated: boolean;
  locked: boolean;
}

export interface StudentDetail extends StudentListItem {
  districtName: string;
  guardians: Guardian[];
  enrollments: Enrollment[];
  account: StudentAccount | null;
}

/** `GET /api/v1/me/profile`: a student's own profile, or a guardian's children. */
export type MyProfile = Partial<StudentListItem> & {
  children?: Partial<StudentListItem>[];
  [key: string]: unknown;
};

export type JobStatus = 'queued' | 'running' | 'failed' | 'succeeded';

export interface JobRowError {
  row: number;
  field: string;
  message: string;
}

export interface ImportResult {
  created: number;
  updated: number;
  moved: number;
  unchanged: number;
}

/** A background job; `R` is what its kind reports on success (a roster import's counts by default). */
export interface Job<R = ImportResult> {
  id: string;
  kind: string;
  status: JobStatus;
  /** `parsing`, `validating`, `applying`, `done` (null before the job starts). */
  phase: string | null;
  processed: number;
  total: number;
  result: R | null;
  errors: JobRowError[] | null;
}

export interface LockedAccount {
  userId: string;
  username: string;
  displayName: string;
  lockedUntil: string;
  failedAttempts: number;
}

export interface StaffMember {
  userId: string;
  username: string;
  name: string;
  bindings: RoleBinding[];
  disabled: boolean;
  /** Roles asked for on creation that wait for a second person's approval. */
  pending?: Array<{ requestId: string; role: string; scope: ScopeRef; status: 'pending' }>;
}

/** A four-eyes role grant: asked for by an administrator, decided by the school leader or a centre. */
export interface GrantRequest {
  id: string;
  userId: string;
  username: string;
  name: string;
  role: string;
  scope: ScopeRef;
  requestedBy: string;
  requestedAt: string;
  status: 'pending' | 'approved' | 'rejected';
  mayDecide: boolean;
}

export interface AuditEntry {
  id: string;
  at: string;
  actorUsername: string;
  role: string;
  action: string;
  targetType: string;
  targetId: string;
  outcome: string;
  chain: string;
  seq: number;
}

/** What a list endpoint may return: the contract's paged object, or a bare array. */
export type Listing<T> = Page<T> | T[] | { items: T[]; total: number };
