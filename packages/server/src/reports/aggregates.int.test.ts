import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/connect.js';
import { migrate } from '../db/migrate.js';
import type { OrgUnit } from '../db/types.js';
import { createTestDatabase } from '../testing/test-db.js';
import { foldReportCounts } from './fold.js';
import { buildScreeningReport } from './report.js';
import type { ReportLevel } from './cells.js';

/**
 * A hand-computed small city, written row by row so that every count below can be checked on paper.
 *
 *   District D1 ─ S1 primary, grade 3: 12 students (6 m, 6 f)
 *               └ S2 junior, grade 7: 12 (7 m, 5 f); grade 8: 8 (4 m, 4 f)
 *   District D2 ─ S3 junior, grade 7: 8 (4 m, 4 f)
 *
 * Confirmed tiers (t1/t2/t3) of those who completed, per group; "-" did not complete:
 *   S1 g3 male:   t1 t1 t1 t1 t2 -      (the first two t1 are left-behind)
 *   S1 g3 female: t1 t1 t1 t2 t3 -      (the t3 is left-behind; the first t1's answers are invalid)
 *   S2 g7 male:   t1×5 t2 -
 *   S2 g7 female: t1×4 t2
 *   S2 g8 male:   t1×3 t3
 *   S2 g8 female: t1 t1 t2 -
 *   S3 g7 male:   t1 t1 t1 t2;  female: t1 t1 t1 t2
 */
type Spec = {
  school: 'S1' | 'S2' | 'S3';
  grade: number;
  gender: 'male' | 'female';
  tier: 1 | 2 | 3 | null;
  tags?: string[];
  invalid?: boolean;
};
const group = (school: Spec['school'], grade: number, gender: Spec['gender'], tiers: (1 | 2 | 3 | null)[]): Spec[] =>
  tiers.map((tier) => ({ school, grade, gender, tier }));
const SPECS: Spec[] = [
  { school: 'S1', grade: 3, gender: 'male', tier: 1, tags: ['left_behind'] },
  { school: 'S1', grade: 3, gender: 'male', tier: 1, tags: ['left_behind'] },
  ...group('S1', 3, 'male', [1, 1, 2, null]),
  { school: 'S1', grade: 3, gender: 'female', tier: 1, invalid: true },
  ...group('S1', 3, 'female', [1, 1, 2]),
  { school: 'S1', grade: 3, gender: 'female', tier: 3, tags: ['left_behind'] },
  ...group('S1', 3, 'female', [null]),
  ...group('S2', 7, 'male', [1, 1, 1, 1, 1, 2, null]),
  ...group('S2', 7, 'female', [1, 1, 1, 1, 2]),
  ...group('S2', 8, 'male', [1, 1, 1, 3]),
  ...group('S2', 8, 'female', [1, 1, 2, null]),
  ...group('S3', 7, 'male', [1, 1, 1, 2]),
  ...group('S3', 7, 'female', [1, 1, 1, 2]),
];

let handle: DatabaseHandle;
const units: Record<string, OrgUnit> = {};
let campaignId: string;
const studentIds: string[] = [];
const alertIds: string[] = [];

