// Schools keep China time (UTC+8, no daylight saving): a campaign's "opening day", a term's first and last
// day and a student's age are all reckoned on the China calendar, whatever the server's time zone.
const OFFSET_MS = 8 * 60 * 60 * 1000;

/** The China calendar date of an instant, YYYY-MM-DD. */
export function chinaDateOf(instant: Date): string {
  return new Date(instant.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant a China calendar day begins. */
export function startOfChinaDay(date: string): Date {
  return new Date(`${date}T00:00:00+08:00`);
}

/** The day after a YYYY-MM-DD date. */
export function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
