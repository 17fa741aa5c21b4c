import type { Tier, TierReason, TierSuggestion } from './tier-rules.js';

export type TierAssessmentStatus = 'suggested' | 'confirmed';

/** One student's tier assessment in one campaign, as far as merging a new suggestion into it goes. */
export interface CampaignTierAssessment {
  suggestedTier: Tier;
  suggestedReasons: TierReason[];
  status: TierAssessmentStatus;
  confirmedTier: Tier | null;
}

/**
 * A student answering several forms in one campaign (a self-report and a guardian's form) gets one
 * assessment: the higher suggestion wins, the reasons add up, and a suggestion above the tier already
 * confirmed — or, before any confirmation, above the earlier suggestion — goes back to the psychology
 * teacher for review (复核). The submission statement computes this in SQL, in the same transaction as the
 * responses; `tier-merge.int.test.ts` holds that SQL to this definition.
 */
export function mergeTierSuggestion(
  current: CampaignTierAssessment | null,
  incoming: TierSuggestion,
): CampaignTierAssessment {
  if (!current)
    return {
      suggestedTier: incoming.tier,
      suggestedReasons: incoming.reasons,
      status: 'suggested',
      confirmedTier: null,
    };
  const aboveWhatWasSeen = incoming.tier > (current.confirmedTier ?? current.suggestedTier);
  return {
    suggestedTier: incoming.tier > current.suggestedTier ? incoming.tier : current.suggestedTier,
    suggestedReasons: [...current.suggestedReasons, ...incoming.reasons],
    status: aboveWhatWasSeen ? 'suggested' : current.status,
    confirmedTier: current.confirmedTier,
  };
}
