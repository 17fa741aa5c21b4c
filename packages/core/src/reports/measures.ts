/**
 * What the screening reports count (`report_cell.measure` and its keys). The counts are kept by PL/pgSQL
 * triggers inside every write (migrations 0009 and 0011) so a city report sums a few thousand rows; these
 * are the names that SQL writes and the report code reads, and `measures.int.test.ts` checks the
 * database against them.
 */
export const REPORT_MEASURES = {
  /** Per assignment: invited, completed, and invalid (any of its forms invalid, counted once). */
  participation: ['invited', 'completed', 'invalid'],
  /** Per response: `<instrument>:<band>` (see `bandMeasureKey`). */
  band: null,
  /** Per response: one count per critical flag id it carries. */
  critical: null,
  /** Per student: the confirmed tier. */
  tier: ['1', '2', '3'],
  /**
   * Per alert of a campaign: raised, acknowledged, acknowledged on time, the minutes to acknowledgement
   * (a sum, divided by `acknowledged` for the mean), and taken into a case.
   */
  alert: ['raised', 'acknowledged', 'on_time', 'ack_minutes', 'case_opened'],
} as const satisfies Record<string, readonly string[] | null>;

export type ReportMeasure = keyof typeof REPORT_MEASURES;
export const REPORT_MEASURE_NAMES = Object.keys(REPORT_MEASURES) as ReportMeasure[];

export type ParticipationKey = (typeof REPORT_MEASURES.participation)[number];
export type AlertMeasureKey = (typeof REPORT_MEASURES.alert)[number];

/** The key of a band count: the instrument and its band, so one measure holds every instrument. */
export function bandMeasureKey(instrument: string, band: string): string {
  return `${instrument}:${band}`;
}

/** Whether a count's key is one the measure defines; open measures (bands, flags) take any non-empty key. */
export function isReportKey(measure: string, key: string): boolean {
  if (!(measure in REPORT_MEASURES)) return false;
  const keys: readonly string[] | null = REPORT_MEASURES[measure as ReportMeasure];
  if (keys) return keys.includes(key);
  return measure === 'band' ? /^[^:]+:[^:]+$/.test(key) : key.length > 0;
}
