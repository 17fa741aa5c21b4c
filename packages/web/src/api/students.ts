import { api } from './client';
import type { Query } from './contract';
import type { MyProfile, Page, StudentDetail, StudentListItem } from './types';

export type StudentQuery = Query<'/api/v1/students'>;

export const studentsApi = {
  list: (query: StudentQuery, signal?: AbortSignal) =>
    api.get<Page<StudentListItem>>('/students', { ...query }, signal),
  get: (id: string, signal?: AbortSignal) =>
    api.get<StudentDetail>(`/students/${encodeURIComponent(id)}`, undefined, signal),
  myProfile: (signal?: AbortSignal) => api.get<MyProfile>('/me/profile', undefined, signal),
};
