import { api } from './client';
import type { RequestBody } from './contract';
import type { LockedAccount, Listing } from './types';

type CredentialsBody = RequestBody<'/api/v1/accounts/classes/{classId}/credentials', 'post'>;
export type CredentialFormat = CredentialsBody['format'];
export type CredentialScope = NonNullable<CredentialsBody['scope']>;

export const accountsApi = {
  credentials: (classId: string, format: CredentialFormat, scope: CredentialScope) =>
    api.download('POST', `/accounts/classes/${encodeURIComponent(classId)}/credentials`, `credentials.${format}`, {
      body: { format, scope },
    }),
  locked: (page: number, signal?: AbortSignal) => api.get<Listing<LockedAccount>>('/accounts/locked', { page }, signal),
  unlock: (userId: string) => api.post<void>(`/accounts/${encodeURIComponent(userId)}/unlock`),
};
