import { describe, expect, it } from 'vitest';
import { ApiError, filenameFromDisposition, pointerToNamePath } from './problem';

describe('problem details', () => {
  it('parses a Yuxin problem into a typed error', () => {
    const e = new ApiError(
      400,
      {
        type: 'urn:yuxin:problem:validation',
        title: 'Bad request',
        status: 400,
        detail: '请求有误',
        errors: [{ field: '/name', message: '必填' }],
      },
      'fallback',
    );
    expect(e.kind).toBe('validation');
    expect(e.detail).toBe('请求有误');
    expect(e.errors).toEqual([{ field: '/name', message: '必填' }]);
  });

  it('falls back when the body is not a problem document', () => {
    const e = new ApiError(502, {}, 'server unavailable');
    expect(e.kind).toBe('internal');
    expect(e.detail).toBe('server unavailable');
    expect(e.errors).toEqual([]);
  });

  it('keeps retryAfter', () => {
    const r = new ApiError(429, { type: 'urn:yuxin:problem:rate-limited', retryAfter: 30 }, 'x');
    expect(r.retryAfter).toBe(30);
  });

  it('maps JSON pointers to form name paths', () => {
    expect(pointerToNamePath('/name')).toEqual(['name']);
    expect(pointerToNamePath('/guardians/0/phone')).toEqual(['guardians', 0, 'phone']);
    expect(pointerToNamePath('/a~1b')).toEqual(['a/b']);
    expect(pointerToNamePath('')).toEqual([]);
    expect(pointerToNamePath('username')).toEqual(['username']);
  });

  it('reads file names from Content-Disposition', () => {
    expect(filenameFromDisposition('attachment; filename="a.pdf"', 'x')).toBe('a.pdf');
    expect(
      filenameFromDisposition(
        `attachment; filename="c.pdf"; filename*=UTF-8''%E4%B8%83%E5%B9%B4%E7%BA%A72%E7%8F%AD.pdf`,
        'x',
      ),
    ).toBe('七年级2班.pdf');
    expect(filenameFromDisposition('attachment; filename=plain.xlsx', 'x')).toBe('plain.xlsx');
    expect(filenameFromDisposition(null, 'fallback.csv')).toBe('fallback.csv');
  });
});
