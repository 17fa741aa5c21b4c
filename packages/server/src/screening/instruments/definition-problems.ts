import type { InstrumentDefinition } from '@yuxin/core';
import type { Locale } from '../../http/locale.js';
import type { FieldError } from '../../http/problem.js';
import { fieldError, type InstrumentMessageKey } from './messages.js';

/**
 * `checkDefinition` in @yuxin/core reports problems as English sentences without a location. The editor
 * needs the path and their own language, so each known sentence is matched here and pointed at the part of
 * the definition it is about. A sentence core adds later still reaches the caller, in English, under `/`;
 * definition-problems.test.ts fails when core's wording drifts from these patterns.
 */

type Match = RegExpExecArray;
interface Rule {
  pattern: RegExp;
  key: InstrumentMessageKey;
  path: (def: InstrumentDefinition, m: Match) => string;
  params?: (m: Match) => Record<string, string | number>;
}

const itemIndex = (def: InstrumentDefinition, id: string, nth = 0): number => {
  const hits = def.items.flatMap((item, i) => (item.id === id ? [i] : []));
  return hits[nth] ?? hits[0] ?? 0;
};
const itemPath = (def: InstrumentDefinition, id: string, rest = '', nth = 0) =>
  `/items/${itemIndex(def, id, nth)}${rest}`;
/** Options live on the item when it overrides them, otherwise on the definition. */
const optionsPath = (def: InstrumentDefinition, id: string) =>
  def.items[itemIndex(def, id)]?.options ? itemPath(def, id, '/options') : '/options';
const bandPath = (def: InstrumentDefinition, id: string, rest: string) => {
  const scoring = def.scoring;
  if (scoring.kind !== 'sum' && scoring.kind !== 'who5') return '/scoring/bands';
  const index = scoring.bands.findIndex((b) => b.id === id);
  return index < 0 ? '/scoring/bands' : `/scoring/bands/${index}${rest}`;
};

