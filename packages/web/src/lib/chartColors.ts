/**
 * Colours carry meaning in the reports, so each meaning has its own: red and amber are the tiers' (act,
 * watch) and nothing else may use them, or "未完成" would read as tier 3.
 */
export const TIER_COLORS = ['#0f766e', '#b45309', '#b91c1c'] as const;

/** Participation: valid, invalid, not completed — done, doubtful, not yet; no tier colour among them. */
export const PARTICIPATION_COLORS = ['#0e7490', '#7c3aed', '#9ca3af'] as const;

/** Units side by side (a school against its district): plain, distinct from both. */
export const COMPARISON_COLORS = ['#4338ca', '#6b7280'] as const;
