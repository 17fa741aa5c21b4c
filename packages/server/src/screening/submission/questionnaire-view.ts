import {
  askCondition,
  onScreenFooter,
  onScreenInstructions,
  optionsOf,
  type AnswerOption,
  type BilingualText,
  type InstrumentDefinition,
} from '@yuxin/core';
import type { Locale } from '../../http/locale.js';

const pick = (text: BilingualText, locale: Locale) => (locale === 'zh-CN' ? text.zh : text.en);
const optionView = (o: AnswerOption, locale: Locale) => ({ code: o.code, label: pick(o.label, locale) });

/**
 * One instrument as the respondent sees it, in their language. Items carry their own options only where they
 * differ from the instrument's; `askedWhen` marks a question shown only after certain answers (ASQ 5).
 * Nothing here hints at scoring: no bands, no critical markers.
 */
export function instrumentView(def: InstrumentDefinition, locale: Locale) {
  return {
    code: def.code,
    version: def.version,
    name: pick(def.name, locale),
    shortName: def.shortName,
    instructions: onScreenInstructions(def, locale),
    options: def.options.map((o) => optionView(o, locale)),
    items: def.items.map((item) => {
      const condition = askCondition(def, item);
      return {
        number: item.number,
        linkId: item.linkId,
        text: pick(item.text, locale),
        required: item.required === true,
        ...(item.options ? { options: optionsOf(def, item).map((o) => optionView(o, locale)) } : {}),
        ...(condition ? { askedWhen: condition } : {}),
      };
    }),
    footer: onScreenFooter(def, locale),
  };
}

/** Questions every respondent is shown, the denominator of a progress bar. */
export function alwaysAskedCount(defs: readonly InstrumentDefinition[]): number {
  return defs.reduce((n, def) => n + def.items.filter((item) => !askCondition(def, item)).length, 0);
}

/** Answered questions among those, from a saved draft. */
export function answeredCount(
  defs: readonly InstrumentDefinition[],
  answers: Record<string, ReadonlyArray<number | null>> | null | undefined,
): number {
  if (!answers) return 0;
  let n = 0;
  for (const def of defs) {
    const list = answers[def.code] ?? [];
    def.items.forEach((item, i) => {
      if (!askCondition(def, item) && list[i] !== null && list[i] !== undefined) n++;
    });
  }
  return n;
}
