import { describe, expect, it } from 'vitest';
import { bandMeasureKey, isReportKey, REPORT_MEASURE_NAMES } from './measures.js';

describe('report measures', () => {
  it('lists the five measures the report counts', () => {
    expect(REPORT_MEASURE_NAMES).toEqual(['participation', 'band', 'critical', 'tier', 'alert']);
  });

  it('accepts the keys each measure defines and nothing else', () => {
    expect(isReportKey('participation', 'invited')).toBe(true);
    expect(isReportKey('participation', 'raised')).toBe(false);
    expect(isReportKey('tier', '3')).toBe(true);
    expect(isReportKey('tier', '4')).toBe(false);
    expect(isReportKey('alert', 'case_opened')).toBe(true);
    expect(isReportKey('band', bandMeasureKey('phqa', 'moderate'))).toBe(true);
    expect(isReportKey('band', 'moderate')).toBe(false);
    expect(isReportKey('critical', 'phq_item9')).toBe(true);
    expect(isReportKey('critical', '')).toBe(false);
    expect(isReportKey('reopened', 'x')).toBe(false);
  });
});
