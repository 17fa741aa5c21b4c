import { api } from './client';
import type { LockedAccount, Listing } from './types';

export type CredentialFormat = 'pdf' | 'xlsx';
export type CredentialScope = 'new' | 'all';

export const accountsApi = {
  credentials: (classId: string, format: CredentialFormat, scope: CredentialScope) =>
    api.download('POST', `/accounts/classes/${encodeURIComponent(classId)}/credentials`, `credentials.${format}`, {
      body: { format, scope },
    }),
  locked: (page: number, signal?: AbortSignal) => api.get<Listing<LockedAccount>>('/accounts/locked', { page }, signal),
  unlock: (userId: string) => api.post<void>(`/accounts/${encodeURIComponent(userId)}/unlock`),
};
