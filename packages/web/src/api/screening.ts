// Screening (心理普测): the respondent's questionnaire, guardians' consent, and psychology staff's views.
import { api } from './client';
import type { Page } from './types';

/** `{ [instrumentCode]: (optionCode | null)[] }` — what was chosen, `null` for a blank. */
export type AnswerMap = Record<string, Array<number | null>>;

export interface DraftPosition {
  instrument: string;
  /** Index of the item in the instrument (0-based). */
  item: number;
}

export type AssignmentStatus = 'pending' | 'in_progress' | 'completed' | 'declined';
export type ConsentStatus = 'not_required' | 'pending' | 'granted' | 'refused';

export interface MyScreening {
  id: string;
  campaignId: string;
  campaignName: string;
  notice: string;
  opensAt: string;
  closesAt: string;
  respondent: 'self' | 'guardian';
  student: { id: string; name: string };
  status: AssignmentStatus;
  consent: ConsentStatus;
  canStart: boolean;
  /** Why it cannot be answered now, in neutral words. */
  message: string | null;
  progress: { answered: number; total: number };
}

export interface AnswerOption {
  code: number;
  label: string;
}

export interface AskCondition {
  items: number[];
  anyAnswerIn: number[];
  orSkipped: boolean;
}

export interface QuestionItem {
  number: number;
  linkId: string;
  text: string;
  required: boolean;
  options?: AnswerOption[];
  askedWhen?: AskCondition;
}

export interface QuestionnaireInstrument {
  code: string;
  version: number;
  name: string;
  shortName: string;
  instructions: string;
  options: AnswerOption[];
  items: QuestionItem[];
  footer: string | null;
}

export interface MyScreeningDetail extends MyScreening {
  instruments: QuestionnaireInstrument[];
  draft: { answers: AnswerMap; position: DraftPosition | null; updatedAt: string } | null;
}

export interface Receipt {
  receiptId: string;
  submittedAt: string;
  thankYou: { title: string; body: string };
  helpLines: Array<{ name: string; number: string }>;
}

export interface MyConsent {
  campaignId: string;
  campaignName: string;
  kind: string;
  status: string;
  opensAt: string;
  closesAt: string;
  noticeZh: string;
  noticeEn: string;
  student: { id: string; name: string };
  consentStatus: ConsentStatus;
  needsDecision: boolean;
  lastDecision: {
    decision: 'granted' | 'refused' | 'withdrawn';
    method: 'online' | 'paper';
    recordedAt: string;
  } | null;
  instruments: Array<{
    code: string;
    shortName: string;
    name: { zh: string; en: string };
    respondent: 'self' | 'guardian';
  }>;
}

export interface Labelled {
  id: string;
  label: string;
}

export interface ResultInstrument {
  responseId: string;
  code: string;
  version: number;
  shortName: string;
  respondent: string;
  total: number | null;
  band: string | null;
  bandLabel: string | null;
  criticalFlags: Labelled[];
  valid: boolean;
  careless: Labelled[];
}

export interface ResultItem {
  studentId: string;
  studentName: string;
  studentNo: string;
  classId: string;
  className: string;
  gradeName: string;
  campaignId: string | null;
  campaignName: string | null;
  submittedAt: string;
  flagged: boolean;
  instruments: ResultInstrument[];
  tierAssessmentId: string | null;
  suggestedTier: number | null;
  reviewStatus: string | null;
  confirmedTier: number | null;
}

export interface ResultQuery {
  campaignId?: string;
  classId?: string;
  band?: string;
  flagged?: boolean;
  page: number;
  pageSize: number;
}

export interface ResponseDetail {
  id: string;
  studentId: string;
  studentName: string;
  studentNo: string;
  className: string;
  gradeName: string;
  campaignId: string | null;
  campaignName: string | null;
  respondent: string;
  source: string;
  submittedAt: string;
  durationMs: number | null;
  instrument: { code: string; version: number; name: string; shortName: string };
  total: number | null;
  band: string | null;
  bandLabel: string | null;
  valid: boolean;
  criticalFlags: Labelled[];
  careless: Labelled[];
  subscales: Record<string, { score: number | null; cutoff?: number; positive?: boolean | null }>;
  items: Array<{
    number: number;
    text: string;
    answer: number | null;
    answerLabel: string | null;
    asked: boolean;
    required: boolean;
    critical: boolean;
  }>;
  explanations: string[];
}

export interface AlertReasonView {
  kind: string;
  instrument: string | null;
  item: number | null;
  answer: number | null;
  itemText: string | null;
  text: string;
}

export type AlertStatus = 'open' | 'acknowledged' | 'closed';
export type AlertUrgency = 'crisis' | 'high' | 'attention';

