// Shapes of the HTTP API v1 the web reads across pages, named from the server's document (contract.ts).
import type { Answer, ItemOf, RequestBody } from './contract';

export type Locale = RequestBody<'/api/v1/me/locale', 'put'>['locale'];

export type Session = Answer<'/api/v1/session'>;
export type SessionUser = Session['user'];
export type RoleBinding = SessionUser['bindings'][number];
export type ScopeRef = RoleBinding['scope'];

/** The contract's paged list answer (the server's `paged()`), for any item: its paging members as any list has them. */
export type Page<T> = Omit<Answer<'/api/v1/alerts'>, 'items'> & { items: T[] };

export type OrgUnitDetail = Answer<'/api/v1/org/units/{id}'>;
export type OrgUnit = ItemOf<Answer<'/api/v1/org/units'>>;
export type OrgAncestor = OrgUnitDetail['ancestors'][number];
export type OrgKind = OrgUnit['kind'];
export type NewOrgUnit = RequestBody<'/api/v1/org/units', 'post'>;
export type OrgUnitChange = RequestBody<'/api/v1/org/units/{id}', 'patch'>;
export type SchoolStage = NonNullable<NewOrgUnit['stage']>;
export type Hospital = ItemOf<Answer<'/api/v1/org/hospitals'>>;
export type NewHospital = RequestBody<'/api/v1/org/hospitals', 'post'>;
export type HospitalChange = RequestBody<'/api/v1/org/hospitals/{id}', 'patch'>;
export type SchoolYear = ItemOf<Answer<'/api/v1/org/school-years'>>;
export type NewSchoolYear = RequestBody<'/api/v1/org/school-years', 'post'>;
export type SchoolYearChange = RequestBody<'/api/v1/org/school-years/{code}', 'patch'>;
export type RolloverPreview = Answer<'/api/v1/org/rollover/preview', 'post'>;
export type SchoolRollover = RolloverPreview['schools'][number];

export type StudentListItem = ItemOf<Answer<'/api/v1/students'>>;
export type StudentDetail = Answer<'/api/v1/students/{id}'>;
export type Guardian = StudentDetail['guardians'][number];
export type Enrollment = StudentDetail['enrollments'][number];
export type StudentAccount = NonNullable<StudentDetail['account']>;

/** `GET /api/v1/me/profile`: a student's own profile, or a guardian's children. */
export type MyProfile = Answer<'/api/v1/me/profile'>;

type JobView = Answer<'/api/v1/jobs/{id}'>;
export type JobStatus = JobView['status'];
export type JobRowError = NonNullable<JobView['errors']>[number];

/** What a job reports on success, one shape per kind of job. */
export type JobResult = NonNullable<JobView['result']>;
/** What a roster import reports on success. */
export type ImportResult = Extract<JobResult, { created: number }>;
/** What a year-end rollover reports on success. */
export type RolloverResult = Extract<JobResult, { promoted: number }>;

/** A background job; `R` is what its kind reports on success (a roster import's counts by default). */
export type Job<R = ImportResult> = Omit<JobView, 'result'> & { result: R | null };

export type LockedAccount = ItemOf<Answer<'/api/v1/accounts/locked'>>;
export type StaffMember = ItemOf<Answer<'/api/v1/staff'>>;
/** A four-eyes role grant: asked for by an administrator, decided by the school leader or a centre. */
export type GrantRequest = ItemOf<Answer<'/api/v1/role-grants'>>;
export type AuditEntry = ItemOf<Answer<'/api/v1/audit'>>;

/** What a list endpoint may return: the contract's paged object, or a bare array. */
export type Listing<T> = Page<T> | T[] | { items: T[]; total: number };
