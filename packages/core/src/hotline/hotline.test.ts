import { describe, expect, it } from 'vitest';
import { coverageGaps, schoolAlertRefusal, urgencyForRisk } from './index.js';

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
});
