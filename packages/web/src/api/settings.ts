import { api } from './client';
import type { Answer, RequestBody } from './contract';

export type WarningSettings = Answer<'/api/v1/settings/warning'>;
export type WarningPreset = RequestBody<'/api/v1/settings/warning/preset', 'post'>['preset'];
export type ScreeningSettings = Answer<'/api/v1/settings/screening'>;
export type ScreeningPreset = RequestBody<'/api/v1/settings/screening/preset', 'post'>['preset'];
export type CaseSettings = Answer<'/api/v1/settings/cases'>;
export type SupervisionStandards = Answer<'/api/v1/supervision/standards'>;
export type SupervisionChange = RequestBody<'/api/v1/supervision/standards', 'put'>;
export type SettingsChange = Answer<'/api/v1/settings/changes'>[number];
export type InstrumentSummary = Answer<'/api/v1/instruments'>['items'][number];

/** The city's settings, one area each; every change is audited and listed by `changes`. */
export const settingsApi = {
  warning: (signal?: AbortSignal) => api.get<WarningSettings>('/settings/warning', undefined, signal),
  saveWarning: (body: WarningSettings) => api.put<WarningSettings>('/settings/warning', body),
  warningPreset: (preset: WarningPreset) => api.post<WarningSettings>('/settings/warning/preset', { preset }),
  screening: (signal?: AbortSignal) => api.get<ScreeningSettings>('/settings/screening', undefined, signal),
  saveScreening: (body: ScreeningSettings) => api.put<ScreeningSettings>('/settings/screening', body),
  screeningPreset: (preset: ScreeningPreset) => api.post<ScreeningSettings>('/settings/screening/preset', { preset }),
  cases: (signal?: AbortSignal) => api.get<CaseSettings>('/settings/cases', undefined, signal),
  saveCases: (body: CaseSettings) => api.put<CaseSettings>('/settings/cases', body),
  supervision: (signal?: AbortSignal) => api.get<SupervisionStandards>('/supervision/standards', undefined, signal),
  saveSupervision: (body: SupervisionChange) => api.put<SupervisionStandards>('/supervision/standards', body),
  instruments: (signal?: AbortSignal) => api.get<Answer<'/api/v1/instruments'>>('/instruments', undefined, signal),
  changes: (signal?: AbortSignal) => api.get<SettingsChange[]>('/settings/changes', undefined, signal),
};