beforeAll(async () => {
  handle = await createTestDatabase();
  const db = handle.db;
  await migrate(db);
  const cityId = randomUUID();
  const unit = async (key: string, values: Partial<OrgUnit> & Pick<OrgUnit, 'kind' | 'name_zh'>) => {
    units[key] = await db
      .insertInto('org_unit')
      .values({ city_id: cityId, ...values })
      .returningAll()
      .executeTakeFirstOrThrow();
  };
  await unit('C', { id: cityId, kind: 'city', name_zh: '样例市' });
  await unit('D1', { kind: 'district', name_zh: '一区', parent_id: cityId, district_id: null });
  await db.updateTable('org_unit').set({ district_id: units.D1!.id }).where('id', '=', units.D1!.id).execute();
  await unit('D2', { kind: 'district', name_zh: '二区', parent_id: cityId });
  await db.updateTable('org_unit').set({ district_id: units.D2!.id }).where('id', '=', units.D2!.id).execute();
  for (const [key, district, stage] of [
    ['S1', 'D1', 'primary'],
    ['S2', 'D1', 'junior'],
    ['S3', 'D2', 'junior'],
  ] as const) {
    await unit(key, {
      kind: 'school',
      name_zh: key,
      parent_id: units[district]!.id,
      district_id: units[district]!.id,
      stage,
    });
    await db.updateTable('org_unit').set({ school_id: units[key]!.id }).where('id', '=', units[key]!.id).execute();
  }
  for (const [school, grade] of [
    ['S1', 3],
    ['S2', 7],
    ['S2', 8],
    ['S3', 7],
  ] as const) {
    const s = units[school]!;
    await unit(`${school}g${grade}`, {
      kind: 'grade',
      name_zh: `${grade}年级`,
      parent_id: s.id,
      district_id: s.district_id,
      school_id: s.id,
      grade_level: grade,
    });
    const g = units[`${school}g${grade}`]!;
    await unit(`${school}g${grade}c`, {
      kind: 'class',
      name_zh: '1班',
      parent_id: g.id,
      district_id: s.district_id,
      school_id: s.id,
      grade_id: g.id,
      grade_level: grade,
      class_no: 1,
    });
  }
  await db
    .insertInto('instrument_version')
    .values({ code: 'phqa', version: 1, definition: JSON.stringify({}) })
    .execute();
  campaignId = (
    await db
      .insertInto('campaign')
      .values({
        city_id: cityId,
        owner_level: 'city',
        owner_id: cityId,
        kind: 'universal',
        name: '秋季普测',
        school_year: '2026-2027',
        term: 1,
        opens_at: new Date(Date.now() - 86_400_000),
        closes_at: new Date(Date.now() + 86_400_000),
        status: 'published',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;

  // Writes go through the same statements the application makes, in the same shapes: a bulk publish,
  // per-student completion, responses, suggested then confirmed tiers, alerts and their acknowledgement.
  const placed = SPECS.map((s, i) => {
    const school = units[s.school]!;
    const grade = units[`${s.school}g${s.grade}`]!;
    const klass = units[`${s.school}g${s.grade}c`]!;
    return {
      spec: s,
      id: randomUUID(),
      no: `S${i}`,
      place: {
        city_id: cityId,
        district_id: school.district_id!,
        school_id: school.id,
        grade_id: grade.id,
        class_id: klass.id,
      },
    };
  });
  await db
    .insertInto('student')
    .values(
      placed.map((p) => ({
        id: p.id,
        ...p.place,
        student_no: p.no,
        name: `学生${p.no}`,
        gender: p.spec.gender,
        care_tags: p.spec.tags ?? [],
      })),
    )
    .execute();
  studentIds.push(...placed.map((p) => p.id));
  await db
    .insertInto('screening_assignment')
    .values(
      placed.map((p) => ({
        campaign_id: campaignId,
        student_id: p.id,
        respondent: 'self',
        ...p.place,
        instruments: '[]',
        consent_status: 'not_required',
      })),
    )
    .execute();
  for (const p of placed) {
    if (p.spec.tier === null) continue;
    const a = await db
      .updateTable('screening_assignment')
      .set({ status: 'completed', completed_at: new Date() })
      .where('student_id', '=', p.id)
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('screening_response')
      .values({
        submission_id: randomUUID(),
        assignment_id: a.id,
        campaign_id: campaignId,
        student_id: p.id,
        ...p.place,
        instrument_code: 'phqa',
        instrument_version: 1,
        respondent: 'self',
        answers: '[]',
        total: p.spec.invalid ? null : p.spec.tier * 5,
        band: p.spec.invalid ? null : (['minimal', 'moderate', 'severe'] as const)[p.spec.tier - 1],
        critical_flags: p.spec.tier === 3 ? ['phqa_item9'] : [],
        valid: !p.spec.invalid,
      })
      .execute();
    const t = await db
      .insertInto('tier_assessment')
      .values({ student_id: p.id, campaign_id: campaignId, ...p.place, suggested_tier: p.spec.tier })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .updateTable('tier_assessment')
      .set({ status: 'confirmed', confirmed_tier: p.spec.tier })
      .where('id', '=', t.id)
      .execute();
  }
  // Alerts: S1 one, acknowledged on time; S2 five: three on time, one late, one open. One S2 alert gets a case.
  const alertAt = (school: 'S1' | 'S2', n: number) =>
    placed.filter((p) => p.spec.school === school && p.spec.tier !== null).slice(0, n);
  const responseOf = async (studentId: string) =>
    (
      await db
        .selectFrom('screening_response')
        .select('id')
        .where('student_id', '=', studentId)
        .executeTakeFirstOrThrow()
    ).id;
  for (const p of [...alertAt('S1', 1), ...alertAt('S2', 5)]) {
    const created = new Date(Date.now() - 3 * 3_600_000);
    const a = await db
      .insertInto('alert')
      .values({
        ...p.place,
        student_id: p.id,
        source: 'screening',
        urgency: 'crisis',
        response_id: await responseOf(p.id),
        due_at: new Date(created.getTime() + 3_600_000),
        created_at: created,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    alertIds.push(a.id);
  }
  const ack = (id: string, minutesAfter: number) =>
    db
      .updateTable('alert')
      .set({ status: 'acknowledged', acknowledged_at: sql<Date>`created_at + make_interval(mins => ${minutesAfter})` })
      .where('id', '=', id)
      .execute();
  await ack(alertIds[0]!, 20);
  await ack(alertIds[1]!, 10);
  await ack(alertIds[2]!, 30);
  await ack(alertIds[3]!, 50);
  await ack(alertIds[4]!, 90);
  const staff = await db
    .insertInto('user_account')
    .values({ kind: 'staff', username: 'psy', display_name: '心理老师', password_hash: 'x', city_id: cityId })
    .returning('id')
    .executeTakeFirstOrThrow();
  const s2 = placed.find((p) => p.spec.school === 'S2' && p.spec.tier !== null)!;
  const careCase = await db
    .insertInto('care_case')
    .values({ ...s2.place, student_id: s2.id, opened_by: staff.id })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('case_alert')
    .values({
      case_id: careCase.id,
      alert_id: alertIds[1]!,
      city_id: cityId,
      district_id: s2.place.district_id,
      school_id: s2.place.school_id,
    })
    .execute();
}, 120_000);

afterAll(async () => handle?.close());

const report = (key: string) =>
  buildScreeningReport(
    handle.db,
    {
      id: campaignId,
      city_id: units.C!.id,
      opens_at: new Date(),
      name: '秋季普测',
      school_year: '2026-2027',
      term: 1,
    } as never,
    units[key] as OrgUnit & { kind: ReportLevel },
  );

async function cell(measure: string, key: string, where: { school?: string; careTag?: string } = {}) {
  await foldReportCounts(handle.db);
  let q = handle.db
    .selectFrom('report_cell')
    .select(sql<number>`coalesce(sum(n), 0)::int`.as('n'))
    .where('campaign_id', '=', campaignId)
    .where('measure', '=', measure as never)
    .where('key', '=', key)
    .where('care_tag', '=', where.careTag ?? '');
  if (where.school) q = q.where('school_id', '=', units[where.school]!.id);
  return (await q.executeTakeFirstOrThrow()).n;
}

describe('report_cell kept by the triggers', () => {
  it('counts participation per assignment', async () => {
    expect(await cell('participation', 'invited')).toBe(40);
    expect(await cell('participation', 'completed')).toBe(36);
    expect(await cell('participation', 'invalid')).toBe(1);
    expect(await cell('participation', 'invited', { school: 'S1' })).toBe(12);
  });

  it('counts confirmed tiers, bands and critical flags', async () => {
    expect(await cell('tier', '1')).toBe(27);
    expect(await cell('tier', '2')).toBe(7);
    expect(await cell('tier', '3')).toBe(2);
    expect(await cell('band', 'phqa:moderate')).toBe(7);
    expect(await cell('band', 'phqa:minimal')).toBe(26); // 27 in tier 1, one of them invalid and unbanded
    expect(await cell('critical', 'phqa_item9')).toBe(2);
  });

  it('repeats counts under each care tag', async () => {
    expect(await cell('participation', 'invited', { careTag: 'left_behind' })).toBe(3);
    expect(await cell('tier', '3', { careTag: 'left_behind' })).toBe(1);
  });

  it('counts alert handling and the case opened', async () => {
    expect(await cell('alert', 'raised', { school: 'S2' })).toBe(5);
    expect(await cell('alert', 'acknowledged', { school: 'S2' })).toBe(4);
    expect(await cell('alert', 'on_time', { school: 'S2' })).toBe(3); // 10, 30 and 50 minutes; 90 is late
    expect(await cell('alert', 'ack_minutes', { school: 'S2' })).toBe(180);
    expect(await cell('alert', 'case_opened')).toBe(1);
  });

  it('writes nothing for updates that change no count, and nets changes that do', async () => {
    await foldReportCounts(handle.db);
    const before = await handle.db
      .selectFrom('report_cell')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    await handle.db
      .updateTable('screening_assignment')
      .set({ reminder_count: 3 })
      .where('campaign_id', '=', campaignId)
      .execute();
    expect(await cell('participation', 'invited')).toBe(40);
    expect(
      (
        await handle.db
          .selectFrom('report_delta')
          .select(sql<number>`count(*)::int`.as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ).toBe(0);
    expect(
      (
        await handle.db
          .selectFrom('report_cell')
          .select(sql<number>`count(*)::int`.as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ).toBe(before.n);
    // A re-suggested assessment leaves the confirmed count until it is confirmed again.
    const t = await handle.db
      .selectFrom('tier_assessment')
      .select(['id', 'confirmed_tier'])
      .where('student_id', '=', studentIds[0]!)
      .executeTakeFirstOrThrow();
    await handle.db.updateTable('tier_assessment').set({ status: 'suggested' }).where('id', '=', t.id).execute();
    expect(await cell('tier', '1')).toBe(26);
    await handle.db.updateTable('tier_assessment').set({ status: 'confirmed' }).where('id', '=', t.id).execute();
    expect(await cell('tier', '1')).toBe(27);
    // A confirmed tier changed moves its count; an upsert that only re-suggests (as every submit's does) counts nothing.
    await handle.db.updateTable('tier_assessment').set({ confirmed_tier: 2 }).where('id', '=', t.id).execute();
    expect([await cell('tier', '1'), await cell('tier', '2')]).toEqual([26, 8]);
    await handle.db.updateTable('tier_assessment').set({ confirmed_tier: 1 }).where('id', '=', t.id).execute();
    await foldReportCounts(handle.db);
    await sql`insert into tier_assessment (student_id, campaign_id, city_id, district_id, school_id, grade_id, class_id,
                                           suggested_tier, suggested_reasons, rule_set_version)
              select student_id, campaign_id, city_id, district_id, school_id, grade_id, class_id, 1, '[]', 'test@1'
                from tier_assessment where id = ${t.id}::uuid
              on conflict (student_id, campaign_id) do update set suggested_reasons = excluded.suggested_reasons`.execute(
      handle.db,
    );
    expect(
      (
        await handle.db
          .selectFrom('report_delta')
          .select(sql<number>`count(*)::int`.as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ).toBe(0);
    expect([await cell('tier', '1'), await cell('tier', '2')]).toEqual([27, 7]);
    // A completed assignment moved to another grade moves both of its counts, and nothing else: the row
    // trigger nets old against new, so the unchanged campaign and student write no pair that cancels.
    const moved = await handle.db
      .selectFrom('screening_assignment')
      .select(['id', 'grade_id'])
      .where('campaign_id', '=', campaignId)
      .where('grade_id', '=', units['S1g3']!.id)
      .where('status', '=', 'completed')
      .executeTakeFirstOrThrow();
    await handle.db.transaction().execute(async (tx) => {
      await tx
        .updateTable('screening_assignment')
        .set({ grade_id: units['S2g7']!.id })
        .where('id', '=', moved.id)
        .execute();
      const { rows } = await sql<{ grade_id: string; key: string; delta: string }>`
        select grade_id, key, delta::text from report_delta order by key, delta`.execute(tx);
      expect(rows).toEqual([
        { grade_id: units['S1g3']!.id, key: 'completed', delta: '-1' },
        { grade_id: units['S2g7']!.id, key: 'completed', delta: '1' },
        { grade_id: units['S1g3']!.id, key: 'invited', delta: '-1' },
        { grade_id: units['S2g7']!.id, key: 'invited', delta: '1' },
      ]);
    });
    expect(await cell('participation', 'invited', { school: 'S1' })).toBe(11);
    expect(await cell('participation', 'completed', { school: 'S2' })).toBe(19);
    await handle.db
      .updateTable('screening_assignment')
      .set({ grade_id: moved.grade_id })
      .where('id', '=', moved.id)
      .execute();
    expect(await cell('participation', 'invited', { school: 'S1' })).toBe(12);
    expect(await cell('participation', 'completed', { school: 'S2' })).toBe(18);
  });

  it('rolls back with the write that failed', async () => {
    await expect(
      handle.db.transaction().execute(async (tx) => {
        await tx
          .updateTable('screening_assignment')
          .set({ status: 'completed' })
          .where('campaign_id', '=', campaignId)
          .execute();
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await cell('participation', 'completed')).toBe(36);
  });
});

describe('district D1 report — suppressed as computed by hand', () => {
  it('participation: S1 9 valid / 1 invalid / 2 not; S2 18 / 0 / 2 — all but valid and totals hidden', async () => {
    // Primary: S1 1 and 2, S2 2, column totals 1 and 4. S2's row then has one hidden cell: its 0 goes too.
    const r = await report('D1');
    expect(r.participation.rows).toEqual([units.S1!.id, units.S2!.id]);
    expect(r.participation.cells).toEqual([
      [9, null, null],
      [18, null, null],
    ]);
    expect(r.participation.rowTotals).toEqual([12, 20]);
    expect(r.participation.columnTotals).toEqual([27, null, null]);
    expect(r.participation.total).toBe(32);
  });

  it('tiers by school: 7/2/1 and 14/3/1 → only tier 1 and totals; the tier-2 total is the complement', async () => {
    const r = await report('D1');
    expect(r.tiers.unit.cells).toEqual([
      [7, null, null],
      [14, null, null],
    ]);
    expect(r.tiers.unit.rowTotals).toEqual([10, 18]);
    expect(r.tiers.unit.columnTotals).toEqual([21, null, null]);
    expect(r.tiers.unit.total).toBe(28);
  });

  it('tiers by grade: grade 7’s 0 in tier 3 is hidden with its 2 in tier 2', async () => {
    const r = await report('D1');
    expect(r.tiers.grade.rows).toEqual(['3', '7', '8']);
    expect(r.tiers.grade.cells).toEqual([
      [7, null, null],
      [9, null, null],
      [5, null, null],
    ]);
    expect(r.tiers.grade.rowTotals).toEqual([10, 11, 7]);
  });

  it('tiers by gender (m 12/2/1, f 9/3/1) and by stage (same as schools)', async () => {
    const r = await report('D1');
    expect(r.tiers.gender.rows).toEqual(['male', 'female']);
    expect(r.tiers.gender.cells).toEqual([
      [12, null, null],
      [9, null, null],
    ]);
    expect(r.tiers.gender.rowTotals).toEqual([15, 13]);
    expect(r.tiers.stage.rows).toEqual(['primary', 'junior']);
    expect(r.tiers.stage.cells).toEqual(r.tiers.unit.cells);
  });

  it('care tags: three left-behind students (2/0/1) show only the zero', async () => {
    const r = await report('D1');
    expect(r.tiers.care_tag.rows).toEqual(['left_behind']);
    expect(r.tiers.care_tag.cells).toEqual([[null, 0, null]]);
    expect(r.tiers.care_tag.rowTotals).toEqual([null]);
  });

  it('alerts: S1 1/0/0, S2 3/1/1 — only the zeros and the grand total 6 are shown', async () => {
    const r = await report('D1');
    expect(r.alerts.cells).toEqual([
      [null, 0, 0],
      [null, null, null],
    ]);
    expect(r.alerts.rowTotals).toEqual([null, null]);
    expect(r.alerts.total).toBe(6);
    // Four acknowledged in S2 is under five: no mean time is published.
    expect(r.meanAckMinutes).toEqual([null, null]);
  });

  it('compares with the city: tier-1 share 21/28 and 27/36, the rest hidden', async () => {
    const r = await report('D1');
    expect(r.comparison.unit.tiers).toEqual([0.75, null, null]);
    expect(r.comparison.parent!.tiers).toEqual([0.75, null, null]);
    // 28 of 32 completed would reveal the 4 who did not, which is hidden.
    expect(r.comparison.unit.completionRate).toBeNull();
  });
});

describe('city report', () => {
  it('tiers by district: D1 21/5/2, D2 6/2/0', async () => {
    // Row D1 has its 2 hidden → its 5 goes; row D2 its 2 → its 0; the column totals then hide 7.
    const r = await report('C');
    expect(r.children.map((c) => c.name)).toEqual(['一区', '二区']);
    expect(r.tiers.unit.cells).toEqual([
      [21, null, null],
      [6, null, null],
    ]);
    expect(r.tiers.unit.columnTotals).toEqual([27, null, null]);
    expect(r.tiers.unit.total).toBe(36);
    expect(r.parent).toBeNull();
  });
});

describe('school report', () => {
  it('breaks S2 down by grade', async () => {
    const r = await report('S2');
    expect(r.tiers.unit.rows).toEqual(['7', '8']);
    // g7 9/2/0 and g8 5/1/1: both rows have hidden cells; the 0 goes with g7's 2.
    expect(r.tiers.unit.cells).toEqual([
      [9, null, null],
      [5, null, null],
    ]);
    expect(r.bands[0]!.instrument).toBe('phqa');
  });
});
