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
  /** Set instead of deleting (0022): students, enrollments and audit rows keep pointing at the unit. */
  deactivated_at: Generated<Date | null>;
  /** A district's guidance centre (区县学生心理健康指导中心), 0022. */
  centre_name: Generated<string | null>;
  /** A school's partner hospital (绿色通道, 0028): its referrals offer it first. */
  partner_hospital_id: Generated<string | null>;
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
  /** A partner hospital the city no longer works with (0022): not offered for new referrals. */
  deactivated_at: Generated<Date | null>;
  updated_at: Generated<Date | null>;
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
  certificate_level: Generated<'A' | 'B' | 'C' | 'D' | null>;
  qualification: Generated<string | null>;
  locale: Generated<'zh-CN' | 'en'>;
  must_change_password: Generated<boolean>;
  activated_at: Date | null;
  disabled_at: Date | null;
  failed_attempts: Generated<number>;
  locked_until: Date | null;
  password_changed_at: Date | null;
  created_at: Generated<Date>;
}

/** A binding as it was when revoked (0003_accounts.sql): who could see what, on which day, stays answerable. */
export interface RoleBindingRevokedTable {
  id: Generated<number>;
  binding_id: string;
  user_id: string;
  role: string;
  scope_level: string;
  scope_id: string;
  city_id: string;
  district_id: string | null;
  school_id: string | null;
  granted_by: string | null;
  granted_at: Timestamp;
  revoked_by: string | null;
  revoked_at: Generated<Date>;
}

/** A class's issued one-time passwords, kept encrypted for a week so the same slips can be downloaded again (0016). */
export interface CredentialBatchTable {
  id: Generated<string>;
  class_id: string;
  city_id: string;
  district_id: string;
  school_id: string;
  scope: 'new' | 'all';
  slip_count: number;
  slips_enc: string;
  issued_by: string;
  issued_at: Generated<Date>;
  expires_at: Timestamp;
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
  /** migrations/0012: the second factor a password-only session still owes; null for a full session. */
  second_factor: ColumnType<
    'verify' | 'enrol' | null,
    'verify' | 'enrol' | null | undefined,
    'verify' | 'enrol' | null
  >;
  /** migrations/0021: a screening-code session reaches only this assignment. */
  only_assignment_id: ColumnType<string | null, string | null | undefined, string | null>;
  screening_code_id: ColumnType<string | null, string | null | undefined, string | null>;
}

/** migrations/0021: a per-student screening code; only its SHA-256 is kept. */
export interface ScreeningCodeTable {
  id: Generated<string>;
  assignment_id: string;
  campaign_id: string;
  student_id: string;
  city_id: string;
  district_id: string;
  school_id: string;
  class_id: string;
  code_hash: string;
  confirm_birth_date: Generated<boolean>;
  issued_by: string;
  issued_at: Generated<Date>;
  revoked_at: Date | null;
  revoked_by: string | null;
}

export interface SigninThrottleTable {
  client_key: string;
  window_started_at: Timestamp;
  failures: number;
}

/** migrations/0012_grants_and_two_factor.sql */
export interface RoleGrantRequestTable {
  id: Generated<string>;
  user_id: string;
  role: string;
  scope_level: string;
  scope_id: string;
  city_id: string;
  district_id: string | null;
  school_id: string | null;
  requested_by: string;
  requested_at: Generated<Date>;
  status: Generated<'pending' | 'approved' | 'rejected'>;
  decided_by: string | null;
  decided_at: Date | null;
  binding_id: string | null;
}

export interface SigninBackoffTable {
  username_key: string;
  client_key: string;
  failures: number;
  last_failure_at: Timestamp;
}

export interface StaffTwoFactorTable {
  user_id: string;
  secret_enc: string;
  confirmed_at: Date | null;
  last_step: number | null;
  created_at: Generated<Date>;
}

