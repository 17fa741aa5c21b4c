// A guardian's family page: their children's referrals waiting for consent, and the parent school.
import { api } from './client';
import type { Answer, ItemOf, RequestBody } from './contract';

export type MyReferral = ItemOf<Answer<'/api/v1/my/referrals'>>;
export type MyLectures = Answer<'/api/v1/my/lectures'>;
export type MyLecture = ItemOf<MyLectures>;
type Decision = RequestBody<'/api/v1/my/referrals/{id}/decision', 'post'>;

const enc = encodeURIComponent;

export const familyApi = {
  referrals: (signal?: AbortSignal) => api.get<Answer<'/api/v1/my/referrals'>>('/my/referrals', undefined, signal),
  decide: (id: string, body: Decision) =>
    api.post<Answer<'/api/v1/my/referrals/{id}/decision', 'post'>>(`/my/referrals/${enc(id)}/decision`, body),
  lectures: (signal?: AbortSignal) => api.get<MyLectures>('/my/lectures', undefined, signal),
  attend: (id: string) =>
    api.post<Answer<'/api/v1/my/lectures/{id}/attendance', 'post'>>(`/my/lectures/${enc(id)}/attendance`, {}),
};
