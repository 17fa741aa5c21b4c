import { api } from './client';
import type { LockedAccount, Listing } from './types';

export type CredentialFormat = 'pdf' | 'xlsx';
export type CredentialScope = 'new' | 'all';

export interface CredentialBatch {
  id: string;
  scope: CredentialScope;
  count: number;
  issuedAt: string;
  expiresAt: string;
  issuedBy: { id: string; name: string };
}

export const accountsApi = {
  credentials: (classId: string, format: CredentialFormat, scope: CredentialScope) =>
    api.download('POST', `/accounts/classes/${encodeURIComponent(classId)}/credentials`, `credentials.${format}`, {
      body: { format, scope },
    }),
  /** The class's latest batch of slips still kept (a week), without passwords; 404 when there is none. */
  latestBatch: (classId: string, signal?: AbortSignal) =>
    api.get<CredentialBatch>(`/accounts/classes/${encodeURIComponent(classId)}/credential-batch`, undefined, signal),
  /** The same slips again: never issues new passwords. */
  batchFile: (classId: string, format: CredentialFormat) =>
    api.download(
      'GET',
      `/accounts/classes/${encodeURIComponent(classId)}/credential-batch/file`,
      `credentials.${format}`,
      { query: { format } },
    ),
  locked: (page: number, signal?: AbortSignal) => api.get<Listing<LockedAccount>>('/accounts/locked', { page }, signal),
  unlock: (userId: string) => api.post<void>(`/accounts/${encodeURIComponent(userId)}/unlock`),
};
