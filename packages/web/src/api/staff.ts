import { api } from './client';
import type { Answer, Query, RequestBody } from './contract';
import type { GrantRequest, Listing, StaffMember } from './types';

export type StaffQuery = Query<'/api/v1/staff'>;
export type NewStaff = RequestBody<'/api/v1/staff', 'post'>;
/** A new account, with the roles that still wait for a second person's approval. */
export type CreatedStaff = Answer<'/api/v1/staff', 'post'>;

export const staffApi = {
  list: (query: StaffQuery, signal?: AbortSignal) => api.get<Listing<StaffMember>>('/staff', { ...query }, signal),
  create: (body: NewStaff) => api.post<CreatedStaff>('/staff', body),
  pendingGrants: (page: number, signal?: AbortSignal) =>
    api.get<Listing<GrantRequest>>('/role-grants', { status: 'pending', page }, signal),
  decideGrant: (id: string, verdict: 'approve' | 'reject') =>
    api.post<GrantRequest>(`/role-grants/${encodeURIComponent(id)}/${verdict}`),
  resetTwoFactor: (userId: string) => api.post<void>(`/staff/${encodeURIComponent(userId)}/two-factor/reset`),
};
