import type { Locale } from '../http/locale.js';

/** One student's credentials as printed: the only place a one-time password ever leaves the server. */
export interface CredentialSlip {
  studentName: string;
  username: string;
  password: string;
}

/** What every slip of one class shares. */
export interface SlipSheet {
  schoolName: string;
  className: string;
  signInUrl: string;
  locale: Locale;
  slips: CredentialSlip[];
}
