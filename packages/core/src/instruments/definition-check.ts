import { bandsOf } from './labels.js';
import { allowedCodes, itemScore, optionsOf } from './options.js';
import type { InstrumentDefinition, RangeBand } from './types.js';

/** linkIds the FHIR conversion uses for the stem and the total score. */
export const RESERVED_LINK_IDS: readonly string[] = ['stem', 'total'];

function scoreRange(def: InstrumentDefinition): { min: number; max: number } {
  let min = 0;
  let max = 0;
  for (const item of def.items) {
    const scores = allowedCodes(def, item).map((c) => itemScore(def, item, c));
    // An item without options is reported on its own; it must not turn the range into ±Infinity.
    if (scores.length === 0) continue;
    min += Math.min(...scores);
    max += Math.max(...scores);
  }
  return { min, max };
}

function checkRangeBands(bands: readonly RangeBand[], from: number, to: number, problems: string[]): void {
  const sorted = [...bands].sort((a, b) => a.min - b.min);
  let next = from;
  for (const b of sorted) {
    if (b.min !== next) problems.push(`band ${b.id} starts at ${b.min}, expected ${next}`);
    if (b.max < b.min) problems.push(`band ${b.id} is empty`);
    next = b.max + 1;
  }
  if (next !== to + 1) problems.push(`bands end at ${next - 1}, expected ${to}`);
}

/**
 * Consistency problems of a definition (empty when it can be shipped). Guards new versions and definitions
 * read back from FHIR: every reachable score must fall in exactly one band and every rule must name real items.
 */
export function checkDefinition(def: InstrumentDefinition): string[] {
  const problems: string[] = [];
  if (!/^[a-z][a-z0-9_]*$/.test(def.code)) problems.push(`code ${def.code} is not a lowercase identifier`);
  if (!Number.isInteger(def.version) || def.version < 1)
    problems.push(`version ${def.version} is not a positive integer`);
  if (!def.name.en || !def.name.zh || !def.stem.en || !def.stem.zh) problems.push('name and stem need en and zh');
  if (def.items.length === 0) problems.push('no items');

  const ids = new Set<string>();
  const linkIds = new Set<string>();
  def.items.forEach((item, i) => {
    const where = `item ${item.id}`;
    if (item.number !== i + 1) problems.push(`${where} has number ${item.number}, expected ${i + 1}`);
    if (ids.has(item.id)) problems.push(`${where}: duplicate id`);
    if (linkIds.has(item.linkId)) problems.push(`${where}: duplicate linkId ${item.linkId}`);
    if (RESERVED_LINK_IDS.includes(item.linkId)) problems.push(`${where}: linkId ${item.linkId} is reserved`);
    ids.add(item.id);
    linkIds.add(item.linkId);
    if (!item.text.en || !item.text.zh) problems.push(`${where} needs en and zh text`);
    const options = optionsOf(def, item);
    if (options.length === 0) problems.push(`${where} has no options`);
    const codes = options.map((o) => o.code);
    if (codes.some((c) => !Number.isInteger(c))) problems.push(`${where} has a non-integer option code`);
    if (new Set(codes).size !== codes.length) problems.push(`${where} has duplicate option codes`);
    if (options.some((o) => !o.label.en || !o.label.zh))
      problems.push(`${where} has an option without en and zh label`);
  });

  const itemExists = (n: number): boolean => n >= 1 && n <= def.items.length;
  const scoring = def.scoring;
  const bandIds = bandsOf(scoring).map((b) => b.id);
  if (new Set(bandIds).size !== bandIds.length) problems.push('duplicate band ids');
  if (
    'missing' in scoring &&
    scoring.missing.treatment !== 'none_allowed' &&
    scoring.missing.maxMissing >= def.items.length
  ) {
    problems.push('missing rule allows every item to be blank');
  }

  switch (scoring.kind) {
    case 'sum': {
      const range = scoreRange(def);
      checkRangeBands(scoring.bands, range.min, range.max, problems);
      for (const rule of scoring.critical) {
        if (!itemExists(rule.item)) problems.push(`critical rule ${rule.flag} names missing item ${rule.item}`);
      }
      break;
    }
    case 'who5': {
      const range = scoreRange(def);
      checkRangeBands(scoring.bands, range.min, range.max, problems);
      if (!(scoring.multiplier > 0)) problems.push('multiplier must be positive');
      break;
    }
    case 'psc17': {
      const known = new Set(scoring.subscales.map((s) => s.id));
      for (const item of def.items) {
        if (item.subscale === undefined || !known.has(item.subscale))
          problems.push(`item ${item.id} has no known subscale`);
      }
      for (const s of scoring.subscales) {
        if (!def.items.some((i) => i.subscale === s.id)) problems.push(`subscale ${s.id} has no items`);
      }
      break;
    }
    case 'asq': {
      for (const n of [...scoring.screenItems, scoring.acuityItem]) {
        if (!itemExists(n)) problems.push(`ASQ rule names missing item ${n}`);
      }
      if (def.items.some((item) => !allowedCodes(def, item).includes(scoring.yesCode)))
        problems.push('yes code missing from options');
      break;
    }
  }
  return problems;
}
