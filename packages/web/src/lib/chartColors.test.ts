import { describe, expect, it } from 'vitest';
import { COMPARISON_COLORS, PARTICIPATION_COLORS, TIER_COLORS } from './chartColors';

describe('report colours', () => {
  it('keep the tier colours for tiers only', () => {
    const tiers = new Set<string>(TIER_COLORS);
    for (const c of [...PARTICIPATION_COLORS, ...COMPARISON_COLORS]) expect(tiers.has(c), c).toBe(false);
  });
});
