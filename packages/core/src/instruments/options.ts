import type { AnswerOption, InstrumentDefinition, InstrumentItem } from './types.js';

export function optionsOf(def: InstrumentDefinition, item: InstrumentItem): AnswerOption[] {
  return item.options ?? def.options;
}

/** Option codes accepted for an item, ascending. */
export function allowedCodes(def: InstrumentDefinition, item: InstrumentItem): number[] {
  return optionsOf(def, item)
    .map((o) => o.code)
    .sort((a, b) => a - b);
}

/** Score an answered item contributes; reversal mirrors the code within the item's own option range. */
export function itemScore(def: InstrumentDefinition, item: InstrumentItem, code: number): number {
  if (!item.reverse) return code;
  const codes = allowedCodes(def, item);
  return (codes[0] ?? 0) + (codes[codes.length - 1] ?? 0) - code;
}

/** Highest score an item can contribute (reversal does not change it for a contiguous range). */
export function maxItemScore(def: InstrumentDefinition, item: InstrumentItem): number {
  const codes = allowedCodes(def, item);
  return Math.max(...codes.map((c) => itemScore(def, item, c)));
}
