import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';
import { CHINA_TIME_ZONE } from './zone.js';

dayjs.extend(utc);
dayjs.extend(timezone);

/** The China calendar date of an instant, YYYY-MM-DD. */
export function chinaDateOf(instant: Date): string {
  return dayjs(instant).tz(CHINA_TIME_ZONE).format('YYYY-MM-DD');
}

/** The hour of the China clock (0–23) at an instant: when in the day a call came. */
export function chinaHourOf(instant: Date): number {
  return dayjs(instant).tz(CHINA_TIME_ZONE).hour();
}

/** The China calendar year of an instant. */
export function chinaYearOf(instant: Date): number {
  return dayjs(instant).tz(CHINA_TIME_ZONE).year();
}

/** The instant a China calendar day (YYYY-MM-DD) begins. */
export function startOfChinaDay(date: string): Date {
  return dayjs.tz(date, CHINA_TIME_ZONE).toDate();
}

/** The instant after a China calendar day (YYYY-MM-DD) ends: the start of the next day. */
export function endOfChinaDay(date: string): Date {
  return startOfChinaDay(nextDay(date));
}

/** The instant a China calendar year begins. */
export function startOfChinaYear(year: number): Date {
  return startOfChinaDay(`${String(year).padStart(4, '0')}-01-01`);
}

/** The day after a YYYY-MM-DD date. */
export function nextDay(date: string): string {
  return dayjs.utc(date).add(1, 'day').format('YYYY-MM-DD');
}

/** Intl options that read an instant in China time; spread into toLocaleString and DateTimeFormat. */
export const CHINA_TIME: { timeZone: string } = { timeZone: CHINA_TIME_ZONE };