export interface AlertView {
  id: string;
  studentId: string;
  studentName: string;
  studentNo: string;
  classId: string;
  className: string;
  gradeName: string;
  careTags: string[];
  cared: boolean;
  source: string;
  urgency: AlertUrgency;
  status: AlertStatus;
  createdAt: string;
  dueAt: string;
  overdue: boolean;
  acknowledgedAt: string | null;
  acknowledgedBy: { id: string; name: string } | null;
  responseId: string | null;
  reasons: AlertReasonView[];
  /** Who holds the alert while nobody acknowledges it: the school, then its leader, then the district centre. */
  escalationLevel: 'school' | 'leader' | 'district';
  escalatedAt: string | null;
  nextEscalationAt: string | null;
  observation: { level: string | null; signs: string[]; seenAt: string; filedRole: string; text: string | null } | null;
}

export interface TierAssessment {
  id: string;
  studentId: string;
  studentName: string;
  studentNo: string;
  classId: string;
  className: string;
  gradeName: string;
  careTags: string[];
  campaignId: string | null;
  campaignName: string | null;
  createdAt: string;
  suggestedTier: number;
  reasons: Array<{ instrument: string; rule: string; tier: number; text: string }>;
  status: 'suggested' | 'confirmed';
  confirmedTier: number | null;
  reviewReason: string | null;
  talkRecord: string | null;
  reviewedAt: string | null;
  reviewedBy: string | null;
  currentTier: number | null;
  alerts: Array<{ id: string; source: string; urgency: string; status: string; dueAt: string; overdue: boolean }>;
}

export interface ReviewBody {
  confirmedTier: 1 | 2 | 3;
  reason?: string | null;
  talkRecord: string;
}

export interface ClassTiers {
  classId: string;
  className: string;
  gradeName: string;
  items: Array<{
    studentId: string;
    studentName: string;
    studentNo: string;
    tier: number;
    nextStep: string;
    confirmedAt: string;
  }>;
}

const enc = encodeURIComponent;

export const screeningApi = {
  // The respondent's side.
  mine: (signal?: AbortSignal) => api.get<{ items: MyScreening[] }>('/my/screenings', undefined, signal),
  open: (assignmentId: string, signal?: AbortSignal) =>
    api.get<MyScreeningDetail>(`/my/screenings/${enc(assignmentId)}`, undefined, signal),
  saveDraft: (assignmentId: string, answers: AnswerMap, position: DraftPosition | null) =>
    api.put<{ savedAt: string }>(`/my/screenings/${enc(assignmentId)}/draft`, { answers, position }),
  submit: (assignmentId: string, body: { submissionId: string; answers: AnswerMap; durationMs?: number | null }) =>
    api.post<Receipt>(`/my/screenings/${enc(assignmentId)}/submit`, body),
  decline: (campaignId: string, undo = false) =>
    api.post<{ campaignId: string; status: 'declined' | 'pending' | 'in_progress' }>(
      `/campaigns/${enc(campaignId)}/decline`,
      undo ? { undo: true } : {},
    ),
  // Guardians' consent.
  myConsents: (signal?: AbortSignal) => api.get<{ items: MyConsent[] }>('/my/consents', undefined, signal),
  recordConsent: (campaignId: string, studentId: string, decision: 'granted' | 'refused' | 'withdrawn') =>
    api.post<{ consentStatus: ConsentStatus }>(`/campaigns/${enc(campaignId)}/consents`, { studentId, decision }),
  // Psychology staff.
  results: (query: ResultQuery, signal?: AbortSignal) =>
    api.get<Page<ResultItem>>('/screening/results', { ...query }, signal),
  response: (id: string, signal?: AbortSignal) => api.get<ResponseDetail>(`/responses/${enc(id)}`, undefined, signal),
  alerts: (
    query: { status?: AlertStatus; urgency?: AlertUrgency; page: number; pageSize: number },
    signal?: AbortSignal,
  ) => api.get<Page<AlertView>>('/alerts', { ...query }, signal),
  acknowledge: (id: string) =>
    api.post<{
      id: string;
      status: 'acknowledged';
      acknowledgedAt: string;
      acknowledgedBy: { id: string; name: string };
    }>(`/alerts/${enc(id)}/acknowledge`),
  tierQueue: (
    query: { status?: 'suggested' | 'confirmed'; campaignId?: string; page: number; pageSize: number },
    signal?: AbortSignal,
  ) => api.get<Page<TierAssessment>>('/tier-assessments', { ...query }, signal),
  review: (id: string, body: ReviewBody) =>
    api.post<{
      id: string;
      status: 'confirmed';
      suggestedTier: number;
      confirmedTier: number;
      reviewedAt: string;
      alertId: string | null;
    }>(`/tier-assessments/${enc(id)}/review`, body),
  // Head teachers (and others with tier.read): confirmed tiers only.
  classTiers: (classId: string, signal?: AbortSignal) =>
    api.get<ClassTiers>(`/classes/${enc(classId)}/tiers`, undefined, signal),
};
