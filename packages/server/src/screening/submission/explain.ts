import {
  bandLabel,
  criticalFlagLabel,
  explainReason,
  instrumentShortName,
  type InstrumentDefinition,
  type TierReason,
} from '@yuxin/core';
import { decryptText } from '../../crypto/field-crypto.js';
import { hotlineReasonText } from '../../hotline/reason-view.js';
import type { Locale } from '../../http/locale.js';
import type { AlertReason } from './evaluate.js';
import { sm, smOr } from './messages.js';

type DefOf = (code: string, version: number) => InstrumentDefinition | undefined;

const list = (parts: string[], locale: Locale) => parts.join(locale === 'zh-CN' ? '、' : ', ');

export function flagText(flag: string, locale: Locale): string {
  return criticalFlagLabel(flag, locale);
}

export function carelessText(flag: string, locale: Locale): string {
  return smOr(`careless.${flag}`, locale, flag);
}

/**
 * One alert reason for psychology staff: the instrument, the item with its text, the answer given, and the
 * plain sentence from the scoring explanation (e.g. "PHQ-A 第 9 题回答“一半以上的天数”（2 ≥ 1）…").
 */
export function alertReasonView(r: AlertReason, locale: Locale, defOf: DefOf) {
  if (r.kind === 'hotline')
    return {
      kind: r.kind,
      instrument: null,
      item: null,
      answer: null,
      itemText: null,
      text: hotlineReasonText(r, locale),
    };
  if (r.kind === 'mailbox' || r.kind === 'counseling')
    return {
      kind: r.kind,
      instrument: null,
      item: null,
      answer: null,
      itemText: null,
      text: sm(`alert-reason.${r.kind}`, locale, { reason: decryptText(r.reasonEnc) }),
    };
  if (r.kind === 'tier_change') {
    const from = r.from === null ? sm('alert-reason.no-previous-tier', locale) : String(r.from);
    return {
      kind: r.kind,
      instrument: null,
      item: null,
      answer: null,
      itemText: null,
      text: sm('alert-reason.tier_change', locale, { to: r.to, from }),
    };
  }
  const def = defOf(r.instrument, r.version);
  const params = r.reason.params as { item?: number; answer?: number };
  const item = params.item ?? null;
  const yes = def?.scoring.kind === 'asq' ? def.scoring.yesCode : 1;
  const answer =
    r.reason.code === 'critical_item'
      ? (params.answer ?? null)
      : r.reason.code === 'asq_item_yes' || r.reason.code === 'asq_acute_yes'
        ? yes
        : null;
  const itemDef = item === null ? undefined : def?.items.find((i) => i.number === item);
  return {
    kind: r.kind,
    instrument: instrumentShortName(r.instrument, def),
    item,
    answer,
    itemText: itemDef ? (locale === 'zh-CN' ? itemDef.text.zh : itemDef.text.en) : null,
    text: explainReason(r.reason, locale, def),
  };
}

/** Why the rules suggested a tier, in one line per reason. */
export function tierReasonText(r: TierReason, locale: Locale): string {
  const instrument = instrumentShortName(r.instrument);
  const params = {
    instrument,
    tier: r.tier,
    flags: list(
      (r.flags ?? []).map((f) => flagText(f, locale)),
      locale,
    ),
    band: r.band ? bandLabel(r.instrument, r.band, locale) : '',
    total: r.total ?? '—',
  };
  return smOr(`tier-reason.${r.rule}`, locale, `${instrument} → ${r.tier}`, params);
}
