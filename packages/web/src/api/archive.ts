// 一生一档: a student's archive by section, its PDF, and the family situation and home contacts.
import { api } from './client';
import type { Answer, RequestBody } from './contract';

export type StudentArchive = Answer<'/api/v1/students/{id}/archive'>;
export type ArchiveSections = StudentArchive['sections'];
export type FamilyBackgroundBody = RequestBody<'/api/v1/students/{id}/family-background', 'post'>;
export type HomeContactBody = RequestBody<'/api/v1/students/{id}/home-contacts', 'post'>;

const enc = encodeURIComponent;

export const archiveApi = {
  get: (studentId: string, signal?: AbortSignal) =>
    api.get<StudentArchive>(`/students/${enc(studentId)}/archive`, undefined, signal),
  pdf: (studentId: string) => api.download('GET', `/students/${enc(studentId)}/archive.pdf`, 'archive.pdf'),
  recordFamily: (studentId: string, body: FamilyBackgroundBody) =>
    api.post<Answer<'/api/v1/students/{id}/family-background', 'post'>>(
      `/students/${enc(studentId)}/family-background`,
      body,
    ),
  recordHomeContact: (studentId: string, body: HomeContactBody) =>
    api.post<Answer<'/api/v1/students/{id}/home-contacts', 'post'>>(`/students/${enc(studentId)}/home-contacts`, body),
};
