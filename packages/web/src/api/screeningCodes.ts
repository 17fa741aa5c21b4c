// Screening codes (issue 16): a class's printable per-student codes, and the cheap sign-in they open.
import { api } from './client';
import type { Answer, RequestBody } from './contract';

type PATH = '/api/v1/campaigns/{campaignId}/classes/{classId}/screening-codes';
export type ScreeningCodeStatus = Answer<PATH>;
export type IssuedScreeningCodes = Answer<PATH, 'post'>;
export type ScreeningCodeSlip = IssuedScreeningCodes['slips'][number];
type IssueBody = RequestBody<PATH, 'post'>;

const enc = encodeURIComponent;
const url = (campaignId: string, classId: string) =>
  `/campaigns/${enc(campaignId)}/classes/${enc(classId)}/screening-codes`;

export const screeningCodesApi = {
  status: (campaignId: string, classId: string, signal?: AbortSignal) =>
    api.get<ScreeningCodeStatus>(url(campaignId, classId), undefined, signal),
  issue: (campaignId: string, classId: string, body: IssueBody) =>
    api.post<IssuedScreeningCodes>(url(campaignId, classId), body),
  revoke: (campaignId: string, classId: string) => api.delete<Answer<PATH, 'delete'>>(url(campaignId, classId)),
};
