// 家长学校 for the school's staff: lectures per grade, their attendance counts, and attendance taken on site.
import { api } from './client';
import type { Answer, RequestBody } from './contract';

export type SchoolLectures = Answer<'/api/v1/parent-lectures'>;
export type SchoolLecture = SchoolLectures['items'][number];
export type LectureGuardians = Answer<'/api/v1/parent-lectures/{id}/guardians'>;
export type LectureBody = RequestBody<'/api/v1/parent-lectures', 'post'>;

const enc = encodeURIComponent;

export const parentLecturesApi = {
  list: (schoolId: string, signal?: AbortSignal) => api.get<SchoolLectures>('/parent-lectures', { schoolId }, signal),
  create: (body: LectureBody) => api.post<Answer<'/api/v1/parent-lectures', 'post'>>('/parent-lectures', body),
  guardians: (id: string, signal?: AbortSignal) =>
    api.get<LectureGuardians>(`/parent-lectures/${enc(id)}/guardians`, undefined, signal),
  markPresent: (id: string, guardianIds: string[]) =>
    api.post<Answer<'/api/v1/parent-lectures/{id}/attendance', 'post'>>(`/parent-lectures/${enc(id)}/attendance`, {
      guardianIds,
    }),
};
