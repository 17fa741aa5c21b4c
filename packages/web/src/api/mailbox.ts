// 心理信箱: a student's letters to the school's psychology teachers, and the teachers' side of them.
import { api } from './client';
import type { Answer, ItemOf, RequestBody } from './contract';

export type MyMailbox = Answer<'/api/v1/my/mailbox'>;
export type MyLetter = ItemOf<MyMailbox>;
export type MyThread = Answer<'/api/v1/my/mailbox/{id}'>;
export type MailboxQueueItem = ItemOf<Answer<'/api/v1/mailbox'>>;
export type MailboxThread = Answer<'/api/v1/mailbox/{id}'>;
type Posted = Answer<'/api/v1/my/mailbox', 'post'>;

const enc = encodeURIComponent;

export const mailboxApi = {
  mine: (signal?: AbortSignal) => api.get<MyMailbox>('/my/mailbox', undefined, signal),
  write: (body: RequestBody<'/api/v1/my/mailbox', 'post'>) => api.post<Posted>('/my/mailbox', body),
  myThread: (id: string, signal?: AbortSignal) => api.get<MyThread>(`/my/mailbox/${enc(id)}`, undefined, signal),
  writeAgain: (id: string, body: RequestBody<'/api/v1/my/mailbox/{id}/messages', 'post'>) =>
    api.post<Posted>(`/my/mailbox/${enc(id)}/messages`, body),
  queue: (signal?: AbortSignal) => api.get<Answer<'/api/v1/mailbox'>>('/mailbox', undefined, signal),
  thread: (id: string, signal?: AbortSignal) => api.get<MailboxThread>(`/mailbox/${enc(id)}`, undefined, signal),
  answer: (id: string, body: RequestBody<'/api/v1/mailbox/{id}/replies', 'post'>) =>
    api.post<Posted>(`/mailbox/${enc(id)}/replies`, body),
  markRisk: (id: string, body: RequestBody<'/api/v1/mailbox/{id}/risk', 'post'>) =>
    api.post<Answer<'/api/v1/mailbox/{id}/risk', 'post'>>(`/mailbox/${enc(id)}/risk`, body),
};
