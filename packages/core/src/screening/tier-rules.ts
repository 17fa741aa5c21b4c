import type { ScoreResult } from '../instruments/result.js';

/** 1 development (all students), 2 prevention (at risk), 3 intervention (crisis / high risk). */
export type Tier = 1 | 2 | 3;

/** One condition on one instrument's result; a rule fires when any of its conditions holds. */
export interface TierCondition {
  /** Instrument code, or '*' for any instrument (used with anyCriticalFlag). */
  instrument: string;
  bands?: readonly string[];
  totalAtLeast?: number;
  flags?: readonly string[];
  anyCriticalFlag?: boolean;
}

export interface TierRule {
  tier: 2 | 3;
  when: readonly TierCondition[];
}

/** A city's rules turning screening results into a *suggested* tier; a psychology teacher confirms it. */
export interface TierRuleSet {
  id: string;
  version: string;
  rules: readonly TierRule[];
}

export interface TierReason {
  instrument: string;
  rule: 'critical_flag' | 'band' | 'total' | 'flag' | 'invalid_response';
  tier: Tier;
  band?: string | null;
  total?: number | null;
  flags?: string[];
}

export interface TierSuggestion {
  tier: Tier;
  reasons: TierReason[];
}

/**
 * Default rules, from the catalog's published cut-offs (sources in the README):
 * - tier 3: any critical flag (PHQ item 9 ≥ 1, ASQ positive or acute — every one needs a clinician the
 *   same day), PHQ-9/PHQ-A ≥ 15 (moderately severe or severe), GAD-7 ≥ 15 (severe);
 * - tier 2: PHQ-9/PHQ-A 10–14 (moderate; ≥ 10 is the usual screening cut-off, adolescents ≥ 11),
 *   GAD-7 10–14 (further evaluation at ≥ 10), PSC-17 positive or subscale-positive, WHO-5 ≤ 48 %,
 *   a positive PHQ-2/GAD-2 pre-screen;
 * - tier 1 otherwise. RSES is not a risk screen and never moves a tier.
 */
export const DEFAULT_TIER_RULES: TierRuleSet = {
  id: 'yuxin-default',
  version: '2026-11',
  rules: [
    {
      tier: 3,
      when: [
        { instrument: '*', anyCriticalFlag: true },
        { instrument: 'phq9', bands: ['moderately_severe', 'severe'] },
        { instrument: 'phqa', bands: ['moderately_severe', 'severe'] },
        { instrument: 'gad7', bands: ['severe'] },
      ],
    },
    {
      tier: 2,
      when: [
        { instrument: 'phq9', bands: ['moderate'] },
        { instrument: 'phqa', bands: ['moderate'] },
        { instrument: 'gad7', bands: ['moderate'] },
        { instrument: 'psc17', bands: ['positive', 'subscale_positive'] },
        { instrument: 'who5', bands: ['likely_depression', 'poor_wellbeing'] },
        { instrument: 'phq2', bands: ['positive'] },
        { instrument: 'gad2', bands: ['positive'] },
      ],
    },
  ],
};

function matches(c: TierCondition, r: ScoreResult): TierReason['rule'] | null {
  if (c.instrument !== '*' && c.instrument !== r.instrument) return null;
  if (c.anyCriticalFlag && r.criticalFlags.length > 0) return 'critical_flag';
  if (c.flags?.some((f) => r.criticalFlags.includes(f))) return 'flag';
  // Bands and totals exist only for valid responses; critical flags survive invalid ones (catalog §1).
  if (!r.valid) return null;
  if (c.bands && r.band && c.bands.includes(r.band)) return 'band';
  if (c.totalAtLeast !== undefined && r.total !== null && r.total >= c.totalAtLeast) return 'total';
  return null;
}

/** The highest tier any rule reaches, with every reason that reached it or a lower non-default tier. */
export function suggestTier(
  results: readonly ScoreResult[],
  ruleSet: TierRuleSet = DEFAULT_TIER_RULES,
): TierSuggestion {
  const reasons: TierReason[] = [];
  let tier: Tier = 1;
  for (const rule of ruleSet.rules) {
    for (const r of results) {
      for (const c of rule.when) {
        const how = matches(c, r);
        if (!how) continue;
        reasons.push({
          instrument: r.instrument,
          rule: how,
          tier: rule.tier,
          band: r.band,
          total: r.total,
          flags: r.criticalFlags.length ? [...r.criticalFlags] : undefined,
        });
        if (rule.tier > tier) tier = rule.tier;
        break;
      }
    }
  }
  for (const r of results) if (!r.valid) reasons.push({ instrument: r.instrument, rule: 'invalid_response', tier: 1 });
  return { tier, reasons };
}
