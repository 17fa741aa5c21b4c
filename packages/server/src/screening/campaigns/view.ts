import { authorize, instrumentShortName } from '@yuxin/core';
import { sql, type Kysely } from 'kysely';
import type { RequestAccess } from '../../access/request-access.js';
import type { Database } from '../../db/types.js';
import { placementOfStudent } from '../../org/placement.js';
import { loadInstrumentVersion } from '../instrument-store.js';
import { campaignStatus } from './status.js';
import { type CampaignRow } from './visibility.js';
import { placementOf } from '../../org/placement.js';

interface UnitRef {
  id: string;
  kind: string;
  name: string;
  nameEn: string | null;
}

export interface CampaignSummary {
  id: string;
  name: string;
  kind: CampaignRow['kind'];
  status: ReturnType<typeof campaignStatus>;
  owner: UnitRef;
  schoolYear: string;
  term: number | null;
  opensAt: string;
  closesAt: string;
  publishedAt: string | null;
  targets: UnitRef[];
  studentCount: number;
  canManage: boolean;
}

export interface CampaignDetail extends CampaignSummary {
  noticeZh: string;
  noticeEn: string;
  consentRequiredUnderAge: number;
  instrumentSets: Array<{
    gradeFrom: number;
    gradeTo: number;
    respondent: 'self' | 'guardian';
    instruments: Array<{ code: string; version: number; shortName: string; name: { zh: string; en: string } }>;
  }>;
  /** Monitoring campaigns: names only where the actor may list that student, else null. */
  students: Array<{ id: string; name: string | null }>;
  assignmentCount: number;
  createdAt: string;
  updatedAt: string;
}

const toRef = (u: { id: string; kind: string; name_zh: string; name_en: string | null }): UnitRef => ({
  id: u.id,
  kind: u.kind,
  name: u.name_zh,
  nameEn: u.name_en,
});

/** List items, loaded for a page of campaigns at once. */
export async function campaignSummaries(
  db: Kysely<Database>,
  access: RequestAccess,
  rows: CampaignRow[],
  now = new Date(),
): Promise<CampaignSummary[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [owners, targets, counts] = await Promise.all([
    db
      .selectFrom('org_unit')
      .select(['id', 'kind', 'name_zh', 'name_en'])
      .where('id', 'in', [...new Set(rows.map((r) => r.owner_id))])
      .execute(),
    db
      .selectFrom('campaign_target as t')
      .innerJoin('org_unit as u', 'u.id', 't.org_unit_id')
      .select(['t.campaign_id', 'u.id', 'u.kind', 'u.name_zh', 'u.name_en'])
      .where('t.campaign_id', 'in', ids)
      .orderBy('u.kind')
      .orderBy('u.sort')
      .execute(),
    db
      .selectFrom('campaign_student')
      .select(['campaign_id', sql<number>`count(*)::int`.as('n')])
      .where('campaign_id', 'in', ids)
      .groupBy('campaign_id')
      .execute(),
  ]);
  const ownerById = new Map(owners.map((o) => [o.id, o]));
  const countBy = new Map(counts.map((c) => [c.campaign_id, c.n]));
  return rows.map((c) => {
    const owner = ownerById.get(c.owner_id);
    return {
      id: c.id,
      name: c.name,
      kind: c.kind,
      status: campaignStatus(c, now),
      owner: owner ? toRef(owner) : { id: c.owner_id, kind: c.owner_level, name: '', nameEn: null },
      schoolYear: c.school_year,
      term: c.term,
      opensAt: c.opens_at.toISOString(),
      closesAt: c.closes_at.toISOString(),
      publishedAt: c.published_at ? c.published_at.toISOString() : null,
      targets: targets.filter((t) => t.campaign_id === c.id).map(toRef),
      studentCount: countBy.get(c.id) ?? 0,
      canManage: authorize(access.actor, 'campaign.manage', placementOf(c)).allowed,
    };
  });
}

/** One campaign in full. `namedStudentIds` says whose names were shown, so the caller can audit the read. */
export async function campaignDetail(
  db: Kysely<Database>,
  access: RequestAccess,
  c: CampaignRow,
  now = new Date(),
): Promise<{ detail: CampaignDetail; namedStudentIds: string[] }> {
  const [[summary], instruments, students, assignments] = await Promise.all([
    campaignSummaries(db, access, [c], now),
    db
      .selectFrom('campaign_instrument')
      .selectAll()
      .where('campaign_id', '=', c.id)
      .orderBy('grade_from')
      .orderBy('respondent')
      .orderBy('sort')
      .execute(),
    db
      .selectFrom('campaign_student as cs')
      .innerJoin('student as s', 's.id', 'cs.student_id')
      .select(['s.id', 's.name', 's.city_id', 's.district_id', 's.school_id', 's.grade_id', 's.class_id'])
      .where('cs.campaign_id', '=', c.id)
      .orderBy('s.student_no')
      .execute(),
    db
      .selectFrom('screening_assignment')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('campaign_id', '=', c.id)
      .executeTakeFirstOrThrow(),
  ]);
  const sets = new Map<string, CampaignDetail['instrumentSets'][number]>();
  for (const row of instruments) {
    const key = `${row.grade_from}-${row.grade_to}-${row.respondent}`;
    let set = sets.get(key);
    if (!set)
      sets.set(
        key,
        (set = { gradeFrom: row.grade_from, gradeTo: row.grade_to, respondent: row.respondent, instruments: [] }),
      );
    const def = await loadInstrumentVersion(db, row.instrument_code, row.instrument_version);
    set.instruments.push({
      code: row.instrument_code,
      version: row.instrument_version,
      shortName: instrumentShortName(row.instrument_code, def),
      name: def?.name ?? { zh: row.instrument_code, en: row.instrument_code },
    });
  }
  const named: string[] = [];
  const studentViews = students.map((s) => {
    const visible = authorize(access.actor, 'student.list', placementOfStudent(s)).allowed;
    if (visible) named.push(s.id);
    return { id: s.id, name: visible ? s.name : null };
  });
  return {
    detail: {
      ...summary!,
      noticeZh: c.notice_zh,
      noticeEn: c.notice_en,
      consentRequiredUnderAge: c.consent_required_under_age,
      instrumentSets: [...sets.values()],
      students: studentViews,
      assignmentCount: assignments.n,
      createdAt: c.created_at.toISOString(),
      updatedAt: c.updated_at.toISOString(),
    },
    namedStudentIds: named,
  };
}
