import { describe, expect, it } from 'vitest';
import { formatShortDateTime, formatWindow } from './format';

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
});
