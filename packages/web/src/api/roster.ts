import { api } from './client';
import type { Answer, Query } from './contract';
import type { Job, Locale } from './types';

export type TemplateFormat = NonNullable<Query<'/api/v1/roster/template'>['format']>;

export const rosterApi = {
  template: (format: TemplateFormat, lang: Locale) =>
    api.download('GET', '/roster/template', `roster-template.${format}`, { query: { format, lang } }),
  startImport: (schoolId: string, file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return api.upload<Answer<'/api/v1/roster/imports', 'post'>>('/roster/imports', form, { query: { schoolId } });
  },
  job: (id: string, signal?: AbortSignal) => api.get<Job>(`/jobs/${encodeURIComponent(id)}`, undefined, signal),
};
