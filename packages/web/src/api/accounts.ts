import { api } from './client';
import type { Answer, RequestBody } from './contract';
import type { LockedAccount, Listing } from './types';

type CredentialsBody = RequestBody<'/api/v1/accounts/classes/{classId}/credentials', 'post'>;
export type CredentialFormat = CredentialsBody['format'];
export type CredentialScope = NonNullable<CredentialsBody['scope']>;

export type CredentialBatch = Answer<'/api/v1/accounts/classes/{classId}/credential-batch', 'get'>;

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
