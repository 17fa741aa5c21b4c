import { api } from './client';
import type { Locale, Session } from './types';

export const authApi = {
  session: () => api.get<Session>('/session'),
  login: (username: string, password: string) => api.post<Session>('/auth/login', { username, password }),
  /** A screening code from a slip (or its QR code): a session for that one questionnaire. */
  screeningCode: (code: string, birthDate?: string) =>
    api.post<Session>('/auth/screening-code', birthDate ? { code, birthDate } : { code }),
  logout: () => api.post<void>('/auth/logout'),
  logoutAll: () => api.post<void>('/auth/logout-all'),
  changePassword: (currentPassword: string, newPassword: string) =>
    api.post<void>('/auth/change-password', { currentPassword, newPassword }),
  saveLocale: (locale: Locale) => api.put<void>('/me/locale', { locale }),
  /** The second step of a staff sign-in: a TOTP code or a recovery code. */
  verifyCode: (code: string) => api.post<Session>('/auth/two-factor/verify', { code }),
  beginEnrolment: () => api.post<{ secret: string; otpauthUri: string }>('/auth/two-factor/enrolment'),
  confirmEnrolment: (code: string) =>
    api.post<Session & { recoveryCodes: string[] }>('/auth/two-factor/enrolment/confirm', { code }),
};
