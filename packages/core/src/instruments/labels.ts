import { optionsOf } from './options.js';
import { getInstrument } from './registry.js';
import type { BilingualText, InstrumentDefinition, InstrumentLocale, NamedBand, ScoringRule } from './types.js';

export function localize(text: BilingualText, locale: InstrumentLocale): string {
  return locale === 'zh-CN' ? text.zh : text.en;
}

/** Every band a scoring rule can return, in its declared order. */
export function bandsOf(scoring: ScoringRule): NamedBand[] {
  switch (scoring.kind) {
    case 'sum':
    case 'who5':
      return scoring.bands;
    case 'psc17':
      return [scoring.bands.totalPositive, scoring.bands.subscalePositive, scoring.bands.negative];
    case 'asq':
      return [scoring.bands.negative, scoring.bands.nonAcutePositive, scoring.bands.acutePositive];
  }
}

function resolve(code: string, def?: InstrumentDefinition): InstrumentDefinition | undefined {
  return def && def.code === code ? def : getInstrument(code);
}

/**
 * The instrument's short name as printed on its form ("PHQ-A", "GAD-7"), for every place that names an
 * instrument by its code: upper-casing the code gave "PHQA" beside the definitions' "PHQ-A". A code the
 * registry does not know (an imported instrument) still reads as a name, upper-cased.
 */
export function instrumentShortName(code: string, def?: InstrumentDefinition): string {
  return resolve(code, def)?.shortName ?? code.toUpperCase();
}

/**
 * Display label of a band. Looks in `def` when given (a version not in the registry), else in the current
 * registered version; falls back to the band id so an unknown band still renders.
 */
export function bandLabel(code: string, bandId: string, locale: InstrumentLocale, def?: InstrumentDefinition): string {
  const d = resolve(code, def);
  const band = d ? bandsOf(d.scoring).find((b) => b.id === bandId) : undefined;
  return band ? localize(band.label, locale) : bandId;
}

/** Display label of a subscale (PSC-17); falls back to the id. */
export function subscaleLabel(
  code: string,
  subscaleId: string,
  locale: InstrumentLocale,
  def?: InstrumentDefinition,
): string {
  const d = resolve(code, def);
  const sub = d?.scoring.kind === 'psc17' ? d.scoring.subscales.find((s) => s.id === subscaleId) : undefined;
  return sub ? localize(sub.label, locale) : subscaleId;
}

/** Display label of an answer code for a 1-based item number; `undefined` when unknown. */
export function optionLabel(
  code: string,
  itemNumber: number,
  answer: number,
  locale: InstrumentLocale,
  def?: InstrumentDefinition,
): string | undefined {
  const d = resolve(code, def);
  const item = d?.items.find((i) => i.number === itemNumber);
  const option = d && item ? optionsOf(d, item).find((o) => o.code === answer) : undefined;
  return option ? localize(option.label, locale) : undefined;
}

/**
 * Critical flags in plain words. Flag ids are stable codes stored with every result; staff, reports and
 * files show these names, never the codes.
 */
const CRITICAL_FLAG_LABELS: Record<string, BilingualText> = {
  phq9_item9: { zh: 'PHQ-9 第 9 题阳性', en: 'PHQ-9 item 9 positive' },
  phqa_item9: { zh: 'PHQ-A 第 9 题阳性', en: 'PHQ-A item 9 positive' },
  asq_positive: { zh: 'ASQ 筛查阳性', en: 'ASQ positive screen' },
  asq_acute: { zh: 'ASQ 急性阳性', en: 'ASQ acute positive' },
};

/** Display label of a critical flag; an unknown flag still reads as one, with its id. */
export function criticalFlagLabel(flag: string, locale: InstrumentLocale): string {
  const text = CRITICAL_FLAG_LABELS[flag] ?? { zh: `危机标记 ${flag}`, en: `critical flag ${flag}` };
  return localize(text, locale);
}
