// Screening (心理普测): the respondent's questionnaire, guardians' consent, and psychology staff's views.
import { api } from './client';
import type { Answer, ItemOf, Query, RequestBody } from './contract';
import type { Page } from './types';

type MyScreeningView = Answer<'/api/v1/my/screenings/{assignmentId}'>;
type Draft = NonNullable<MyScreeningView['draft']>;

/** `{ [instrumentCode]: (optionCode | null)[] }` — what was chosen, `null` for a blank. */
export type AnswerMap = RequestBody<'/api/v1/my/screenings/{assignmentId}/draft', 'put'>['answers'];
/** Where the respondent was: the instrument and the item's 0-based index in it. */
export type DraftPosition = NonNullable<Draft['position']>;

export type MyScreening = ItemOf<Answer<'/api/v1/my/screenings'>>;
export type AssignmentStatus = MyScreening['status'];
export type ConsentStatus = MyScreening['consent'];
export type MyScreeningDetail = MyScreeningView;
export type QuestionnaireInstrument = MyScreeningView['instruments'][number];
export type QuestionItem = QuestionnaireInstrument['items'][number];
export type AnswerOption = QuestionnaireInstrument['options'][number];
export type AskCondition = NonNullable<QuestionItem['askedWhen']>;
export type Receipt = Answer<'/api/v1/my/screenings/{assignmentId}/submit', 'post'>;
type SubmitBody = RequestBody<'/api/v1/my/screenings/{assignmentId}/submit', 'post'>;

export type MyConsent = ItemOf<Answer<'/api/v1/my/consents'>>;
type ConsentDecision = RequestBody<'/api/v1/campaigns/{id}/consents', 'post'>['decision'];

export type ResultItem = ItemOf<Answer<'/api/v1/screening/results'>>;
export type ResultInstrument = ResultItem['instruments'][number];
export type Labelled = ResultInstrument['criticalFlags'][number];
export type ResultQuery = Query<'/api/v1/screening/results'>;
export type ResponseDetail = Answer<'/api/v1/responses/{id}'>;

export type AlertView = ItemOf<Answer<'/api/v1/alerts'>>;
export type AlertReasonView = AlertView['reasons'][number];
export type AlertStatus = AlertView['status'];
export type AlertUrgency = AlertView['urgency'];

export type TierAssessment = ItemOf<Answer<'/api/v1/tier-assessments'>>;
export type ReviewBody = RequestBody<'/api/v1/tier-assessments/{id}/review', 'post'>;
export type ClassTiers = Answer<'/api/v1/classes/{classId}/tiers'>;

const enc = encodeURIComponent;

export const screeningApi = {
  // The respondent's side.
  mine: (signal?: AbortSignal) => api.get<Answer<'/api/v1/my/screenings'>>('/my/screenings', undefined, signal),
  /**
   * The student's part of a questionnaire, then its questions from the definition URLs: those are immutable
   * and cached for a year, so on a screening day the browser (or a CDN) fetches each one once.
   */
  open: async (assignmentId: string, signal?: AbortSignal): Promise<MyScreeningDetail> => {
    const detail = await api.get<MyScreeningDetail>(
      `/my/screenings/${enc(assignmentId)}`,
      { definitions: 'by-url' },
      signal,
    );
    if (detail.instruments.length > 0 || detail.definitionUrls.length === 0) return detail;
    const instruments = await Promise.all(
      detail.definitionUrls.map((url) => api.get<QuestionnaireInstrument>(url, undefined, signal)),
    );
    return { ...detail, instruments };
  },
  saveDraft: (assignmentId: string, answers: AnswerMap, position: DraftPosition | null, activeMs: number) =>
    api.put<{ savedAt: string }>(`/my/screenings/${enc(assignmentId)}/draft`, { answers, position, activeMs }),
  submit: (assignmentId: string, body: SubmitBody) =>
    api.post<Receipt>(`/my/screenings/${enc(assignmentId)}/submit`, body),
  decline: (campaignId: string, undo = false) =>
    api.post<Answer<'/api/v1/campaigns/{id}/decline', 'post'>>(
      `/campaigns/${enc(campaignId)}/decline`,
      undo ? { undo: true } : {},
    ),
  // Guardians' consent.
  myConsents: (signal?: AbortSignal) => api.get<Answer<'/api/v1/my/consents'>>('/my/consents', undefined, signal),
  recordConsent: (campaignId: string, studentId: string, decision: ConsentDecision) =>
    api.post<Answer<'/api/v1/campaigns/{id}/consents', 'post'>>(`/campaigns/${enc(campaignId)}/consents`, {
      studentId,
      decision,
    }),
  // Psychology staff.
  results: (query: ResultQuery, signal?: AbortSignal) =>
    api.get<Page<ResultItem>>('/screening/results', { ...query }, signal),
  response: (id: string, signal?: AbortSignal) => api.get<ResponseDetail>(`/responses/${enc(id)}`, undefined, signal),
  alerts: (query: Query<'/api/v1/alerts'>, signal?: AbortSignal) =>
    api.get<Page<AlertView>>('/alerts', { ...query }, signal),
  acknowledge: (id: string) =>
    api.post<Answer<'/api/v1/alerts/{id}/acknowledge', 'post'>>(`/alerts/${enc(id)}/acknowledge`),
  tierQueue: (query: Query<'/api/v1/tier-assessments'>, signal?: AbortSignal) =>
    api.get<Page<TierAssessment>>('/tier-assessments', { ...query }, signal),
  review: (id: string, body: ReviewBody) =>
    api.post<Answer<'/api/v1/tier-assessments/{id}/review', 'post'>>(`/tier-assessments/${enc(id)}/review`, body),
  // Head teachers (and others with tier.read): confirmed tiers only.
  classTiers: (classId: string, signal?: AbortSignal) =>
    api.get<ClassTiers>(`/classes/${enc(classId)}/tiers`, undefined, signal),
};
