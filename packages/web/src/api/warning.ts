// Early warning (预警): observations by the warning network, and everyone's own notifications.
import { api } from './client';

export type Urgency = 'crisis' | 'high' | 'attention';

export const OBSERVATION_SIGNS = [
  'self_harm_talk',
  'self_harm_sign',
  'mood_change',
  'withdrawal',
  'sleep_appetite',
  'conflict',
  'absence',
  'other',
] as const;
export type ObservationSign = (typeof OBSERVATION_SIGNS)[number];

export interface ObservationSubjects {
  items: Array<{ id: string; name: string; className: string }>;
  levels: string[];
  defaultLevel: string | null;
}

export interface ObservationBody {
  clientId: string;
  studentId: string;
  level?: string;
  signs: ObservationSign[];
  seenAt: string;
  urgency: Urgency;
  text?: string;
}

export interface NotificationItem {
  id: string;
  kind: string;
  alertId: string | null;
  /** Set on follow-up notices: the case they are about. */
  caseId: string | null;
  urgency: Urgency | null;
  title: string;
  body: string;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationPage {
  items: NotificationItem[];
  total: number;
  unread: number;
  page: number;
  pageSize: number;
}

const enc = encodeURIComponent;

export const warningApi = {
  subjects: (q: string | undefined, signal?: AbortSignal) =>
    api.get<ObservationSubjects>('/observations/subjects', { q }, signal),
  file: (body: ObservationBody) => api.post<{ id: string; filedAt: string }>('/observations', body),
  notifications: (query: { unread?: boolean; page?: number; pageSize?: number }, signal?: AbortSignal) =>
    api.get<NotificationPage>('/notifications', { ...query }, signal),
  markRead: (id: string) => api.post<{ id: string; readAt: string }>(`/notifications/${enc(id)}/read`),
};
