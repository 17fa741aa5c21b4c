import { api } from './client';
import type { Answer, Query, RequestBody } from './contract';
import type { GrantRequest, Listing, StaffMember } from './types';

export type StaffQuery = Query<'/api/v1/staff'>;
export type NewStaff = RequestBody<'/api/v1/staff', 'post'>;
/** A new account, with the roles that still wait for a second person's approval. */
export type CreatedStaff = Answer<'/api/v1/staff', 'post'>;
/** 专职/兼职, certificate level and qualification of a staff account. */
export type StaffRegistry = RequestBody<'/api/v1/staff/{userId}/registry', 'patch'>;

export const staffApi = {
  list: (query: StaffQuery, signal?: AbortSignal) => api.get<Listing<StaffMember>>('/staff', { ...query }, signal),
  create: (body: NewStaff) => api.post<CreatedStaff>('/staff', body),
  pendingGrants: (page: number, signal?: AbortSignal) =>
    api.get<Listing<GrantRequest>>('/role-grants', { status: 'pending', page }, signal),
  decideGrant: (id: string, verdict: 'approve' | 'reject') =>
    api.post<GrantRequest>(`/role-grants/${encodeURIComponent(id)}/${verdict}`),
  updateRegistry: (userId: string, body: StaffRegistry) =>
    api.patch<StaffRegistry>(`/staff/${encodeURIComponent(userId)}/registry`, body),
  resetTwoFactor: (userId: string) => api.post<void>(`/staff/${encodeURIComponent(userId)}/two-factor/reset`),
};
