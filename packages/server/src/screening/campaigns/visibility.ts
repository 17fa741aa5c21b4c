import { sql, type Kysely, type RawBuilder, type Selectable } from 'kysely';
import type { RequestAccess } from '../../access/request-access.js';
import type { CampaignTable, Database } from '../../db/types.js';
import { notFound } from '../../http/problem.js';

export type CampaignRow = Selectable<CampaignTable>;

const OWNER_COLUMN = { city: 'city_id', district: 'district_id', school: 'school_id' } as const;
const UNIT_COLUMN = {
  city: 'city_id',
  district: 'district_id',
  school: 'school_id',
  grade: 'grade_id',
  class: 'id',
} as const;
const STUDENT_COLUMN = {
  city: 'city_id',
  district: 'district_id',
  school: 'school_id',
  grade: 'grade_id',
  class: 'class_id',
  person: 'id',
} as const;

/**
 * Which campaigns an actor may read, as a predicate over `campaign` aliased `c`: those whose owner lies in
 * one of their scopes (drafts included: the owner's side prepares them), and once published those whose
 * targets or named students meet a scope — a target inside the scope (a district campaign on one of the
 * district's schools) or a scope inside a target (a class covered by a city-wide campaign).
 */
export async function campaignReadFilter(db: Kysely<Database>, access: RequestAccess): Promise<RawBuilder<boolean>> {
  const scopes = access.scopes('campaign.read');
  if (scopes.length === 0) return sql<boolean>`false`;
  const ownerParts = scopes.flatMap((s) =>
    s.level in OWNER_COLUMN
      ? [sql`${sql.ref(`c.${OWNER_COLUMN[s.level as keyof typeof OWNER_COLUMN]}`)} = ${s.id}`]
      : [],
  );
  const unitScopes = scopes.filter((s) => s.level in UNIT_COLUMN);
  const units = unitScopes.length
    ? await db
        .selectFrom('org_unit')
        .select(['id', 'city_id', 'district_id', 'school_id', 'grade_id'])
        .where(
          'id',
          'in',
          unitScopes.map((s) => s.id),
        )
        .execute()
    : [];
  const enclosing = [
    ...new Set(
      units.flatMap((u) => [u.city_id, u.district_id, u.school_id, u.grade_id, u.id]).filter((x): x is string => !!x),
    ),
  ];
  const targetParts = unitScopes.map(
    (s) => sql`${sql.ref(`vu.${UNIT_COLUMN[s.level as keyof typeof UNIT_COLUMN]}`)} = ${s.id}`,
  );
  if (enclosing.length) targetParts.push(sql`vt.org_unit_id in (${sql.join(enclosing)})`);
  const studentParts = scopes.flatMap((s) =>
    s.level in STUDENT_COLUMN
      ? [sql`${sql.ref(`vs.${STUDENT_COLUMN[s.level as keyof typeof STUDENT_COLUMN]}`)} = ${s.id}`]
      : [],
  );
  const or = (parts: RawBuilder<unknown>[]) => (parts.length ? sql`(${sql.join(parts, sql` or `)})` : sql`false`);
  return sql<boolean>`(${or(ownerParts)} or (c.status <> 'draft' and (
    exists (select 1 from campaign_target vt join org_unit vu on vu.id = vt.org_unit_id where vt.campaign_id = c.id and ${or(targetParts)})
    or exists (select 1 from campaign_student vcs join student vs on vs.id = vcs.student_id where vcs.campaign_id = c.id and ${or(studentParts)}))))`;
}

/** The campaign if the actor may read it; 404 otherwise, so another school's campaign is not revealed. */
export async function requireReadableCampaign(
  db: Kysely<Database>,
  access: RequestAccess,
  id: string,
): Promise<CampaignRow> {
  const filter = await campaignReadFilter(db, access);
  const row = await db
    .selectFrom('campaign as c')
    .selectAll('c')
    .where('c.id', '=', id)
    .where(filter)
    .executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

export async function loadCampaign(db: Kysely<Database>, id: string): Promise<CampaignRow | undefined> {
  return db.selectFrom('campaign').selectAll().where('id', '=', id).executeTakeFirst();
}
