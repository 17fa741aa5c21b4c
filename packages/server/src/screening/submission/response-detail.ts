import {
  bandLabel,
  explainReason,
  isAsked,
  optionsOf,
  type InstrumentDefinition,
  type ScoreReason,
  type SubscaleScore,
} from '@yuxin/core';
import type { RequestAccess } from '../../access/request-access.js';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.js';
import { notFound } from '../../http/problem.js';
import type { Locale } from '../../http/locale.js';
import { loadInstrumentVersion } from '../instrument-store.js';
import { carelessText, flagText } from './explain.js';
import { placementOf } from '../../org/placement.js';

function responseQuery(db: Kysely<Database>) {
  return db
    .selectFrom('screening_response as r')
    .innerJoin('student as s', 's.id', 'r.student_id')
    .innerJoin('org_unit as c', 'c.id', 's.class_id')
    .innerJoin('org_unit as g', 'g.id', 's.grade_id')
    .leftJoin('campaign as cp', 'cp.id', 'r.campaign_id')
    .selectAll('r')
    .select([
      's.name as student_name',
      's.student_no',
      'c.name_zh as class_name',
      'g.name_zh as grade_name',
      'cp.name as campaign_name',
    ]);
}

export type ResponseRow = Awaited<ReturnType<ReturnType<typeof responseQuery>['executeTakeFirstOrThrow']>>;

/** One stored response the caller may read (`response.read` in its school), with its instrument version. */
export async function loadReadableResponse(db: Kysely<Database>, access: RequestAccess, id: string) {
  const row = await responseQuery(db).where('r.id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  const binding = access.require('response.read', placementOf(row));
  const def = await loadInstrumentVersion(db, row.instrument_code, row.instrument_version);
  if (!def)
    throw new Error(
      `response ${row.id} names instrument ${row.instrument_code} v${row.instrument_version}, which is not stored`,
    );
  return { row, def, binding };
}

const pick = (t: { zh: string; en: string }, locale: Locale) => (locale === 'zh-CN' ? t.zh : t.en);

/** The answer sheet item by item, with what each answer means and why the result is what it is. */
export function responseDetail(row: ResponseRow, def: InstrumentDefinition, locale: Locale) {
  const answers = row.answers;
  return {
    id: row.id,
    studentId: row.student_id,
    studentName: row.student_name,
    studentNo: row.student_no,
    className: row.class_name,
    gradeName: row.grade_name,
    campaignId: row.campaign_id,
    campaignName: row.campaign_name,
    respondent: row.respondent,
    source: row.source,
    submittedAt: row.submitted_at.toISOString(),
    durationMs: row.duration_ms,
    instrument: { code: def.code, version: def.version, name: pick(def.name, locale), shortName: def.shortName },
    total: row.total,
    band: row.band,
    bandLabel: row.band ? bandLabel(def.code, row.band, locale, def) : null,
    valid: row.valid,
    criticalFlags: row.critical_flags.map((id) => ({ id, label: flagText(id, locale) })),
    careless: row.careless.map((id) => ({ id, label: carelessText(id, locale) })),
    subscales: row.subscales as Record<string, SubscaleScore>,
    items: def.items.map((item, i) => {
      const answer = answers[i] ?? null;
      const option = answer === null ? undefined : optionsOf(def, item).find((o) => o.code === answer);
      return {
        number: item.number,
        text: pick(item.text, locale),
        answer,
        answerLabel: option ? pick(option.label, locale) : null,
        asked: isAsked(def, item, answers),
        required: item.required === true,
        critical: item.critical === true,
      };
    }),
    explanations: (row.reasons as ScoreReason[]).map((r) => explainReason(r, locale, def)),
  };
}
