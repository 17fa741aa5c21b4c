import type { Kysely } from 'kysely';
import type { Database, OrgUnit } from '../../db/types.js';
import type { CheckedCampaign } from './input.js';
import type { PinnedInstrument } from './instrument-sets.js';

/** Writes a new draft with its targets, students and pinned instruments. Run inside the caller's transaction. */
export async function insertCampaign(
  tx: Kysely<Database>,
  owner: OrgUnit,
  c: CheckedCampaign,
  createdBy: string | null,
  id?: string,
): Promise<string> {
  const row = await tx
    .insertInto('campaign')
    .values({
      ...(id ? { id } : {}),
      city_id: owner.city_id,
      district_id: owner.kind === 'city' ? null : owner.district_id,
      school_id: owner.kind === 'school' ? owner.school_id : null,
      owner_level: owner.kind as 'city' | 'district' | 'school',
      owner_id: owner.id,
      kind: c.kind,
      name: c.name,
      school_year: c.schoolYear,
      term: c.term,
      opens_at: c.opensAt,
      closes_at: c.closesAt,
      notice_zh: c.noticeZh,
      notice_en: c.noticeEn,
      consent_required_under_age: c.consentRequiredUnderAge,
      created_by: createdBy,
      updated_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await replaceMembers(tx, row.id, c);
  return row.id;
}

/** Rewrites a draft from a checked whole; instruments are replaced only when the change named them. */
export async function updateCampaign(tx: Kysely<Database>, id: string, c: CheckedCampaign): Promise<void> {
  await tx
    .updateTable('campaign')
    .set({
      kind: c.kind,
      name: c.name,
      school_year: c.schoolYear,
      term: c.term,
      opens_at: c.opensAt,
      closes_at: c.closesAt,
      notice_zh: c.noticeZh,
      notice_en: c.noticeEn,
      updated_at: new Date(),
    })
    .where('id', '=', id)
    .execute();
  await tx.deleteFrom('campaign_target').where('campaign_id', '=', id).execute();
  await tx.deleteFrom('campaign_student').where('campaign_id', '=', id).execute();
  if (c.instruments) await tx.deleteFrom('campaign_instrument').where('campaign_id', '=', id).execute();
  await replaceMembers(tx, id, c);
}

async function replaceMembers(tx: Kysely<Database>, id: string, c: CheckedCampaign) {
  if (c.targetIds.length)
    await tx
      .insertInto('campaign_target')
      .values(c.targetIds.map((org_unit_id) => ({ campaign_id: id, org_unit_id })))
      .execute();
  for (let i = 0; i < c.studentIds.length; i += 1000) {
    await tx
      .insertInto('campaign_student')
      .values(c.studentIds.slice(i, i + 1000).map((student_id) => ({ campaign_id: id, student_id })))
      .execute();
  }
  if (c.instruments?.length)
    await tx
      .insertInto('campaign_instrument')
      .values(c.instruments.map((p) => instrumentRow(id, p)))
      .execute();
}

function instrumentRow(campaignId: string, p: PinnedInstrument) {
  return {
    campaign_id: campaignId,
    grade_from: p.gradeFrom,
    grade_to: p.gradeTo,
    instrument_code: p.code,
    instrument_version: p.version,
    respondent: p.respondent,
    sort: p.sort,
  };
}

/** The stored parts of a campaign a change starts from. */
export async function loadMembers(
  db: Kysely<Database>,
  id: string,
): Promise<{ targetIds: string[]; studentIds: string[] }> {
  const [targets, students] = await Promise.all([
    db.selectFrom('campaign_target').select('org_unit_id').where('campaign_id', '=', id).execute(),
    db.selectFrom('campaign_student').select('student_id').where('campaign_id', '=', id).execute(),
  ]);
  return { targetIds: targets.map((t) => t.org_unit_id), studentIds: students.map((s) => s.student_id) };
}

/** Cancelling keeps the campaign and its answers; it only stops the questionnaire from being offered. */
export async function markCampaignCancelled(tx: Kysely<Database>, id: string, at: Date): Promise<void> {
  await tx.updateTable('campaign').set({ status: 'cancelled', updated_at: at }).where('id', '=', id).execute();
}
