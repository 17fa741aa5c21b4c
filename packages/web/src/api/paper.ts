// Paper mode of a campaign: printable forms, the answer template, and the import of typed-up answers.
import { api } from './client';
import type { Answer } from './contract';
import type { JobResult, Locale } from './types';

/** What a successful paper import did: stored, already there from an earlier import, absent students, crisis alerts raised. */
export type PaperImportResult = Extract<JobResult, { applied: number }>;

const base = (campaignId: string) => `/campaigns/${encodeURIComponent(campaignId)}`;

export const paperApi = {
  /** `blank`: one unnamed form per instrument set, for students written in by hand. */
  forms: (campaignId: string, classId: string, locale: Locale, blank = false) =>
    api.download('GET', `${base(campaignId)}/paper-forms`, 'paper-forms.pdf', {
      query: { classId, locale, ...(blank ? { blank: 'true' } : {}) },
    }),
  template: (campaignId: string, classId: string, locale: Locale) =>
    api.download('GET', `${base(campaignId)}/paper-template`, 'paper-answers.xlsx', { query: { classId, locale } }),
  startImport: (campaignId: string, classId: string, file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return api.upload<Answer<'/api/v1/campaigns/{id}/paper-import', 'post'>>(`${base(campaignId)}/paper-import`, form, {
      query: { classId },
    });
  },
};
