// 心理辅导室: rooms and the duty roster, slots and appointments, and counseling records.
import { api } from './client';
import type { Answer, Query, RequestBody } from './contract';

export type CounselingRooms = Answer<'/api/v1/counseling/rooms'>;
export type CounselingRoom = CounselingRooms['items'][number];
export type DutyShiftBody = RequestBody<'/api/v1/counseling/rooms/{id}/roster', 'put'>['shifts'][number];
export type CounselingSlot = Answer<'/api/v1/counseling/slots'>['items'][number];
export type CounselingAppointment = Answer<'/api/v1/counseling/appointments'>['items'][number];
export type CounselingDay = Answer<'/api/v1/counseling/day'>;
export type CounselingDayItem = CounselingDay['items'][number];
export type AppointmentEvent = RequestBody<'/api/v1/counseling/appointments/{id}/transition', 'post'>['event'];
export type CounselingRecordBody = RequestBody<'/api/v1/counseling/records', 'post'>;
export type CounselingRecord = Answer<'/api/v1/counseling/records/{id}'>;
export type KeyFeedback = Answer<'/api/v1/counseling/key-feedback'>['items'][number];

const enc = encodeURIComponent;

export const counselingApi = {
  rooms: (schoolId: string, signal?: AbortSignal) =>
    api.get<CounselingRooms>('/counseling/rooms', { schoolId }, signal),
  createRoom: (body: RequestBody<'/api/v1/counseling/rooms', 'post'>) =>
    api.post<CounselingRoom>('/counseling/rooms', body),
  saveRoster: (roomId: string, shifts: DutyShiftBody[]) =>
    api.put<CounselingRoom>(`/counseling/rooms/${enc(roomId)}/roster`, { shifts }),
  setDutyLog: (roomId: string, body: RequestBody<'/api/v1/counseling/rooms/{id}/duty-log', 'put'>) =>
    api.put<CounselingRoom>(`/counseling/rooms/${enc(roomId)}/duty-log`, body),
  slots: (studentId: string, signal?: AbortSignal) =>
    api.get<Answer<'/api/v1/counseling/slots'>>('/counseling/slots', { studentId }, signal),
  appointments: (studentId: string, signal?: AbortSignal) =>
    api.get<Answer<'/api/v1/counseling/appointments'>>('/counseling/appointments', { studentId }, signal),
  book: (body: RequestBody<'/api/v1/counseling/appointments', 'post'>) =>
    api.post<CounselingAppointment>('/counseling/appointments', body),
  move: (id: string, event: AppointmentEvent, informGuardians?: boolean) =>
    api.post<Answer<'/api/v1/counseling/appointments/{id}/transition', 'post'>>(
      `/counseling/appointments/${enc(id)}/transition`,
      informGuardians ? { event, informGuardians } : { event },
    ),
  reschedule: (id: string, body: RequestBody<'/api/v1/counseling/appointments/{id}/reschedule', 'post'>) =>
    api.post<CounselingAppointment>(`/counseling/appointments/${enc(id)}/reschedule`, body),
  walkIn: (body: RequestBody<'/api/v1/counseling/walk-ins', 'post'>) =>
    api.post<CounselingAppointment>('/counseling/walk-ins', body),
  day: (query: Query<'/api/v1/counseling/day'>, signal?: AbortSignal) =>
    api.get<CounselingDay>('/counseling/day', { ...query }, signal),
  createRecord: (body: CounselingRecordBody) =>
    api.post<Answer<'/api/v1/counseling/records', 'post'>>('/counseling/records', body),
  record: (id: string, signal?: AbortSignal) =>
    api.get<CounselingRecord>(`/counseling/records/${enc(id)}`, undefined, signal),
  openCase: (id: string, body: RequestBody<'/api/v1/counseling/records/{id}/case', 'post'>) =>
    api.post<Answer<'/api/v1/counseling/records/{id}/case', 'post'>>(`/counseling/records/${enc(id)}/case`, body),
  raiseAlert: (id: string, body: RequestBody<'/api/v1/counseling/records/{id}/alert', 'post'>) =>
    api.post<Answer<'/api/v1/counseling/records/{id}/alert', 'post'>>(`/counseling/records/${enc(id)}/alert`, body),
  refer: (id: string, body: RequestBody<'/api/v1/counseling/records/{id}/referral', 'post'>) =>
    api.post<Answer<'/api/v1/counseling/records/{id}/referral', 'post'>>(
      `/counseling/records/${enc(id)}/referral`,
      body,
    ),
  sendKeyFeedback: (id: string, note: string) =>
    api.post<Answer<'/api/v1/counseling/records/{id}/key-feedback', 'post'>>(
      `/counseling/records/${enc(id)}/key-feedback`,
      { note },
    ),
  keyFeedback: (signal?: AbortSignal) =>
    api.get<Answer<'/api/v1/counseling/key-feedback'>>('/counseling/key-feedback', undefined, signal),
};
