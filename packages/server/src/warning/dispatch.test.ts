import { describe, expect, it } from 'vitest';
import { retryDelayMs } from './dispatch.js';

describe('outbox retry delay', () => {
  it('doubles from a minute and never waits more than an hour', () => {
    expect([1, 2, 3, 4].map(retryDelayMs)).toEqual([60_000, 120_000, 240_000, 480_000]);
    expect(retryDelayMs(7)).toBe(60 * 60_000);
    expect(retryDelayMs(30)).toBe(60 * 60_000);
  });
});
