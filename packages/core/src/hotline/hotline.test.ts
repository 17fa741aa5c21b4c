import { describe, expect, it } from 'vitest';
import { coverageGaps, schoolAlertRefusal, shiftCoverage, urgencyForRisk } from './index.js';

const at = (h: number) => new Date(Date.UTC(2026, 0, 1, h));

describe('hotline rules', () => {
  it('tells a school only about a student on the roster at medium risk or above', () => {
    expect(schoolAlertRefusal({ anonymous: true, studentId: 's', risk: 'imminent' })).toBe('anonymous');
    expect(schoolAlertRefusal({ anonymous: false, studentId: null, risk: 'high' })).toBe('not_on_roster');
    expect(schoolAlertRefusal({ anonymous: false, studentId: 's', risk: 'low' })).toBe('risk_too_low');
    expect(schoolAlertRefusal({ anonymous: false, studentId: 's', risk: 'medium' })).toBeNull();
  });

  it('maps the risk to the alert urgency', () => {
    expect(urgencyForRisk('imminent')).toBe('crisis');
    expect(urgencyForRisk('high')).toBe('high');
    expect(urgencyForRisk('medium')).toBe('attention');
  });

  it('finds the uncovered parts of a day, with overlapping and outlying shifts', () => {
    const gaps = coverageGaps(
      [
        { start: at(-2), end: at(6) },
        { start: at(5), end: at(8) },
        { start: at(10), end: at(10) },
        { start: at(12), end: at(20) },
      ],
      at(0),
      at(24),
    );
    expect(gaps).toEqual([
      { start: at(8), end: at(12) },
      { start: at(20), end: at(24) },
    ]);
    expect(coverageGaps([], at(0), at(24))).toEqual([{ start: at(0), end: at(24) }]);
    expect(coverageGaps([{ start: at(0), end: at(24) }], at(0), at(24))).toEqual([]);
  });

  it('sums covered hours and lists the gaps of a period', () => {
    const c = shiftCoverage(
      [
        { start: at(0), end: at(8) },
        { start: at(6), end: at(14) },
        { start: at(18), end: at(30) },
        { start: at(40), end: at(52) },
      ],
      at(0),
      at(48),
    );
    expect(c).toEqual({
      hours: 48,
      coveredHours: 34,
      share: 0.708,
      gaps: [
        { start: at(14), end: at(18) },
        { start: at(30), end: at(40) },
      ],
    });
    expect(shiftCoverage([], at(0), at(24))).toMatchObject({ hours: 24, coveredHours: 0, share: 0 });
    expect(shiftCoverage([{ start: at(-4), end: at(30) }], at(0), at(24))).toMatchObject({
      coveredHours: 24,
      share: 1,
      gaps: [],
    });
  });
});
