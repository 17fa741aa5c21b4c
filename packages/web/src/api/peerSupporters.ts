import { api } from './client';
import type { Answer } from './contract';

export type PeerSupporter = Answer<'/api/v1/classes/{classId}/peer-supporters'>[number];

const path = (classId: string) => `/classes/${encodeURIComponent(classId)}/peer-supporters`;

export const peerSupportersApi = {
  list: (classId: string, signal?: AbortSignal) => api.get<PeerSupporter[]>(path(classId), undefined, signal),
  appoint: (classId: string, studentId: string) => api.post<PeerSupporter[]>(path(classId), { studentId }),
  remove: (classId: string, studentId: string) => api.delete<void>(`${path(classId)}/${encodeURIComponent(studentId)}`),
};
