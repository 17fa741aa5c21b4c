import {
  askedItemCount,
  detectCareless,
  scoreResponse,
  suggestTier,
  type CarelessFlag,
  type HotlineAlertReason,
  type InstrumentDefinition,
  type ScoreReason,
  type ScoreResult,
  type TierRuleSet,
  type TierSuggestion,
} from '@yuxin/core';
import type { AnswerMap } from './answers.js';

/** Reasons that explain a critical flag: which instrument, which item, which answer. */
const CRITICAL_REASONS: ReadonlySet<ScoreReason['code']> = new Set([
  'critical_item',
  'asq_item_yes',
  'asq_item_refused',
  'asq_acute_yes',
  'asq_acute_unanswered',
]);

/** Stored on an alert as data, so it can be explained in the reader's language later. */
export type AlertReason =
  | { kind: 'screening'; instrument: string; version: number; reason: ScoreReason }
  | { kind: 'tier_change'; from: number | null; to: number; assessmentId: string }
  | HotlineAlertReason
  | MailboxAlertReason
  | CounselingAlertReason;

/** A psychology teacher marked a named mailbox letter at risk; her reason is encrypted, the letter stays in the mailbox. */
export interface MailboxAlertReason {
  kind: 'mailbox';
  threadId: string;
  reasonEnc: string;
}

/** A psychology teacher raised an alert from a counseling session; her reason is encrypted, the record stays in the room. */
export interface CounselingAlertReason {
  kind: 'counseling';
  recordId: string;
  reasonEnc: string;
}

export interface ScoredInstrument {
  def: InstrumentDefinition;
  answers: Array<number | null>;
  result: ScoreResult;
  careless: CarelessFlag[];
}

export interface Evaluation {
  scored: ScoredInstrument[];
  suggestion: TierSuggestion;
  /** Empty when no critical flag was raised; otherwise the crisis alert's reasons. */
  alertReasons: AlertReason[];
}

/**
 * Everything a submission decides, without touching the database: scores against the pinned versions,
 * careless-responding flags, the suggested tier and the crisis reasons. Answers must have been checked.
 */
export function evaluateSubmission(
  defs: readonly InstrumentDefinition[],
  answers: AnswerMap,
  opts: { durationMs: number | null; tierRules: TierRuleSet; minSecondsPerItem: number },
): Evaluation {
  const lists = defs.map((def) => answers[def.code] ?? def.items.map(() => null));
  const careless = detectCareless({
    instruments: defs.map((def, i) => ({ code: def.code, answers: lists[i]! })),
    durationMs: opts.durationMs,
    askedItems: defs.reduce((n, def, i) => n + askedItemCount(def, lists[i]!), 0),
    minSecondsPerItem: opts.minSecondsPerItem,
  });
  const scored = defs.map((def, i) => ({
    def,
    answers: lists[i]!,
    result: scoreResponse(def, lists[i]!),
    careless: careless[def.code] ?? [],
  }));
  const suggestion = suggestTier(
    scored.map((s) => s.result),
    opts.tierRules,
  );
  const alertReasons: AlertReason[] = scored.flatMap(({ def, result }) =>
    result.criticalFlags.length === 0
      ? []
      : result.reasons
          .filter((r) => CRITICAL_REASONS.has(r.code))
          .map((reason) => ({ kind: 'screening' as const, instrument: def.code, version: def.version, reason })),
  );
  return { scored, suggestion, alertReasons };
}
