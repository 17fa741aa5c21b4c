import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { auditRequest } from '../audit/request-audit.js';
import type { Database } from '../db/types.js';
import { requestLocale } from '../http/error-handler.js';
import { chinaDateOf } from '../screening/campaigns/china-time.js';
import { checkCampaign, requireOwner } from '../screening/campaigns/input.js';
import { publishCampaign } from '../screening/campaigns/publish.js';
import { insertCampaign } from '../screening/campaigns/store.js';
import { getScreeningSettings, type InstrumentSet } from '../screening/settings.js';
import { cm } from './messages.js';
import { appendEvent, auditPlacement, type CaseRow } from './store.js';

const WEEK_MS = 7 * 86_400_000;

/**
 * 重点监控测 for one student of a case: a `monitoring` campaign of the school naming only this student,
 * opening in N weeks, made and published through the campaign module's own checks.
 */
export async function scheduleMonitoring(
  db: Kysely<Database>,
  req: FastifyRequest,
  c: CaseRow,
  weeks: number,
  instrumentSets: InstrumentSet[] | undefined,
) {
  const locale = requestLocale(req);
  const { owner, binding } = await requireOwner(db, req.access, c.school_id, locale);
  const settings = await getScreeningSettings(db, c.city_id);
  const opensAt = new Date(Date.now() + weeks * WEEK_MS);
  const checked = await checkCampaign(
    db,
    req.access,
    locale,
    owner,
    {
      kind: 'monitoring',
      name: cm('monitoring.name', locale, { date: chinaDateOf(opensAt) }),
      opensAt,
      targetIds: [],
      studentIds: [c.student_id],
      instrumentSets: instrumentSets ?? settings.defaultInstrumentSets,
    },
    { settings },
  );
  return db.transaction().execute(async (tx) => {
    const campaignId = await insertCampaign(tx, owner, checked, req.signedIn!.account.id);
    const campaign = await tx.selectFrom('campaign').selectAll().where('id', '=', campaignId).executeTakeFirstOrThrow();
    const published = await publishCampaign(tx, campaign);
    if (typeof published === 'string')
      throw new Error(`a new monitoring campaign could not be published: ${published}`);
    await appendEvent(tx, c, req.signedIn!.account.id, 'monitoring_scheduled', {
      campaignId,
      opensAt: opensAt.toISOString(),
      weeks,
    });
    await auditRequest(tx, req, {
      action: 'case.schedule_monitoring',
      targetType: 'case',
      targetId: c.id,
      placement: auditPlacement(c),
      binding,
      detail: { campaignId, weeks, studentId: c.student_id },
    });
    return { campaignId, opensAt: opensAt.toISOString(), closesAt: checked.closesAt.toISOString() };
  });
}

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
