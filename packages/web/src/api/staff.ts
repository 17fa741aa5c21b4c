import { api } from './client';
import type { GrantRequest, Listing, StaffMember } from './types';

export interface StaffQuery {
  q?: string;
  orgId?: string;
  page: number;
}

export interface NewStaff {
  username: string;
  name: string;
  password: string;
  role: string;
  scopeId: string;
}

export const staffApi = {
  list: (query: StaffQuery, signal?: AbortSignal) => api.get<Listing<StaffMember>>('/staff', { ...query }, signal),
  create: (body: NewStaff) => api.post<StaffMember>('/staff', body),
  pendingGrants: (page: number, signal?: AbortSignal) =>
    api.get<Listing<GrantRequest>>('/role-grants', { status: 'pending', page }, signal),
  decideGrant: (id: string, verdict: 'approve' | 'reject') =>
    api.post<GrantRequest>(`/role-grants/${encodeURIComponent(id)}/${verdict}`),
  resetTwoFactor: (userId: string) => api.post<void>(`/staff/${encodeURIComponent(userId)}/two-factor/reset`),
};
