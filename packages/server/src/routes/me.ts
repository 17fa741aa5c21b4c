import type { Api } from '../http/api.js';
import { Type } from 'typebox';
import type { AppDeps } from '../app-deps.js';
import { auditRequest } from '../audit/request-audit.js';

const ChildView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  studentNo: Type.String(),
  schoolName: Type.String(),
  gradeName: Type.String(),
  className: Type.String(),
});

/** What a student sees of themself, or a guardian of their children: identity and class, no care tags. */
export async function meRoutes(api: Api, { db }: AppDeps) {
  api.get(
    '/v1/me/profile',
    {
      config: { policy: 'self.read' },
      schema: { tags: ['me'], response: { 200: Type.Object({ children: Type.Array(ChildView) }) } },
    },
    async (req) => {
      const ids = req.access
        .scopes('self.read')
        .filter((s) => s.level === 'person')
        .map((s) => s.id);
      if (ids.length === 0) return { children: [] };
      const rows = await db
        .selectFrom('student as s')
        .innerJoin('org_unit as sch', 'sch.id', 's.school_id')
        .innerJoin('org_unit as g', 'g.id', 's.grade_id')
        .innerJoin('org_unit as c', 'c.id', 's.class_id')
        .select([
          's.id',
          's.name',
          's.student_no',
          's.district_id',
          's.school_id',
          's.city_id',
          'sch.name_zh as school',
          'g.name_zh as grade',
          'c.name_zh as klass',
        ])
        .where('s.id', 'in', ids)
        .execute();
      for (const r of rows) {
        await auditRequest(db, req, {
          action: 'self.read',
          targetType: 'student',
          targetId: r.id,
          placement: { cityId: r.city_id, districtId: r.district_id, schoolId: r.school_id },
        });
      }
      return {
        children: rows.map((r) => ({
          id: r.id,
          name: r.name,
          studentNo: r.student_no,
          schoolName: r.school,
          gradeName: r.grade,
          className: r.klass,
        })),
      };
    },
  );
}
