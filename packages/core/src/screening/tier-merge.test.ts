import { describe, expect, it } from 'vitest';
import { mergeTierSuggestion } from './tier-merge.js';
import type { TierReason } from './tier-rules.js';

const reason = (instrument: string, tier: 1 | 2 | 3): TierReason => ({ instrument, rule: 'band', tier });

describe('merging suggested tiers of one campaign', () => {
  it('starts a new assessment as a suggestion', () => {
    expect(mergeTierSuggestion(null, { tier: 2, reasons: [reason('phqa', 2)] })).toEqual({
      suggestedTier: 2,
      suggestedReasons: [reason('phqa', 2)],
      status: 'suggested',
      confirmedTier: null,
    });
  });

  it('keeps the higher suggestion and every reason', () => {
    const current = {
      suggestedTier: 3 as const,
      suggestedReasons: [reason('phqa', 3)],
      status: 'suggested' as const,
      confirmedTier: null,
    };
    expect(mergeTierSuggestion(current, { tier: 2, reasons: [reason('psc17', 2)] })).toEqual({
      ...current,
      suggestedReasons: [reason('phqa', 3), reason('psc17', 2)],
    });
  });

  it('sends a confirmed assessment back for review only when the new suggestion is above the confirmed tier', () => {
    const confirmed = {
      suggestedTier: 3 as const,
      suggestedReasons: [],
      status: 'confirmed' as const,
      confirmedTier: 1 as const,
    };
    // Above the confirmed tier (the teacher lowered it): review again, whatever was suggested before.
    expect(mergeTierSuggestion(confirmed, { tier: 2, reasons: [] })).toMatchObject({
      suggestedTier: 3,
      status: 'suggested',
      confirmedTier: 1,
    });
    expect(mergeTierSuggestion(confirmed, { tier: 1, reasons: [] }).status).toBe('confirmed');
    expect(mergeTierSuggestion({ ...confirmed, confirmedTier: 3 }, { tier: 3, reasons: [] }).status).toBe('confirmed');
  });
});
