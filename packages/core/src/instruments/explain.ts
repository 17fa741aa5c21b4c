import { bandLabel, criticalFlagLabel, optionLabel, subscaleLabel } from './labels.js';
import type { ScoreReason } from './result.js';
import type { InstrumentDefinition, InstrumentLocale } from './types.js';

function list(numbers: readonly number[], locale: InstrumentLocale): string {
  return numbers.join(locale === 'zh-CN' ? '、' : ', ');
}

function span(numbers: readonly number[]): string {
  const first = numbers[0];
  const last = numbers[numbers.length - 1];
  return first === last ? String(first) : `${first}–${last}`;
}

function questions(numbers: readonly number[], locale: InstrumentLocale): string {
  if (locale === 'zh-CN') return `第 ${list(numbers, locale)} 题`;
  return `${numbers.length === 1 ? 'question' : 'questions'} ${list(numbers, locale)}`;
}

/**
 * One plain sentence for a scoring reason, in Simplified Chinese or English. Labels come from `def` when given
 * (needed for a version that is not in the registry), otherwise from the registered instrument.
 */
export function explainReason(reason: ScoreReason, locale: InstrumentLocale, def?: InstrumentDefinition): string {
  const zh = locale === 'zh-CN';
  switch (reason.code) {
    case 'total_band': {
      const p = reason.params;
      const label = bandLabel(p.code, p.band, locale, def);
      const bound = p.min !== undefined ? `≥ ${p.min}` : `≤ ${p.max}`;
      if (p.raw !== undefined) {
        return zh
          ? `${p.instrument} 原始分 ${p.raw} ${bound}（${label}），百分制得分 ${p.total}`
          : `${p.instrument} raw score ${p.raw} ${bound} (${label}), percentage score ${p.total}`;
      }
      return zh
        ? `${p.instrument} 总分 ${p.total} ${bound}（${label}）`
        : `${p.instrument} total ${p.total} ${bound} (${label})`;
    }
    case 'band': {
      const p = reason.params;
      const label = bandLabel(p.code, p.band, locale, def);
      return zh ? `${p.instrument} 结果：${label}` : `${p.instrument} result: ${label}`;
    }
    case 'prorated': {
      const p = reason.params;
      const formula = `round(${p.sum} × ${p.items} / ${p.answered})`;
      return zh
        ? `共 ${p.items} 题，作答 ${p.answered} 题；总分按比例折算为 ${p.total}（= ${formula}）`
        : `${p.answered} of ${p.items} questions answered; total prorated to ${p.total} (= ${formula})`;
    }
    case 'missing_counted_zero': {
      const p = reason.params;
      return zh
        ? `${questions(p.unanswered, locale)}未作答，按 0 分计（共 ${p.missing} 题，最多允许 ${p.maxMissing} 题）`
        : `Blank ${questions(p.unanswered, locale)} counted as 0 (${p.missing} blank, at most ${p.maxMissing} allowed)`;
    }
    case 'invalid_missing': {
      const p = reason.params;
      const which = questions(p.unanswered, locale);
      if (p.maxMissing === 0) {
        return zh
          ? `${which}未作答；本量表须全部作答，因此不计总分`
          : `${capitalize(which)} not answered; every question is needed, so no total is given`;
      }
      return zh
        ? `${which}未作答（共 ${p.missing} 题），最多允许 ${p.maxMissing} 题，因此不计总分`
        : `${capitalize(which)} not answered; at most ${p.maxMissing} may be missing, so no total is given`;
    }
    case 'reverse_scored': {
      const p = reason.params;
      return zh
        ? `${questions(p.items, locale)}为反向计分`
        : `${capitalize(questions(p.items, locale))} are reverse-scored`;
    }
    case 'critical_item': {
      const p = reason.params;
      const label = optionLabel(p.code, p.item, p.answer, locale, def);
      if (zh) {
        const answer = label ? `“${label}”（${p.answer} ≥ ${p.min}）` : ` ${p.answer}（≥ ${p.min}）`;
        return `${p.instrument} 第 ${p.item} 题回答${answer}：${criticalFlagLabel(p.flag, locale)}`;
      }
      const answer = label ? `“${label}” (${p.answer} ≥ ${p.min})` : `${p.answer} (≥ ${p.min})`;
      return `${p.instrument} question ${p.item} answered ${answer}: ${criticalFlagLabel(p.flag, locale)}`;
    }
    case 'subscale_positive': {
      const p = reason.params;
      const label = subscaleLabel(p.code, p.subscale, locale, def);
      return zh
        ? `${p.instrument} ${label}分量表 ${p.score} ≥ ${p.cutoff}`
        : `${p.instrument} ${label} subscale ${p.score} ≥ ${p.cutoff}`;
    }
    case 'asq_item_yes':
      return zh ? `ASQ 第 ${reason.params.item} 题回答“是”` : `ASQ question ${reason.params.item} answered yes`;
    case 'asq_item_refused':
      return zh
        ? `ASQ 第 ${reason.params.item} 题未作答（拒答按阳性处理）`
        : `ASQ question ${reason.params.item} not answered (a refusal counts as positive)`;
    case 'asq_acute_yes':
      return zh
        ? `ASQ 第 ${reason.params.item} 题（现在是否有自杀念头）回答“是”`
        : `ASQ question ${reason.params.item} (thoughts of suicide right now) answered yes`;
    case 'asq_acute_unanswered':
      return zh
        ? `ASQ 第 ${reason.params.item} 题在筛查阳性后未作答，按急性处理`
        : `ASQ question ${reason.params.item} not answered after a positive screen; treated as acute`;
    case 'asq_negative':
      return zh
        ? `ASQ 第 ${span(reason.params.items)} 题均回答“否”`
        : `ASQ questions ${span(reason.params.items)} all answered no`;
  }
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
