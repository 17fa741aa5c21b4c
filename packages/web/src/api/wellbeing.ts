// Teachers' own wellbeing (教师心理健康自评): one's own confidential self-screening, the centres' call-backs and counts.
import { api } from './client';
import type { Answer, RequestBody } from './contract';

export type MyWellbeing = Answer<'/api/v1/my/wellbeing'>;
export type WellbeingResult = MyWellbeing['results'][number];
export type WellbeingInstrument = Answer<'/api/v1/my/wellbeing/instruments/{code}'>;
export type TakeBody = RequestBody<'/api/v1/my/wellbeing', 'post'>;
export type Taken = Answer<'/api/v1/my/wellbeing', 'post'>;
export type Callbacks = Answer<'/api/v1/wellbeing/callbacks'>;
export type WellbeingCounts = Answer<'/api/v1/wellbeing/counts'>;
export type InstrumentCode = TakeBody['instrument'];

const enc = encodeURIComponent;

export const wellbeingApi = {
  mine: (signal?: AbortSignal) => api.get<MyWellbeing>('/my/wellbeing', undefined, signal),
  instrument: (code: InstrumentCode, signal?: AbortSignal) =>
    api.get<WellbeingInstrument>(`/my/wellbeing/instruments/${enc(code)}`, undefined, signal),
  take: (body: TakeBody) => api.post<Taken>('/my/wellbeing', body),
  askCallback: (clientId: string, phone: string) =>
    api.post<Answer<'/api/v1/my/wellbeing/callback', 'post'>>('/my/wellbeing/callback', { clientId, phone }),
  callbacks: (status: 'open' | 'done', signal?: AbortSignal) =>
    api.get<Callbacks>('/wellbeing/callbacks', { status }, signal),
  callbackDone: (id: string) =>
    api.post<Answer<'/api/v1/wellbeing/callbacks/{id}/done', 'post'>>(`/wellbeing/callbacks/${enc(id)}/done`),
  counts: (instrument: InstrumentCode, signal?: AbortSignal) =>
    api.get<WellbeingCounts>('/wellbeing/counts', { instrument }, signal),
};
