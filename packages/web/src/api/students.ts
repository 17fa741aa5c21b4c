import { api } from './client';
import type { MyProfile, Page, StudentDetail, StudentListItem } from './types';

export interface StudentQuery {
  q?: string;
  schoolId?: string;
  gradeId?: string;
  classId?: string;
  careTag?: string;
  page: number;
  pageSize: number;
}

export const studentsApi = {
  list: (query: StudentQuery, signal?: AbortSignal) =>
    api.get<Page<StudentListItem>>('/students', { ...query }, signal),
  get: (id: string, signal?: AbortSignal) =>
    api.get<StudentDetail>(`/students/${encodeURIComponent(id)}`, undefined, signal),
  myProfile: (signal?: AbortSignal) => api.get<MyProfile>('/me/profile', undefined, signal),
};
