import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type DateOnly = ColumnType<string, string, string>;

export interface OrgUnitTable {
  id: Generated<string>;
  kind: 'city' | 'district' | 'school' | 'grade' | 'class';
  parent_id: string | null;
  city_id: string;
  district_id: string | null;
  school_id: string | null;
  grade_id: string | null;
  code: string | null;
  name_zh: string;
  name_en: string | null;
  stage: string | null;
  grade_level: number | null;
  class_no: number | null;
  sort: Generated<number>;
  created_at: Generated<Date>;
}

export interface SchoolYearTable {
  city_id: string;
  code: string;
  starts_on: DateOnly;
  ends_on: DateOnly;
  term1_ends_on: DateOnly;
  is_current: Generated<boolean>;
}

export interface HospitalTable {
  id: Generated<string>;
  city_id: string;
  name_zh: string;
  name_en: string | null;
  created_at: Generated<Date>;
}

export interface StudentTable {
  id: Generated<string>;
  city_id: string;
  district_id: string;
  school_id: string;
  grade_id: string;
  class_id: string;
  student_no: string;
  name: string;
  gender: 'male' | 'female';
  birth_date: DateOnly | null;
  boarding: Generated<boolean>;
  care_tags: ColumnType<string[], string[] | undefined, string[]>;
  status: Generated<'active' | 'left' | 'graduated'>;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface EnrollmentTable {
  id: Generated<string>;
  student_id: string;
  city_id: string;
  district_id: string;
  school_id: string;
  grade_id: string;
  class_id: string;
  school_year: string;
  started_at: Timestamp;
  ended_at: Date | null;
}

export interface GuardianTable {
  id: Generated<string>;
  city_id: string;
  name: string;
  phone: string;
  created_at: Generated<Date>;
}

export interface StudentGuardianTable {
  student_id: string;
  guardian_id: string;
  relation: string;
  district_id: string;
  school_id: string;
}

export interface UserAccountTable {
  id: Generated<string>;
  kind: 'staff' | 'student' | 'guardian';
  username: string;
  display_name: string;
  password_hash: string;
  student_id: string | null;
  guardian_id: string | null;
  city_id: string;
  district_id: string | null;
  school_id: string | null;
  full_time: boolean | null;
  locale: Generated<'zh-CN' | 'en'>;
  must_change_password: Generated<boolean>;
  activated_at: Date | null;
  disabled_at: Date | null;
  failed_attempts: Generated<number>;
  locked_until: Date | null;
  password_changed_at: Date | null;
  created_at: Generated<Date>;
}

export interface RoleBindingTable {
  id: Generated<string>;
  user_id: string;
  role: string;
  scope_level: string;
  scope_id: string;
  city_id: string;
  district_id: string | null;
  school_id: string | null;
  granted_by: string | null;
  created_at: Generated<Date>;
}

export interface UserSessionTable {
  token_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: Generated<Date>;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: Date | null;
  ip: string | null;
  user_agent: string | null;
}

export interface SigninThrottleTable {
  client_key: string;
  window_started_at: Timestamp;
  failures: number;
}

export interface AuditHeadTable {
  chain: string;
  seq: number;
  hash: string;
  prev_hash: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  chain: string;
  seq: number;
  at: Timestamp;
  user_id: string | null;
  username: string | null;
  binding_id: string | null;
  role: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  city_id: string | null;
  district_id: string | null;
  school_id: string | null;
  outcome: string;
  request_id: string | null;
  payload: string;
  prev_hash: string;
  hash: string;
}

export interface JobTable {
  id: Generated<string>;
  kind: string;
  status: Generated<'queued' | 'running' | 'failed' | 'succeeded'>;
  phase: string | null;
  processed: Generated<number>;
  total: Generated<number>;
  result: ColumnType<unknown, string | null | undefined, string | null>;
  errors: ColumnType<unknown, string | null | undefined, string | null>;
  created_by: string | null;
  city_id: string;
  district_id: string | null;
  school_id: string | null;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface CitySettingTable {
  city_id: string;
  key: string;
  value: ColumnType<unknown, string, string>;
  updated_at: Timestamp;
}

export interface MigrationTable {
  version: number;
  name: string;
  applied_at: Generated<Date>;
}

export interface InstrumentVersionTable {
  code: string;
  version: number;
  definition: ColumnType<unknown, string, string>;
  status: Generated<'active' | 'retired'>;
  source: Generated<'builtin' | 'edited' | 'fhir_import'>;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface CampaignTable {
  id: Generated<string>;
  city_id: string;
  district_id: string | null;
  school_id: string | null;
  owner_level: 'city' | 'district' | 'school';
  owner_id: string;
  kind: 'universal' | 'intake' | 'targeted' | 'monitoring';
  name: string;
  school_year: string;
  term: number | null;
  opens_at: Timestamp;
  closes_at: Timestamp;
  notice_zh: Generated<string>;
  notice_en: Generated<string>;
  consent_required_under_age: Generated<number>;
  status: Generated<'draft' | 'published' | 'cancelled'>;
  published_at: Date | null;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface CampaignTargetTable {
  campaign_id: string;
  org_unit_id: string;
}

export interface CampaignStudentTable {
  campaign_id: string;
  student_id: string;
}

export interface CampaignInstrumentTable {
  campaign_id: string;
  grade_from: number;
  grade_to: number;
  instrument_code: string;
  instrument_version: number;
  respondent: 'self' | 'guardian';
  sort: Generated<number>;
}

export interface ScreeningAssignmentTable {
  id: Generated<string>;
  campaign_id: string;
  student_id: string;
  respondent: 'self' | 'guardian';
  city_id: string;
  district_id: string;
  school_id: string;
  grade_id: string;
  class_id: string;
  instruments: ColumnType<Array<{ code: string; version: number }>, string, string>;
  consent_status: 'not_required' | 'pending' | 'granted' | 'refused';
  status: Generated<'pending' | 'in_progress' | 'completed' | 'declined'>;
  started_at: Date | null;
  completed_at: Date | null;
  last_reminded_at: Date | null;
  reminder_count: Generated<number>;
}

export interface ConsentRecordTable {
  id: Generated<string>;
  campaign_id: string;
  student_id: string;
  city_id: string;
  district_id: string;
  school_id: string;
  kind: 'guardian_consent' | 'student_decline';
  decision: 'granted' | 'refused' | 'withdrawn' | 'declined';
  guardian_id: string | null;
  method: 'online' | 'paper';
  recorded_by: string | null;
  note: string | null;
  recorded_at: Generated<Date>;
}

export interface ResponseDraftTable {
  assignment_id: string;
  answers: ColumnType<Record<string, Array<number | null>>, string, string>;
  position: ColumnType<unknown, string | null, string | null>;
  district_id: string;
  school_id: string;
  started_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface ScreeningResponseTable {
  id: Generated<string>;
  submission_id: string;
  assignment_id: string | null;
  campaign_id: string | null;
  student_id: string;
  city_id: string;
  district_id: string;
  school_id: string;
  grade_id: string;
  class_id: string;
  instrument_code: string;
  instrument_version: number;
  respondent: 'self' | 'guardian';
  answers: ColumnType<Array<number | null>, string, string>;
  total: number | null;
  band: string | null;
  critical_flags: ColumnType<string[], string[] | undefined, string[]>;
  valid: boolean;
  subscales: ColumnType<unknown, string | undefined, string>;
  reasons: ColumnType<unknown, string | undefined, string>;
  careless: ColumnType<string[], string | undefined, string>;
  duration_ms: number | null;
  source: Generated<'online' | 'paper'>;
  submitted_by: string | null;
  submitted_at: Generated<Date>;
}

export interface TierAssessmentTable {
  id: Generated<string>;
  student_id: string;
  campaign_id: string | null;
  city_id: string;
  district_id: string;
  school_id: string;
  grade_id: string;
  class_id: string;
  suggested_tier: number;
  suggested_reasons: ColumnType<unknown, string | undefined, string>;
  rule_set_version: string | null;
  status: Generated<'suggested' | 'confirmed'>;
  confirmed_tier: number | null;
  review_reason: string | null;
  talk_record: string | null;
  reviewed_by: string | null;
  reviewed_at: Date | null;
  created_at: Generated<Date>;
}

export interface StudentTierTable {
  student_id: string;
  tier: number;
  assessment_id: string | null;
  city_id: string;
  district_id: string;
  school_id: string;
  class_id: string;
  confirmed_by: string | null;
  confirmed_at: Timestamp;
}

export interface AlertTable {
  id: Generated<string>;
  city_id: string;
  district_id: string;
  school_id: string;
  grade_id: string;
  class_id: string;
  student_id: string;
  source: 'screening' | 'observation' | 'hotline' | 'counseling' | 'tier_change';
  urgency: 'crisis' | 'high' | 'attention';
  reasons: ColumnType<unknown, string | undefined, string>;
  response_id: string | null;
  status: Generated<'open' | 'acknowledged' | 'closed'>;
  due_at: Timestamp;
  created_at: Generated<Date>;
  acknowledged_at: Date | null;
  acknowledged_by: string | null;
}

export interface Database {
  org_unit: OrgUnitTable;
  school_year: SchoolYearTable;
  hospital: HospitalTable;
  student: StudentTable;
  enrollment: EnrollmentTable;
  guardian: GuardianTable;
  student_guardian: StudentGuardianTable;
  user_account: UserAccountTable;
  role_binding: RoleBindingTable;
  user_session: UserSessionTable;
  signin_throttle: SigninThrottleTable;
  audit_head: AuditHeadTable;
  audit_log: AuditLogTable;
  job: JobTable;
  city_setting: CitySettingTable;
  schema_migration: MigrationTable;
  instrument_version: InstrumentVersionTable;
  campaign: CampaignTable;
  campaign_target: CampaignTargetTable;
  campaign_student: CampaignStudentTable;
  campaign_instrument: CampaignInstrumentTable;
  screening_assignment: ScreeningAssignmentTable;
  consent_record: ConsentRecordTable;
  response_draft: ResponseDraftTable;
  screening_response: ScreeningResponseTable;
  tier_assessment: TierAssessmentTable;
  student_tier: StudentTierTable;
  alert: AlertTable;
}

export type OrgUnit = Selectable<OrgUnitTable>;
export type Student = Selectable<StudentTable>;
export type NewStudent = Insertable<StudentTable>;
export type StudentUpdate = Updateable<StudentTable>;
export type UserAccount = Selectable<UserAccountTable>;
