import type { Api } from '../http/api.js';
import { sql, type Kysely } from 'kysely';
import { Type } from 'typebox';
import type { AppDeps } from '../app-deps.js';
import type { Database, OrgUnit } from '../db/types.js';
import { notFound } from '../http/problem.js';
import { IdParams, Uuid } from '../http/schemas.js';
import { placementOfUnit } from '../org/placement.js';

const STUDENT_COLUMN_BY_KIND = {
  city: 'city_id',
  district: 'district_id',
  school: 'school_id',
  grade: 'grade_id',
  class: 'class_id',
} as const;

const OrgUnitView = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  name: Type.String(),
  nameEn: Type.Union([Type.String(), Type.Null()]),
  parentId: Type.Union([Type.String(), Type.Null()]),
  stage: Type.Union([Type.String(), Type.Null()]),
  gradeLevel: Type.Union([Type.Integer(), Type.Null()]),
  studentCount: Type.Integer(),
  childCount: Type.Integer(),
});

async function withCounts(db: Kysely<Database>, units: OrgUnit[]) {
  if (units.length === 0) return [];
  const ids = units.map((u) => u.id);
  const children = await db
    .selectFrom('org_unit')
    .select(['parent_id', sql<number>`count(*)::int`.as('n')])
    .where('parent_id', 'in', ids)
    .groupBy('parent_id')
    .execute();
  const childCount = new Map(children.map((c) => [c.parent_id, c.n]));
  const studentCount = new Map<string, number>();
  for (const kind of new Set(units.map((u) => u.kind))) {
    const column = STUDENT_COLUMN_BY_KIND[kind];
    const rows = await db
      .selectFrom('student')
      .select([sql<string>`${sql.ref(column)}`.as('unit'), sql<number>`count(*)::int`.as('n')])
      .where(
        sql.ref(column),
        'in',
        units.filter((u) => u.kind === kind).map((u) => u.id),
      )
      .where('status', '=', 'active')
      .groupBy(sql.ref(column))
      .execute();
    for (const r of rows) studentCount.set(r.unit, r.n);
  }
  return units.map((u) => ({
    id: u.id,
    kind: u.kind,
    name: u.name_zh,
    nameEn: u.name_en,
    parentId: u.parent_id,
    stage: u.stage,
    gradeLevel: u.grade_level,
    studentCount: studentCount.get(u.id) ?? 0,
    childCount: childCount.get(u.id) ?? 0,
  }));
}

export async function orgRoutes(api: Api, { db }: AppDeps) {
  const ListQuery = Type.Object({ parentId: Type.Optional(Uuid) }, { additionalProperties: false });
  api.get(
    '/v1/org/units',
    {
      config: { policy: 'org.read' },
      schema: { tags: ['org'], querystring: ListQuery, response: { 200: Type.Array(OrgUnitView) } },
    },
    async (req) => {
      const { parentId } = req.query;
      if (parentId) {
        const parent = await db.selectFrom('org_unit').selectAll().where('id', '=', parentId).executeTakeFirst();
        if (!parent) throw notFound();
        req.access.require('org.read', placementOfUnit(parent));
        const units = await db
          .selectFrom('org_unit')
          .selectAll()
          .where('parent_id', '=', parentId)
          .orderBy('sort')
          .orderBy('name_zh')
          .execute();
        return withCounts(db, units);
      }
      // Roots: the units the actor's bindings point at, minus any already inside another root.
      const scopeIds = req.access.scopes('org.read').map((s) => s.id);
      if (scopeIds.length === 0) return [];
      const units = await db.selectFrom('org_unit').selectAll().where('id', 'in', scopeIds).orderBy('sort').execute();
      const roots = units.filter((u) => !units.some((o) => o.id !== u.id && o.id === u.parent_id));
      return withCounts(db, roots);
    },
  );

  api.get(
    '/v1/org/units/:id',
    {
      config: { policy: 'org.read' },
      schema: {
        tags: ['org'],
        params: IdParams,
        response: {
          200: Type.Intersect([
            OrgUnitView,
            Type.Object({
              ancestors: Type.Array(Type.Object({ id: Type.String(), kind: Type.String(), name: Type.String() })),
            }),
          ]),
        },
      },
    },
    async (req) => {
      const unit = await db.selectFrom('org_unit').selectAll().where('id', '=', req.params.id).executeTakeFirst();
      if (!unit) throw notFound();
      req.access.require('org.read', placementOfUnit(unit));
      const ancestorIds = [unit.city_id, unit.district_id, unit.school_id, unit.grade_id].filter(
        (x): x is string => !!x && x !== unit.id,
      );
      const ancestors = ancestorIds.length
        ? await db.selectFrom('org_unit').select(['id', 'kind', 'name_zh']).where('id', 'in', ancestorIds).execute()
        : [];
      const order = ['city', 'district', 'school', 'grade'];
      ancestors.sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
      const [view] = await withCounts(db, [unit]);
      return { ...view!, ancestors: ancestors.map((a) => ({ id: a.id, kind: a.kind, name: a.name_zh })) };
    },
  );
}
