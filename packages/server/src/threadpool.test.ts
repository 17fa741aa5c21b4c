import { describe, expect, it } from 'vitest';
import { threadPoolSize } from './threadpool.js';

describe('threadPoolSize', () => {
  it('is one thread per core, at least two', () => {
    expect(threadPoolSize({}, 2)).toBe(2);
    expect(threadPoolSize({}, 8)).toBe(8);
    expect(threadPoolSize({}, 1)).toBe(2);
  });

  it("keeps an operator's UV_THREADPOOL_SIZE and ignores one that is not a count", () => {
    expect(threadPoolSize({ UV_THREADPOOL_SIZE: '6' }, 2)).toBe(6);
    expect(threadPoolSize({ UV_THREADPOOL_SIZE: 'many' }, 2)).toBe(2);
    expect(threadPoolSize({ UV_THREADPOOL_SIZE: '0' }, 4)).toBe(4);
  });
});
