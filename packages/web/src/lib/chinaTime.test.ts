import dayjs from 'dayjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { chinaNow, chinaToday, pickedDay, pickedInstant } from './chinaTime';

// A device in New York: 21:30 on 4 December there is 10:30 on 5 December in China.
const INSTANT = '2026-12-05T02:30:00.000Z';
const savedZone = process.env.TZ;

describe('date pickers on a device outside China', () => {
  beforeAll(() => {
    // Node re-reads TZ when it is assigned, so the device clock below is New York's.
    process.env.TZ = 'America/New_York';
    vi.useFakeTimers({ now: new Date(INSTANT) });
  });
  afterAll(() => {
    vi.useRealTimers();
    if (savedZone === undefined) delete process.env.TZ;
    else process.env.TZ = savedZone;
  });

  it('runs in another zone (the device clock reads New York time)', () => {
    expect(dayjs().format('YYYY-MM-DD HH:mm')).toBe('2026-12-04 21:30');
  });

  it('defaults to China time, not the device clock', () => {
    expect(chinaNow().format('YYYY-MM-DD HH:mm')).toBe('2026-12-05 10:30');
    expect(chinaToday()).toBe('2026-12-05');
    expect(chinaToday(-30)).toBe('2026-11-05');
    expect(pickedDay(chinaNow())).toBe('2026-12-05');
  });

  it('reads the default back as the same instant', () => {
    expect(pickedInstant(chinaNow())).toBe(INSTANT);
  });

  it('reads what the user picked as China wall-clock time, whatever zone the picker made the value in', () => {
    // A picker building a value from the device clock: its fields are what the user saw and chose.
    expect(pickedInstant(dayjs('2026-12-01T08:00:00'))).toBe('2026-12-01T00:00:00.000Z');
    expect(pickedInstant(chinaNow().hour(8).minute(0).second(0).millisecond(0))).toBe('2026-12-05T00:00:00.000Z');
    expect(pickedInstant(chinaNow().startOf('day'))).toBe('2026-12-04T16:00:00.000Z');
  });
});
