import { Type } from 'typebox';

const Count = Type.Union([Type.Number(), Type.Null()]);
export const PublishedTableSchema = Type.Object({
  rows: Type.Array(Type.String()),
  columns: Type.Array(Type.String()),
  cells: Type.Array(Type.Array(Count)),
  rowTotals: Type.Array(Count),
  columnTotals: Type.Array(Count),
  total: Count,
});
const Level = Type.Union([Type.Literal('city'), Type.Literal('district'), Type.Literal('school')]);
const UnitLabel = { key: Type.String(), name: Type.String(), nameEn: Type.Union([Type.String(), Type.Null()]) };
const Shares = Type.Object({ completionRate: Count, tiers: Type.Array(Count) });
const ByBreakdown = Type.Object({
  unit: PublishedTableSchema,
  grade: PublishedTableSchema,
  gender: PublishedTableSchema,
  stage: PublishedTableSchema,
  care_tag: PublishedTableSchema,
});
const Labels = Type.Object({
  unit: Type.Record(Type.String(), Type.String()),
  grade: Type.Record(Type.String(), Type.String()),
  gender: Type.Record(Type.String(), Type.String()),
  stage: Type.Record(Type.String(), Type.String()),
  care_tag: Type.Record(Type.String(), Type.String()),
});

export const ScreeningReportSchema = Type.Object({
  campaign: Type.Object({
    id: Type.String(),
    name: Type.String(),
    schoolYear: Type.String(),
    term: Type.Union([Type.Integer(), Type.Null()]),
  }),
  level: Level,
  unit: Type.Object({ ...UnitLabel, kind: Level }),
  parent: Type.Union([Type.Object({ ...UnitLabel, kind: Level }), Type.Null()]),
  /** Whether the caller may open the parent's report (district staff may not open the city's). */
  parentReadable: Type.Boolean(),
  children: Type.Array(Type.Object({ ...UnitLabel, drillable: Type.Boolean() })),
  labels: Labels,
  participation: PublishedTableSchema,
  tiers: ByBreakdown,
  bands: Type.Array(
    Type.Object({
      instrument: Type.String(),
      columns: Type.Array(Type.String()),
      columnLabels: Type.Array(Type.String()),
      byUnit: PublishedTableSchema,
      byGrade: PublishedTableSchema,
      byGender: PublishedTableSchema,
      byStage: PublishedTableSchema,
      byCareTag: PublishedTableSchema,
    }),
  ),
  comparison: Type.Object({ unit: Shares, parent: Type.Union([Shares, Type.Null()]) }),
  trend: Type.Array(
    Type.Object({
      campaignId: Type.String(),
      name: Type.String(),
      schoolYear: Type.String(),
      term: Type.Union([Type.Integer(), Type.Null()]),
      participation: PublishedTableSchema,
      tiers: PublishedTableSchema,
    }),
  ),
  critical: PublishedTableSchema,
  alerts: PublishedTableSchema,
  casesOpened: PublishedTableSchema,
  meanAckMinutes: Type.Array(Count),
  /** Named students: only at school level, only for roles that may list students and read tiers there. */
  students: Type.Union([
    Type.Array(
      Type.Object({
        id: Type.String(),
        name: Type.String(),
        studentNo: Type.String(),
        className: Type.String(),
        tier: Type.Integer(),
      }),
    ),
    Type.Null(),
  ]),
});
