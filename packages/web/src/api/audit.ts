import { api } from './client';
import type { Query } from './contract';
import type { AuditEntry, Listing } from './types';

export type AuditQuery = Query<'/api/v1/audit'>;

export const auditApi = {
  search: (query: AuditQuery, signal?: AbortSignal) => api.get<Listing<AuditEntry>>('/audit', { ...query }, signal),
};
