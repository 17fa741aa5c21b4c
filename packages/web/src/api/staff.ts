import { api } from './client';
import type { Listing, StaffMember } from './types';

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
};
