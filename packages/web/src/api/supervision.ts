// Supervision (督导): indicators per school and term against the city's standards, and the records they come from.
import { api } from './client';
import type { Answer, Query, RequestBody } from './contract';

export { INDICATOR_IDS, type IndicatorId, type Rag } from '@yuxin/core';

export type SchoolIndicators = Answer<'/api/v1/supervision/schools/{id}'>;
export type Indicator = SchoolIndicators['indicators'][number];
export type TermWindow = SchoolIndicators['window'];
export type UnitIndicators = Answer<'/api/v1/supervision/units/{id}'>;
export type RecordInput = RequestBody<'/api/v1/supervision/records', 'post'>;
export type RecordKind = RecordInput['kind'];
type PeriodQuery = Query<'/api/v1/supervision/schools/{id}'>;

const enc = encodeURIComponent;

export const supervisionApi = {
  school: (id: string, query: PeriodQuery, signal?: AbortSignal) =>
    api.get<SchoolIndicators>(`/supervision/schools/${enc(id)}`, query, signal),
  unit: (id: string, query: PeriodQuery, signal?: AbortSignal) =>
    api.get<UnitIndicators>(`/supervision/units/${enc(id)}`, query, signal),
  record: (body: RecordInput) => api.post<Answer<'/api/v1/supervision/records', 'post'>>('/supervision/records', body),
  importSheet: (schoolId: string, file: File) => {
    const form = new FormData();
    form.append('file', file);
    return api.upload<Answer<'/api/v1/supervision/records/import', 'post'>>('/supervision/records/import', form, {
      query: { schoolId },
    });
  },
  /** The import sheet with its header in the UI language, ready to fill in. */
  template: (schoolId: string) =>
    api.download('GET', '/supervision/records/template.xlsx', 'supervision-records.xlsx', { query: { schoolId } }),
};
