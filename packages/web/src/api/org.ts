import { api } from './client';
import type { OrgUnit, OrgUnitDetail } from './types';

export const orgApi = {
  /** The actor's scope roots. */
  roots: (signal?: AbortSignal) => api.get<OrgUnit[]>('/org/units', undefined, signal),
  children: (parentId: string, signal?: AbortSignal) => api.get<OrgUnit[]>('/org/units', { parentId }, signal),
  unit: (id: string, signal?: AbortSignal) =>
    api.get<OrgUnitDetail>(`/org/units/${encodeURIComponent(id)}`, undefined, signal),
};