const RULES: Rule[] = [
  {
    pattern: /^code (.*) is not a lowercase identifier$/,
    key: 'definition.code',
    path: () => '/code',
    params: (m) => ({ code: m[1]! }),
  },
  { pattern: /^version .* is not a positive integer$/, key: 'definition.version', path: () => '/version' },
  { pattern: /^name and stem need en and zh$/, key: 'definition.bilingual', path: () => '/name' },
  { pattern: /^no items$/, key: 'definition.no-items', path: () => '/items' },
  {
    pattern: /^item (.+) has number (-?[\d.]+|NaN|-?Infinity), expected (\d+)$/,
    key: 'definition.item-number',
    path: (d, m) => `/items/${Number(m[3]) - 1}/number`,
    params: (m) => ({ id: m[1]!, number: m[2]!, expected: m[3]! }),
  },
  {
    pattern: /^item (.+): duplicate id$/,
    key: 'definition.item-duplicate-id',
    path: (d, m) => itemPath(d, m[1]!, '/id', 1),
    params: (m) => ({ id: m[1]! }),
  },
  {
    pattern: /^item (.+): duplicate linkId (.+)$/,
    key: 'definition.item-duplicate-link',
    path: (d, m) => itemPath(d, m[1]!, '/linkId', d.items.filter((i) => i.id === m[1]).length > 1 ? 1 : 0),
    params: (m) => ({ id: m[1]!, linkId: m[2]! }),
  },
  {
    pattern: /^item (.+): linkId (.+) is reserved$/,
    key: 'definition.item-reserved-link',
    path: (d, m) => itemPath(d, m[1]!, '/linkId'),
    params: (m) => ({ id: m[1]!, linkId: m[2]! }),
  },
  {
    pattern: /^item (.+) needs en and zh text$/,
    key: 'definition.item-text',
    path: (d, m) => itemPath(d, m[1]!, '/text'),
    params: (m) => ({ id: m[1]! }),
  },
  {
    pattern: /^item (.+) has no options$/,
    key: 'definition.item-no-options',
    path: (d, m) => optionsPath(d, m[1]!),
    params: (m) => ({ id: m[1]! }),
  },
  {
    pattern: /^item (.+) has a non-integer option code$/,
    key: 'definition.item-option-code',
    path: (d, m) => optionsPath(d, m[1]!),
    params: (m) => ({ id: m[1]! }),
  },
  {
    pattern: /^item (.+) has duplicate option codes$/,
    key: 'definition.item-duplicate-codes',
    path: (d, m) => optionsPath(d, m[1]!),
    params: (m) => ({ id: m[1]! }),
  },
  {
    pattern: /^item (.+) has an option without en and zh label$/,
    key: 'definition.item-option-label',
    path: (d, m) => optionsPath(d, m[1]!),
    params: (m) => ({ id: m[1]! }),
  },
  {
    pattern: /^item (.+) has no known subscale$/,
    key: 'definition.item-subscale',
    path: (d, m) => itemPath(d, m[1]!, '/subscale'),
    params: (m) => ({ id: m[1]! }),
  },
  { pattern: /^duplicate band ids$/, key: 'definition.band-duplicate', path: () => '/scoring/bands' },
  {
    pattern: /^missing rule allows every item to be blank$/,
    key: 'definition.missing-all',
    path: () => '/scoring/missing/maxMissing',
  },
  {
    pattern: /^band (.+) starts at (-?[\d.]+|NaN|-?Infinity), expected (-?[\d.]+|NaN|-?Infinity)$/,
    key: 'definition.band-start',
    path: (d, m) => bandPath(d, m[1]!, '/min'),
    params: (m) => ({ band: m[1]!, min: m[2]!, expected: m[3]! }),
  },
  {
    pattern: /^band (.+) is empty$/,
    key: 'definition.band-empty',
    path: (d, m) => bandPath(d, m[1]!, '/max'),
    params: (m) => ({ band: m[1]! }),
  },
  {
    pattern: /^bands end at (-?[\d.]+|NaN|-?Infinity), expected (-?[\d.]+|NaN|-?Infinity)$/,
    key: 'definition.bands-end',
    path: () => '/scoring/bands',
    params: (m) => ({ end: m[1]!, expected: m[2]! }),
  },
  {
    pattern: /^critical rule (.+) names missing item (-?[\d.]+|NaN|-?Infinity)$/,
    key: 'definition.critical-item',
    path: (d, m) => {
      const index =
        d.scoring.kind === 'sum' ? d.scoring.critical.findIndex((r) => r.flag === m[1] && r.item === Number(m[2])) : -1;
      return index < 0 ? '/scoring/critical' : `/scoring/critical/${index}/item`;
    },
    params: (m) => ({ flag: m[1]!, item: m[2]! }),
  },
  { pattern: /^multiplier must be positive$/, key: 'definition.multiplier', path: () => '/scoring/multiplier' },
  {
    pattern: /^subscale (.+) has no items$/,
    key: 'definition.subscale-empty',
    path: (d, m) => {
      const index = d.scoring.kind === 'psc17' ? d.scoring.subscales.findIndex((s) => s.id === m[1]) : -1;
      return index < 0 ? '/scoring/subscales' : `/scoring/subscales/${index}`;
    },
    params: (m) => ({ subscale: m[1]! }),
  },
  {
    pattern: /^ASQ rule names missing item (-?[\d.]+|NaN|-?Infinity)$/,
    key: 'definition.asq-item',
    path: (d, m) => {
      if (d.scoring.kind !== 'asq') return '/scoring';
      const index = d.scoring.screenItems.indexOf(Number(m[1]));
      return index >= 0 ? `/scoring/screenItems/${index}` : '/scoring/acuityItem';
    },
    params: (m) => ({ item: m[1]! }),
  },
  { pattern: /^yes code missing from options$/, key: 'definition.asq-yes', path: () => '/scoring/yesCode' },
];

export function definitionProblemErrors(
  def: InstrumentDefinition,
  problems: readonly string[],
  locale: Locale,
): FieldError[] {
  return problems.map((problem) => {
    for (const rule of RULES) {
      const m = rule.pattern.exec(problem);
      if (m) return fieldError(locale, rule.path(def, m), rule.key, rule.params?.(m));
    }
    return fieldError(locale, '/', 'definition.other', { problem });
  });
}

/** Exposed for the drift test: every pattern above, so it can be checked against what core reports. */
export const KNOWN_PROBLEM_PATTERNS: readonly RegExp[] = RULES.map((r) => r.pattern);
