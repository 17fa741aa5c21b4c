// Early warning (预警): observations by the warning network, and everyone's own notifications.
import type { ObservationSign, Urgency } from '@yuxin/core';
import { api } from './client';
import type { Answer, Query, RequestBody } from './contract';

export type ObservationSubjects = Answer<'/api/v1/observations/subjects'>;
export type ObservationBody = Omit<RequestBody<'/api/v1/observations', 'post'>, 'signs' | 'urgency'> & {
  signs: ObservationSign[];
  urgency: Urgency;
};
export type NotificationPage = Answer<'/api/v1/notifications'>;
export type NotificationItem = NotificationPage['items'][number];

const enc = encodeURIComponent;

export const warningApi = {
  subjects: (q: string | undefined, signal?: AbortSignal) =>
    api.get<ObservationSubjects>('/observations/subjects', { q }, signal),
  file: (body: ObservationBody) => api.post<Answer<'/api/v1/observations', 'post'>>('/observations', body),
  notifications: (query: Query<'/api/v1/notifications'>, signal?: AbortSignal) =>
    api.get<NotificationPage>('/notifications', { ...query }, signal),
  markRead: (id: string) =>
    api.post<Answer<'/api/v1/notifications/{id}/read', 'post'>>(`/notifications/${enc(id)}/read`),
};
