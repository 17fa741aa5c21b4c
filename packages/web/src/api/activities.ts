// 活动台账: a school's activities (class meetings, lectures, group sessions, the 5·25 and 10·10 days).
import { api } from './client';
import type { Answer, Query, RequestBody } from './contract';

export { ACTIVITY_KINDS, ACTIVITY_KINDS_BY_ROLE, countActivities, type ActivityKind } from '@yuxin/core';

export type ActivityList = Answer<'/api/v1/activities'>;
export type Activity = ActivityList['items'][number];
export type ActivityInput = RequestBody<'/api/v1/activities', 'post'>;
export type ActivityPatch = RequestBody<'/api/v1/activities/{id}', 'patch'>;
type ListQuery = Query<'/api/v1/activities'>;

const enc = encodeURIComponent;

export const activitiesApi = {
  list: (query: ListQuery, signal?: AbortSignal) => api.get<ActivityList>('/activities', query, signal),
  record: (body: ActivityInput) => api.post<Activity>('/activities', body),
  update: (id: string, body: ActivityPatch) => api.patch<Activity>(`/activities/${enc(id)}`, body),
  void: (id: string, reason: string) => api.delete<Activity>(`/activities/${enc(id)}`, { reason }),
};
