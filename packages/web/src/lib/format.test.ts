import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatShortDateTime, formatWindow } from './format';

describe('dates in China time', () => {
  const year = new Date().getFullYear();
  it('shows a midnight-to-midnight window as days, the last one included', () => {
    expect(formatWindow(`${year}-11-21T16:00:00.000Z`, `${year}-12-21T16:00:00.000Z`, 'zh-CN')).toBe(
      '11月22日 – 12月21日',
    );
    expect(formatWindow(`${year}-11-21T16:00:00.000Z`, `${year}-12-21T16:00:00.000Z`, 'en')).toBe('22 Nov – 21 Dec');
  });
  it('shows other times with the hour, and the year only when it is not this one', () => {
    expect(formatShortDateTime(`${year}-03-01T01:30:00.000Z`, 'zh-CN')).toBe('3月1日 09:30');
    expect(formatShortDateTime('2001-03-01T01:30:00.000Z', 'zh-CN')).toBe('2001年3月1日 09:30');
  });
  it('writes every date and time in one style per language, in China time', () => {
    const at = '2026-12-04T15:17:59.000Z';
    expect(formatDateTime(at, 'zh-CN')).toBe('2026年12月4日 23:17');
    expect(formatDateTime(at, 'en')).toBe('4 Dec 2026 23:17');
    expect(formatDateTime(at, 'zh-CN', { seconds: true })).toBe('2026年12月4日 23:17:59');
    expect(formatDate(at, 'zh-CN')).toBe('2026年12月4日');
    expect(formatDate('2026-12-04T16:30:00.000Z', 'en')).toBe('5 Dec 2026');
  });
});
