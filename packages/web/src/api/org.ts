import { api } from './client';
import type { Answer } from './contract';
import type {
  Hospital,
  HospitalChange,
  NewHospital,
  NewOrgUnit,
  NewSchoolYear,
  OrgUnit,
  RolloverPreview,
  OrgUnitChange,
  OrgUnitDetail,
  SchoolYear,
  SchoolYearChange,
  Locale,
} from './types';

export type OrgImportReport = Answer<'/api/v1/org/imports', 'post'>;

export const orgApi = {
  /** The actor's scope roots. */
  roots: (signal?: AbortSignal) => api.get<OrgUnit[]>('/org/units', undefined, signal),
  children: (parentId: string, signal?: AbortSignal) => api.get<OrgUnit[]>('/org/units', { parentId }, signal),
  unit: (id: string, signal?: AbortSignal) =>
    api.get<OrgUnitDetail>(`/org/units/${encodeURIComponent(id)}`, undefined, signal),
  createUnit: (body: NewOrgUnit) => api.post<OrgUnit>('/org/units', body),
  changeUnit: (id: string, body: OrgUnitChange) => api.patch<OrgUnit>(`/org/units/${encodeURIComponent(id)}`, body),

  hospitals: (signal?: AbortSignal) => api.get<Hospital[]>('/org/hospitals', undefined, signal),
  createHospital: (body: NewHospital) => api.post<Hospital>('/org/hospitals', body),
  changeHospital: (id: string, body: HospitalChange) =>
    api.patch<Hospital>(`/org/hospitals/${encodeURIComponent(id)}`, body),

  schoolYears: (signal?: AbortSignal) => api.get<SchoolYear[]>('/org/school-years', undefined, signal),
  createSchoolYear: (body: NewSchoolYear) => api.post<SchoolYear>('/org/school-years', body),
  changeSchoolYear: (code: string, body: SchoolYearChange) =>
    api.patch<SchoolYear>(`/org/school-years/${encodeURIComponent(code)}`, body),

  /** The year-end rollover's dry run for a city, district or school; nothing is written. */
  previewRollover: (unitId: string) => api.post<RolloverPreview>('/org/rollover/preview', { unitId }),
  /** Starts the rollover as a job; poll it with useJobPoll. */
  startRollover: (unitId: string) => api.post<{ jobId: string }>('/org/rollover', { unitId }),

  importTemplate: (lang: Locale) =>
    api.download('GET', '/org/import/template', 'org-tree-template.xlsx', { query: { lang } }),
  /** `preview` writes nothing; `apply` writes the whole sheet or, when any row is wrong, nothing. */
  importSheet: (file: File, mode: 'preview' | 'apply') => {
    const form = new FormData();
    form.append('file', file, file.name);
    return api.upload<OrgImportReport>('/org/imports', form, { query: { mode } });
  },
};
