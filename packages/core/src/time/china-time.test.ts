import { describe, expect, it } from 'vitest';
import { chinaDateOf, chinaYearOf, endOfChinaDay, nextDay, startOfChinaDay, startOfChinaYear } from './china-time.js';

describe('China time', () => {
  it('reads the calendar day in China, not in UTC', () => {
    // 16:30 UTC on 31 Dec is already 00:30 on 1 Jan in China.
    expect(chinaDateOf(new Date('2026-12-31T16:30:00Z'))).toBe('2027-01-01');
    expect(chinaDateOf(new Date('2026-12-31T15:59:59Z'))).toBe('2026-12-31');
    expect(chinaYearOf(new Date('2026-12-31T16:00:00Z'))).toBe(2027);
  });

  it('begins and ends a China day at midnight China time', () => {
    expect(startOfChinaDay('2026-09-01').toISOString()).toBe('2026-08-31T16:00:00.000Z');
    expect(endOfChinaDay('2026-09-01').toISOString()).toBe('2026-09-01T16:00:00.000Z');
    expect(startOfChinaYear(2027).toISOString()).toBe('2026-12-31T16:00:00.000Z');
  });

  it('steps over month, year and leap-day ends', () => {
    expect(nextDay('2026-01-31')).toBe('2026-02-01');
    expect(nextDay('2026-12-31')).toBe('2027-01-01');
    expect(nextDay('2028-02-28')).toBe('2028-02-29');
  });
});
