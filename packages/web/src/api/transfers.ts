// 转学与心理档案转接: transfer requests between schools and the hand-over summary.
import { api } from './client';
import type { Answer, RequestBody } from './contract';

export type TransferList = Answer<'/api/v1/transfers'>;
export type Transfer = TransferList['items'][number];
export type HandoverSummary = Answer<'/api/v1/transfers/{id}/handover'>;
export type SummaryBody = RequestBody<'/api/v1/transfers/{id}/handover', 'put'>;
export type TransferRequestBody = RequestBody<'/api/v1/transfers', 'post'>;

const enc = encodeURIComponent;

export const transfersApi = {
  list: (signal?: AbortSignal) => api.get<TransferList>('/transfers', undefined, signal),
  request: (body: TransferRequestBody) => api.post<Answer<'/api/v1/transfers', 'post'>>('/transfers', body),
  summary: (id: string, signal?: AbortSignal) =>
    api.get<HandoverSummary>(`/transfers/${enc(id)}/handover`, undefined, signal),
  writeSummary: (id: string, body: SummaryBody) =>
    api.put<Answer<'/api/v1/transfers/{id}/handover', 'put'>>(`/transfers/${enc(id)}/handover`, body),
  accept: (id: string, classId: string) =>
    api.post<Answer<'/api/v1/transfers/{id}/accept', 'post'>>(`/transfers/${enc(id)}/accept`, { classId }),
  decline: (id: string) => api.post<Answer<'/api/v1/transfers/{id}/decline', 'post'>>(`/transfers/${enc(id)}/decline`),
  cancel: (id: string) => api.post<Answer<'/api/v1/transfers/{id}/cancel', 'post'>>(`/transfers/${enc(id)}/cancel`),
};
