import { api } from './client';
import type { Answer, Query, RequestBody } from './contract';
import type { GrantRequest, Listing, Locale, StaffMember } from './types';

export type StaffQuery = Query<'/api/v1/staff'>;
export type NewStaff = RequestBody<'/api/v1/staff', 'post'>;
/** A new account, with the roles that still wait for a second person's approval. */
export type CreatedStaff = Answer<'/api/v1/staff', 'post'>;
/** 专职/兼职, certificate level, qualification and a school year's training hours of a staff account. */
export type StaffRegistry = RequestBody<'/api/v1/staff/{userId}/registry', 'patch'>;

/** What a registry sheet changes (preview) or changed (apply), with every row's error. */
export type RegistryImportReport = Answer<'/api/v1/staff/registry-imports', 'post'>;

export const staffApi = {
  list: (query: StaffQuery, signal?: AbortSignal) => api.get<Listing<StaffMember>>('/staff', { ...query }, signal),
  create: (body: NewStaff) => api.post<CreatedStaff>('/staff', body),
  pendingGrants: (page: number, signal?: AbortSignal) =>
    api.get<Listing<GrantRequest>>('/role-grants', { status: 'pending', page }, signal),
  decideGrant: (id: string, verdict: 'approve' | 'reject') =>
    api.post<GrantRequest>(`/role-grants/${encodeURIComponent(id)}/${verdict}`),
  updateRegistry: (userId: string, body: StaffRegistry) =>
    api.patch<StaffRegistry>(`/staff/${encodeURIComponent(userId)}/registry`, body),
  registryTemplate: (lang: Locale) =>
    api.download('GET', '/staff/registry-import/template', 'staff-registry-template.xlsx', { query: { lang } }),
  /** `preview` writes nothing; `apply` writes the whole sheet or, when any row is wrong, nothing. */
  importRegistry: (file: File, mode: 'preview' | 'apply') => {
    const form = new FormData();
    form.append('file', file, file.name);
    return api.upload<RegistryImportReport>('/staff/registry-imports', form, { query: { mode } });
  },
  resetTwoFactor: (userId: string) => api.post<void>(`/staff/${encodeURIComponent(userId)}/two-factor/reset`),
};
