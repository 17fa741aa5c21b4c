import { api } from './client';
import type { AuditEntry, Listing } from './types';

export interface AuditQuery {
  actorUsername?: string;
  action?: string;
  targetId?: string;
  from?: string;
  to?: string;
  page: number;
}

export const auditApi = {
  search: (query: AuditQuery, signal?: AbortSignal) => api.get<Listing<AuditEntry>>('/audit', { ...query }, signal),
};
