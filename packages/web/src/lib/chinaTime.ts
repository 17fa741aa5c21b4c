import { CHINA_TIME_ZONE } from '@yuxin/core';
import dayjs, { type Dayjs } from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';

dayjs.extend(utc);
dayjs.extend(timezone);

/**
 * Date pickers in China time. Every time on the screen is China time (see format.ts), so a picker must not
 * start from the device clock: on a phone set to another zone the observation form once defaulted to a time
 * 8 hours off what the page said. A picker shows and edits a Dayjs's wall-clock fields, so defaults carry
 * China's fields, and what was picked is read back as China wall-clock time, whatever zone the Dayjs holds.
 */

/** Now, with China's wall-clock fields: the default of a date or time picker. */
export function chinaNow(): Dayjs {
  return dayjs().tz(CHINA_TIME_ZONE);
}

/** The instant (ISO) a picked value means: its date and time read as China time. */
export function pickedInstant(value: Dayjs): string {
  return dayjs.tz(value.format('YYYY-MM-DDTHH:mm:ss.SSS'), CHINA_TIME_ZONE).toISOString();
}

/** The China calendar day (YYYY-MM-DD) a picked value shows, for comparing days across zones. */
export function pickedDay(value: Dayjs): string {
  return value.format('YYYY-MM-DD');
}

/** Today's China calendar day (YYYY-MM-DD), `offsetDays` later (or earlier when negative). */
export function chinaToday(offsetDays = 0): string {
  return chinaNow().add(offsetDays, 'day').format('YYYY-MM-DD');
}

/** A recorded instant as a picker value: its China wall-clock fields, whatever zone the device is in. */
export function chinaPickerValue(iso: string): Dayjs {
  return dayjs(iso).tz(CHINA_TIME_ZONE);
}
