// A guardian's family page: their children's referrals waiting for consent.
import { api } from './client';
import type { Answer, ItemOf, RequestBody } from './contract';

export type MyReferral = ItemOf<Answer<'/api/v1/my/referrals'>>;
type Decision = RequestBody<'/api/v1/my/referrals/{id}/decision', 'post'>;

const enc = encodeURIComponent;

export const familyApi = {
  referrals: (signal?: AbortSignal) => api.get<Answer<'/api/v1/my/referrals'>>('/my/referrals', undefined, signal),
  decide: (id: string, body: Decision) =>
    api.post<Answer<'/api/v1/my/referrals/{id}/decision', 'post'>>(`/my/referrals/${enc(id)}/decision`, body),
};
