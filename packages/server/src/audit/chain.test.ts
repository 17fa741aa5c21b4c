import { describe, expect, it } from 'vitest';
import { AUDIT_STRIPES, chainOf } from './audit.js';

const place = { cityId: 'c1', districtId: 'd1', schoolId: 's1' };
const entry = (requestId: string | null, extra: Partial<Parameters<typeof chainOf>[0]> = {}) => ({
  ...place,
  requestId,
  targetId: null,
  userId: null,
  ...extra,
});

describe('audit chains', () => {
  it('keeps an entry on its school, district or city chain, in one of the stripes', () => {
    expect(chainOf(entry('r1'))).toMatch(/^school:s1\/[0-7]$/);
    expect(chainOf(entry('r1', { schoolId: null }))).toMatch(/^district:d1\/[0-7]$/);
    expect(chainOf(entry('r1', { schoolId: null, districtId: null }))).toMatch(/^city:c1\/[0-7]$/);
    expect(chainOf(entry(null, { schoolId: null, districtId: null, cityId: null }))).toMatch(/^global\/[0-7]$/);
  });

  it('puts the same entry on the same chain every time, so its writer can find the head again', () => {
    expect(chainOf(entry('request-42'))).toBe(chainOf(entry('request-42')));
    expect(chainOf(entry(null, { targetId: 't' }))).toBe(chainOf(entry(null, { targetId: 't' })));
  });

  it("spreads one school's concurrent writes over every stripe", () => {
    const used = new Set(Array.from({ length: 400 }, (_, i) => chainOf(entry(`request-${i}`))));
    expect(used.size).toBe(AUDIT_STRIPES);
  });
});