export interface TwoFactorRecoveryCodeTable {
  user_id: string;
  code_hash: string;
  used_at: Date | null;
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

export interface AuditRefusalTallyTable {
  user_id: string;
  action: string;
  minute: Timestamp;
  count: Generated<number>;
  chain: string | null;
  seq: number | null;
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
  /** "<node>/<run>" of the process running the job (migration 0017); null on rows from before it. */
  owner: string | null;
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
  /** sha256 of the applied file; null only until the migrator's next start fills it in. */
  checksum: string | null;
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

/** Who reminded whom of a questionnaire or a consent (0005, 0015); delivery goes through the notification outbox. */
export interface ScreeningReminderTable {
  id: Generated<string>;
  campaign_id: string;
  assignment_id: string;
  student_id: string;
  recipient: 'student' | 'guardian';
  purpose: 'answer' | 'consent';
  city_id: string;
  district_id: string;
  school_id: string;
  class_id: string;
  reminded_by: string | null;
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
  active_ms: Generated<number>;
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
  /** Null for an observation's review: no screening score suggests a tier (0019). */
  suggested_tier: number | null;
  suggested_reasons: ColumnType<unknown, string | undefined, string>;
  rule_set_version: string | null;
  status: Generated<'suggested' | 'confirmed'>;
  confirmed_tier: number | null;
  review_reason: string | null;
  talk_record: string | null;
  reviewed_by: string | null;
  reviewed_at: Date | null;
  created_at: Generated<Date>;
  /** The observation alert this review answers (0019); null for a campaign's suggestion. */
  alert_id: string | null;
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
  source: 'screening' | 'observation' | 'hotline' | 'counseling' | 'tier_change' | 'mailbox';
  urgency: 'crisis' | 'high' | 'attention';
  reasons: ColumnType<unknown, string | undefined, string>;
  response_id: string | null;
  status: Generated<'open' | 'acknowledged' | 'closed'>;
  due_at: Timestamp;
  created_at: Generated<Date>;
  acknowledged_at: Date | null;
  acknowledged_by: string | null;
  escalation_level: Generated<'school' | 'leader' | 'district'>;
  escalated_at: Date | null;
  observation_id: string | null;
}

export interface ObservationTable {
  id: Generated<string>;
  city_id: string;
  district_id: string;
  school_id: string;
  grade_id: string;
  class_id: string;
  student_id: string;
  filed_by: string;
  filed_role: string;
  level: string | null;
  signs: string[];
  seen_at: Timestamp;
  urgency: 'crisis' | 'high' | 'attention';
  note_enc: string | null;
  client_id: string;
  created_at: Generated<Date>;
}

export interface AlertEventTable {
  id: Generated<number>;
  alert_id: string;
  kind: 'raised' | 'notified' | 'escalated' | 'acknowledged' | 'closed';
  at: ColumnType<Date, Date | string | undefined, Date | string>;
  actor_id: string | null;
  detail: ColumnType<unknown, string | undefined, string>;
}

export interface NotificationTable {
  id: Generated<string>;
  user_id: string;
  kind: string;
  alert_id: string | null;
  payload: ColumnType<unknown, string | undefined, string>;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
  read_at: Date | null;
}

export interface NotificationOutboxTable {
  id: Generated<string>;
  notification_id: string | null;
  channel: string;
  recipient_id: string;
  payload: ColumnType<unknown, string | undefined, string>;
  dedupe_key: string;
  status: Generated<'pending' | 'sending' | 'sent' | 'failed'>;
  attempts: Generated<number>;
  next_attempt_at: ColumnType<Date, Date | string | undefined, Date | string>;
  claimed_at: Date | null;
  sent_at: Date | null;
  last_error: string | null;
  created_at: Generated<Date>;
}

export interface NotificationLogTable {
  idempotency_key: string;
  channel: string;
  recipient_id: string;
  payload: ColumnType<unknown, string, string>;
  delivered_at: Generated<Date>;
}

// Cases (0008_cases.sql). Columns ending in _enc hold AES-GCM text from src/crypto, never plaintext.
interface CaseTenant {
  city_id: string;
  district_id: string;
  school_id: string;
}

export type CaseState = 'open' | 'assessing' | 'intervening' | 'referred' | 'following_up' | 'closing' | 'closed';

export interface CareCaseTable extends CaseTenant {
  id: Generated<string>;
  grade_id: string;
  class_id: string;
  student_id: string;
  state: ColumnType<CaseState, CaseState | undefined, CaseState>;
  risk_level: 'low' | 'moderate' | 'high' | 'imminent' | null;
  risk_reasons: ColumnType<string[], string | undefined, string>;
  assessment_enc: string | null;
  assessed_at: Date | null;
  plan: ColumnType<unknown, string | null | undefined, string | null>;
  plan_enc: string | null;
  planned_at: Date | null;
  conclusion_enc: string | null;
  guardian_informed_at: Date | null;
  guardian_contact_method: 'phone' | 'visit' | 'meeting' | 'online' | null;
  opened_by: string;
  opened_at: Generated<Date>;
  closed_at: Date | null;
  updated_at: Timestamp;
}

export interface CaseAlertTable extends CaseTenant {
  case_id: string;
  alert_id: string;
  linked_by: string | null;
  linked_at: Generated<Date>;
}

export interface CaseEventTable extends CaseTenant {
  id: Generated<string>;
  case_id: string;
  type: string;
  payload: ColumnType<Record<string, unknown>, string | undefined, string>;
  note_enc: string | null;
  actor_id: string | null;
  at: Generated<Date>;
}

export interface CaseHelperTable extends CaseTenant {
  id: Generated<string>;
  case_id: string;
  role: 'psych_teacher' | 'head_teacher' | 'peer' | 'guardian';
  user_id: string | null;
  name: string;
  created_at: Generated<Date>;
}

export interface FollowUpTable extends CaseTenant {
  id: Generated<string>;
  case_id: string;
  class_id: string;
  due_at: Timestamp;
  responsible_user_id: string;
  done_at: Date | null;
  done_by: string | null;
  outcome_enc: string | null;
  created_at: Generated<Date>;
  overdue_notified_at: Generated<Date | null>;
  escalated_notified_at: Generated<Date | null>;
}

type ReferralStatusColumn = 'awaiting_consent' | 'sent' | 'answered' | 'returned' | 'cancelled' | 'rerouted';

export interface ReferralTable extends CaseTenant {
  id: Generated<string>;
  case_id: string;
  student_id: string;
  hospital_id: string;
  fast_track: Generated<boolean>;
  reason_enc: string;
  summary_enc: string;
  status: ColumnType<ReferralStatusColumn, ReferralStatusColumn | undefined, ReferralStatusColumn>;
  consent_recorded_at: Date | null;
  consent_recorded_by: string | null;
  consent_guardian_name: string | null;
  consent_method: 'paper' | 'online' | 'in_person' | null;
  /** When the guardian really consented and how they were reached (0019); consent_recorded_at is the click. */
  consent_given_at: Date | null;
  consent_contact_method: 'phone' | 'visit' | 'meeting' | 'online' | null;
  /** The guardian who consented in the app, a refusal in the app, why staff recorded on a guardian's behalf (0030). */
  consent_guardian_id: Generated<string | null>;
  refused_at: Generated<Date | null>;
  refused_by_guardian: Generated<string | null>;
  consent_proxy_reason_enc: Generated<string | null>;
  visited_at: Date | null;
  recommendation_enc: string | null;
  admitted: boolean | null;
  feedback_by: string | null;
  feedback_at: Date | null;
  certificate_ref: string | null;
  reassessment_enc: string | null;
  return_plan_enc: string | null;
  returned_at: Date | null;
  return_occurred_at: Date | null;
  return_method: 'phone' | 'visit' | 'meeting' | 'online' | null;
  /** Cancelled or re-routed (0019): when, by whom and why (encrypted); the referral that replaced it. */
  ended_at: Date | null;
  ended_by: string | null;
  end_reason_enc: string | null;
  rerouted_to: string | null;
  /** The hospital's record of an admission (0019); the summary is AES-GCM text. */
  admitted_at: Date | null;
  discharged_at: Date | null;
  discharge_summary_enc: string | null;
  hospital_certificate_ref: string | null;
  stay_recorded_by: string | null;
  stay_recorded_at: Date | null;
  created_by: string;
  created_at: Generated<Date>;
}

export interface CaseApprovalTable extends CaseTenant {
  id: Generated<string>;
  case_id: string;
  kind: 'leader_review' | 'closure';
  outcome: 'refer' | 'no_referral' | 'approved' | 'rejected';
  note_enc: string | null;
  decided_by: string;
  decided_at: Generated<Date>;
}

export interface CaseDisclosureTable extends CaseTenant {
  id: Generated<string>;
  case_id: string;
  told: string[];
  reason_enc: string;
  disclosed_by: string;
  disclosed_at: Generated<Date>;
}

export interface CaseConferenceTable extends CaseTenant {
  id: Generated<string>;
  case_id: string;
  held_at: Timestamp;
  attendees: ColumnType<unknown, string, string>;
  conclusions_enc: string;
  recorded_by: string;
  created_at: Generated<Date>;
}

export interface SweepTable extends CaseTenant {
  id: Generated<string>;
  season: 'before_exams' | 'start_of_year' | 'spring' | 'before_graduation';
  created_by: string;
  created_at: Generated<Date>;
}

export interface SweepItemTable extends CaseTenant {
  id: Generated<string>;
  sweep_id: string;
  grade_id: string;
  class_id: string;
  student_id: string;
  reasons: string[];
  checked_at: Date | null;
  checked_by: string | null;
  note_enc: string | null;
}

export interface Database {
  org_unit: OrgUnitTable;
  school_year: SchoolYearTable;
  hospital: HospitalTable;
  student: StudentTable;
  enrollment: EnrollmentTable;
  guardian: GuardianTable;
  student_guardian: StudentGuardianTable;
  parent_lecture: ParentLectureTable;
  activity: ActivityTable;
  parent_lecture_grade: ParentLectureGradeTable;
  parent_lecture_attendance: ParentLectureAttendanceTable;
  user_account: UserAccountTable;
  role_binding: RoleBindingTable;
  role_binding_revoked: RoleBindingRevokedTable;
  credential_batch: CredentialBatchTable;
  user_session: UserSessionTable;
  screening_code: ScreeningCodeTable;
  signin_throttle: SigninThrottleTable;
  signin_backoff: SigninBackoffTable;
  role_grant_request: RoleGrantRequestTable;
  staff_two_factor: StaffTwoFactorTable;
  two_factor_recovery_code: TwoFactorRecoveryCodeTable;
  audit_head: AuditHeadTable;
  audit_log: AuditLogTable;
  audit_refusal_tally: AuditRefusalTallyTable;
  job: JobTable;
  city_setting: CitySettingTable;
  schema_migration: MigrationTable;
  instrument_version: InstrumentVersionTable;
  campaign: CampaignTable;
  campaign_target: CampaignTargetTable;
  campaign_student: CampaignStudentTable;
  campaign_instrument: CampaignInstrumentTable;
  screening_assignment: ScreeningAssignmentTable;
  screening_reminder: ScreeningReminderTable;
  consent_record: ConsentRecordTable;
  response_draft: ResponseDraftTable;
  screening_response: ScreeningResponseTable;
  tier_assessment: TierAssessmentTable;
  student_tier: StudentTierTable;
  alert: AlertTable;
  observation: ObservationTable;
  alert_event: AlertEventTable;
  notification: NotificationTable;
  notification_outbox: NotificationOutboxTable;
  notification_log: NotificationLogTable;
  care_case: CareCaseTable;
  case_alert: CaseAlertTable;
  case_event: CaseEventTable;
  case_helper: CaseHelperTable;
  follow_up: FollowUpTable;
  referral: ReferralTable;
  case_approval: CaseApprovalTable;
  case_disclosure: CaseDisclosureTable;
  case_conference: CaseConferenceTable;
  sweep: SweepTable;
  sweep_item: SweepItemTable;
  report_cell: ReportCellTable;
  report_delta: ReportDeltaTable;
  supervision_record: SupervisionRecordTable;
  hotline_call: HotlineCallTable;
  hotline_shift: HotlineShiftTable;
  counseling_room: CounselingRoomTable;
  duty_shift: DutyShiftTable;
  counseling_appointment: CounselingAppointmentTable;
  counseling_record: CounselingRecordTable;
  counseling_record_participant: CounselingRecordParticipantTable;
  counseling_room_closure: CounselingRoomClosureTable;
  counseling_feedback: CounselingFeedbackTable;
  mailbox_thread: MailboxThreadTable;
  mailbox_message: MailboxMessageTable;
  family_background: FamilyBackgroundTable;
  home_contact: HomeContactTable;
  staff_wellbeing_result: StaffWellbeingResultTable;
  staff_wellbeing_callback: StaffWellbeingCallbackTable;
  transfer: TransferTable;
  staff_training_year: StaffTrainingYearTable;
}

/** A staff member's training and supervision hours for one school year, from the staff registry (0034). */
export interface StaffTrainingYearTable {
  user_id: string;
  school_year: string;
  /** numeric: read as text, hence Number() where used. */
  training_hours: string | number | null;
  supervision_hours: string | number | null;
  updated_by: string | null;
  updated_at: Generated<Date>;
}

/** A request to move a student to another school, with its hand-over summary (0026); free text encrypted. */
export interface TransferTable {
  id: Generated<string>;
  city_id: string;
  student_id: string;
  kind: 'transfer' | 'graduation';
  status: Generated<'requested' | 'accepted' | 'declined' | 'cancelled'>;
  via: 'request' | 'import';
  case_disposition: 'hand_over' | 'close_before' | null;
  from_district_id: string;
  from_school_id: string;
  from_grade_id: string;
  from_class_id: string;
  to_district_id: string;
  to_school_id: string;
  to_class_id: string | null;
  handed_case_id: string | null;
  requested_by: string;
  requested_at: Generated<Date>;
  decided_by: string | null;
  decided_at: Date | null;
  summary_tier: number | null;
  summary_case_open: boolean | null;
  summary_follow_up_enc: string | null;
  summary_attention_enc: string | null;
  summary_written_by: string | null;
  summary_written_at: Date | null;
  summary_signed_by: string | null;
  summary_signed_at: Date | null;
  updated_at: Generated<Date>;
}

/** A call the city centre's hotline answered (0023); free text is encrypted. */
export interface HotlineCallTable {
  id: Generated<string>;
  city_id: string;
  started_at: Timestamp;
  duration_minutes: number;
  caller_type: 'student' | 'guardian' | 'teacher' | 'other';
  anonymous: boolean;
  student_id: string | null;
  caller_name_enc: string | null;
  caller_school_enc: string | null;
  caller_class_enc: string | null;
  topics: ColumnType<string[], string[] | undefined, string[]>;
  risk: 'none' | 'low' | 'medium' | 'high' | 'imminent';
  intervention_enc: string | null;
  outcome: 'resolved' | 'advised' | 'referred' | 'emergency_services';
  follow_up_enc: string | null;
  follow_up_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  notes_enc: string | null;
  alert_id: string | null;
  recorded_by: string;
  client_id: string;
  created_at: Generated<Date>;
}

export interface HotlineShiftTable {
  id: Generated<string>;
  city_id: string;
  counselor_id: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  created_by: string;
  created_at: Generated<Date>;
}

/** 心理辅导室 (0024): a school's counseling room. */
export interface CounselingRoomTable {
  id: Generated<string>;
  city_id: string;
  district_id: string;
  school_id: string;
  name: string;
  location: Generated<string>;
  created_by: string | null;
  created_at: Generated<Date>;
}

/** One line of a room's weekly duty roster (值班表), 0024. */
export interface DutyShiftTable {
  id: Generated<string>;
  room_id: string;
  city_id: string;
  district_id: string;
  school_id: string;
  weekday: number;
  start_min: number;
  end_min: number;
  slot_minutes: number;
  teacher_id: string;
  created_at: Generated<Date>;
}

export interface CounselingAppointmentTable {
  id: Generated<string>;
  city_id: string;
  district_id: string;
  school_id: string;
  grade_id: string;
  class_id: string;
  student_id: string;
  room_id: string;
  teacher_id: string | null;
  starts_at: Timestamp;
  ends_at: Timestamp;
  kind: 'booked' | 'walk_in';
  status: ColumnType<
    'booked' | 'confirmed' | 'attended' | 'no_show' | 'cancelled',
    'booked' | 'confirmed' | 'attended' | 'no_show' | 'cancelled' | undefined,
    'booked' | 'confirmed' | 'attended' | 'no_show' | 'cancelled'
  >;
  booked_by: string;
  booked_role: string;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  /** When the day-before and the two-hours-before reminders went out (0035); a reschedule clears them. */
  reminded_day_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  reminded_soon_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  rescheduled_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

/** The duty log (0035): a rostered day a counseling room did not open. */
export interface CounselingRoomClosureTable {
  room_id: string;
  city_id: string;
  district_id: string;
  school_id: string;
  on_date: DateOnly;
  recorded_by: string;
  recorded_at: Generated<Date>;
}

/** A student who took part in a group session (团体辅导), 0035. */
export interface CounselingRecordParticipantTable {
  record_id: string;
  student_id: string;
}

/** A counseling session's six-part record (Changzhou §7); every part encrypted. */
export interface CounselingRecordTable {
  id: Generated<string>;
  city_id: string;
  district_id: string;
  school_id: string;
  grade_id: string;
  class_id: string;
  student_id: string;
  appointment_id: string | null;
  counselor_id: string;
  session_type: 'individual' | 'group' | 'phone' | 'online';
  held_at: Timestamp;
  duration_minutes: number;
  outcome: 'resolved' | 'continue' | 'escalate';
  state_enc: string;
  problem_enc: string;
  assessment_enc: string;
  analysis_enc: string;
  measures_enc: string;
  evaluation_enc: string;
  alert_id: string | null;
  case_id: string | null;
  created_at: Generated<Date>;
}

/** A 重点反馈 to the head teachers of a counseled student: a disclosure, the note encrypted. */
export interface CounselingFeedbackTable {
  id: Generated<string>;
  city_id: string;
  district_id: string;
  school_id: string;
  class_id: string;
  record_id: string;
  student_id: string;
  sent_by: string;
  told_user_ids: string[];
  note_enc: string;
  sent_at: Generated<Date>;
}

/** 家长学校 (0030): a lecture for guardians of some grades of a school, and who attended. */
export interface ParentLectureTable {
  id: Generated<string>;
  city_id: string;
  district_id: string;
  school_id: string;
  title: string;
  held_at: Date;
  hours: number | string;
  created_by: string;
  created_at: Generated<Date>;
}

/** 活动台账 (migration 0033): a school's activities, counted per term in supervision; voided, never deleted. */
export interface ActivityTable {
  id: Generated<string>;
  city_id: string;
  district_id: string;
  school_id: string;
  grade_id: string | null;
  class_id: string | null;
  kind: 'class_meeting' | 'lecture' | 'group_session' | 'day_5_25' | 'day_10_10';
  title: string;
  held_on: DateOnly;
  school_year: string;
  term: number;
  participants: number;
  hours: number | string;
  notes_enc: string | null;
  recorded_by: string;
  client_id: string;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  voided_at: Date | null;
  voided_by: string | null;
  void_reason: string | null;
}

export interface ParentLectureGradeTable {
  lecture_id: string;
  grade_id: string;
}

export interface ParentLectureAttendanceTable {
  lecture_id: string;
  guardian_id: string;
  city_id: string;
  district_id: string;
  school_id: string;
  source: 'guardian' | 'staff';
  recorded_by: string;
  recorded_at: Generated<Date>;
}

/** A 心理信箱 thread (0031): an anonymous one has no student, grade or class, only the writer's HMAC tag. */
export interface MailboxThreadTable {
  id: Generated<string>;
  city_id: string;
  district_id: string;
  school_id: string;
  grade_id: string | null;
  class_id: string | null;
  student_id: string | null;
  anonymous: boolean;
  sender_tag: string;
  reply_to_enc: string;
  client_id: string;
  risk_reason_enc: string | null;
  risk_marked_by: string | null;
  risk_marked_at: Date | null;
  alert_id: string | null;
  created_at: Generated<Date>;
  last_at: Generated<Date>;
}

export interface MailboxMessageTable {
  id: Generated<string>;
  thread_id: string;
  author: 'student' | 'teacher';
  author_id: string | null;
  body_enc: string;
  client_id: string;
  created_at: Generated<Date>;
}

export interface SupervisionRecordTable {
  id: Generated<string>;
  city_id: string;
  district_id: string;
  school_id: string;
  school_year: string;
  term: number;
  kind: 'lesson' | 'training' | 'guardian_lecture' | 'family_contact' | 'counseling_hours';
  occurred_on: DateOnly;
  class_id: string | null;
  grade_id: string | null;
  student_id: string | null;
  staff_id: string | null;
  staff_group: 'psych_full_time' | 'psych_part_time' | 'head_teacher' | 'all_staff' | null;
  certificate: 'A' | 'B' | 'C' | 'D' | null;
  supervision: Generated<boolean>;
  hours: number | string;
  topic: Generated<string>;
  recorded_by: string | null;
  created_at: Generated<Date>;
}

/** Pre-aggregated screening counts kept by triggers (migration 0009); read by the reports only. */
/** Count changes committed by writes and not yet folded into report_cell (see report_fold()). */
export interface ReportDeltaTable {
  campaign_id: string;
  student_id: string;
  grade_id: string;
  measure: ReportCellTable['measure'];
  key: string;
  delta: number;
}

export interface ReportCellTable {
  campaign_id: string;
  care_tag: string;
  measure: 'participation' | 'band' | 'critical' | 'tier' | 'alert';
  city_id: string;
  district_id: string;
  school_id: string;
  grade_level: number;
  gender: string;
  key: string;
  /** One of 16 rows sharing a count (by student hash), so concurrent writers rarely wait on one row. */
  slot: number;
  n: number;
}

export type OrgUnit = Selectable<OrgUnitTable>;
export type Student = Selectable<StudentTable>;
export type NewStudent = Insertable<StudentTable>;
export type StudentUpdate = Updateable<StudentTable>;
export type UserAccount = Selectable<UserAccountTable>;

/** One version of a student's family situation and growth history (0027); text encrypted. */
export interface FamilyBackgroundTable {
  id: Generated<string>;
  city_id: string;
  district_id: string;
  school_id: string;
  grade_id: string;
  class_id: string;
  student_id: string;
  version: number;
  family_enc: string;
  growth_enc: string;
  recorded_by: string;
  recorded_role: string;
  created_at: Generated<Date>;
}

/** A home visit, call or online meeting with a student's family (家访, 0027); the summary encrypted. */
export interface HomeContactTable {
  id: Generated<string>;
  city_id: string;
  district_id: string;
  school_id: string;
  grade_id: string;
  class_id: string;
  student_id: string;
  contacted_on: DateOnly;
  mode: 'visit' | 'phone' | 'online';
  participants: string;
  summary_enc: string;
  supervision_record_id: string | null;
  recorded_by: string;
  recorded_role: string;
  created_at: Generated<Date>;
}

/** A staff member's own self-screening (0029): score and band only, never the answers. */
export interface StaffWellbeingResultTable {
  id: Generated<string>;
  user_id: string;
  city_id: string;
  district_id: string | null;
  school_id: string | null;
  instrument_code: string;
  instrument_version: number;
  total: number | null;
  band: string | null;
  client_id: string;
  taken_at: Generated<Date>;
}

/** A call-back a staff member asked their guidance centre for (0029); the phone number is encrypted. */
export interface StaffWellbeingCallbackTable {
  id: Generated<string>;
  user_id: string;
  city_id: string;
  district_id: string | null;
  phone_enc: string;
  client_id: string;
  requested_at: Generated<Date>;
  done_at: Date | null;
  done_by: string | null;
}
