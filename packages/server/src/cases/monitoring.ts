import type { Kysely } from 'kysely';
import type { Database } from '../db/types.js';

/** A student's scores over time per instrument, oldest first: the monitoring trajectory. */
export async function scoreTrajectory(db: Kysely<Database>, studentId: string) {
  const rows = await db
    .selectFrom('screening_response as r')
    .leftJoin('campaign as c', 'c.id', 'r.campaign_id')
    .select([
      'r.id',
      'r.instrument_code',
      'r.total',
      'r.band',
      'r.valid',
      'r.submitted_at',
      'r.campaign_id',
      'c.kind as campaign_kind',
      'r.critical_flags',
    ])
    .where('r.student_id', '=', studentId)
    .orderBy('r.submitted_at')
    .execute();
  const byInstrument = new Map<
    string,
    Array<{
      responseId: string;
      at: string;
      total: number | null;
      band: string | null;
      valid: boolean;
      campaignKind: string | null;
      critical: boolean;
    }>
  >();
  for (const r of rows) {
    const list = byInstrument.get(r.instrument_code) ?? [];
    list.push({
      responseId: r.id,
      at: r.submitted_at.toISOString(),
      total: r.total,
      band: r.band,
      valid: r.valid,
      campaignKind: r.campaign_kind,
      critical: r.critical_flags.length > 0,
    });
    byInstrument.set(r.instrument_code, list);
  }
  return [...byInstrument.entries()].map(([instrument, points]) => ({ instrument, points }));
}
