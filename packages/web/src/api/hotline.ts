// The city centre's hotline (心理热线): calls, the step from a call to a school, shifts and counts.
import { api } from './client';
import type { Answer, Query, RequestBody } from './contract';

export type CallPage = Answer<'/api/v1/hotline/calls'>;
export type CallSummary = CallPage['items'][number];
export type CallDetail = Answer<'/api/v1/hotline/calls/{id}'>;
export type CallBody = RequestBody<'/api/v1/hotline/calls', 'post'>;
export type CallEdit = RequestBody<'/api/v1/hotline/calls/{id}', 'patch'>;
export type HotlineStudents = Answer<'/api/v1/hotline/students'>;
export type ShiftBoard = Answer<'/api/v1/hotline/shifts'>;
export type ShiftBody = RequestBody<'/api/v1/hotline/shifts', 'post'>;
export type HotlineReport = Answer<'/api/v1/hotline/report'>;

const enc = encodeURIComponent;

export const hotlineApi = {
  calls: (query: Query<'/api/v1/hotline/calls'>, signal?: AbortSignal) =>
    api.get<CallPage>('/hotline/calls', { ...query }, signal),
  call: (id: string, signal?: AbortSignal) => api.get<CallDetail>(`/hotline/calls/${enc(id)}`, undefined, signal),
  record: (body: CallBody) => api.post<Answer<'/api/v1/hotline/calls', 'post'>>('/hotline/calls', body),
  updateCall: (id: string, body: CallEdit) => api.patch<CallDetail>(`/hotline/calls/${enc(id)}`, body),
  alertSchool: (id: string, reason: string) =>
    api.post<Answer<'/api/v1/hotline/calls/{id}/alert', 'post'>>(`/hotline/calls/${enc(id)}/alert`, { reason }),
  students: (q: string, signal?: AbortSignal) => api.get<HotlineStudents>('/hotline/students', { q }, signal),
  shifts: (from: string, days: number, signal?: AbortSignal) =>
    api.get<ShiftBoard>('/hotline/shifts', { from, days }, signal),
  addShift: (body: ShiftBody) => api.post<Answer<'/api/v1/hotline/shifts', 'post'>>('/hotline/shifts', body),
  removeShift: (id: string) => api.delete<void>(`/hotline/shifts/${enc(id)}`),
  report: (from: string, to: string, signal?: AbortSignal) =>
    api.get<HotlineReport>('/hotline/report', { from, to }, signal),
};
