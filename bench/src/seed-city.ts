/**
 * Seeds a synthetic city into PostgreSQL with COPY, reproducibly from a seed:
 *   npm run bench:seed -- --students 1000000 [--seed 1] [--database-url postgres://…/yuxin_bench]
 * The database named in the URL is dropped and created anew. Every student gets an account with the
 * bench password, so the load phase can sign them in.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { hashPassword } from '../../packages/server/src/auth/passwords.js';
import type { Database } from '../../packages/server/src/db/types.js';
import { migrate } from '../../packages/server/src/db/migrate.js';
import { syncBuiltinInstruments } from '../../packages/server/src/screening/instrument-store.js';
import { chineseName, adultName, seededRandom } from '../../packages/server/src/seed/random.js';
import { copyRows } from './copy.js';
import { BENCH_GRADES, COMPLETED_SHARE, createBenchCampaign } from './campaign-seed.js';
import { className, gradeName, planCity } from './city-plan.js';

export const BENCH_PASSWORD = 'Bench2026pass';
export const DEFAULT_BENCH_URL = 'postgres://postgres@127.0.0.1:5432/yuxin_bench';
const SCHOOL_YEAR = '2026-2027';
const CARE_TAGS = ['left_behind', 'migrant', 'single_parent', 'disability', 'low_income', 'bereaved', 'bullied'];

export function studentNo(i: number) {
  return `B${String(i).padStart(9, '0')}`;
}

export async function recreateDatabase(url: string) {
  const target = new URL(url);
  const name = target.pathname.slice(1);
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unsafe database name "${name}"`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`drop database if exists ${name} with (force)`);
  await client.query(`create database ${name}`);
  await client.end();
}

export async function seedCity(opts: { students: number; seed: number; url: string; log?: (s: string) => void }) {
  const log = opts.log ?? ((s: string) => console.log(s));
  const started = Date.now();
  await recreateDatabase(opts.url);
  const pool = new pg.Pool({ connectionString: opts.url, max: 4 });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  await migrate(db);
  await syncBuiltinInstruments(db);

  const plan = planCity(opts.students, opts.seed);
  const rnd = seededRandom(opts.seed + 1);
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const now = new Date().toISOString();
  log(
    `plan: ${plan.students.toLocaleString()} students, ${plan.schools.length} schools, ${plan.districts.length} districts`,
  );

  const tableStarted = new Map<string, number>();
  const progress = (table: string, rows: number, done: boolean) => {
    const t0 = tableStarted.get(table) ?? Date.now();
    tableStarted.set(table, t0);
    const secs = (Date.now() - t0) / 1000;
    if (done || rows % 500_000 === 0)
      log(
        `  ${table}: ${rows.toLocaleString()} rows${done ? ' ✓' : ''} (${Math.round(rows / Math.max(secs, 0.001)).toLocaleString()} rows/s)`,
      );
  };
  // Bulk load: foreign-key triggers off for this session and secondary indexes rebuilt once at the end —
  // maintaining a dozen indexes row by row costs more than building them afterwards.
  const loaders = [await pool.connect(), await pool.connect()];
  for (const l of loaders)
    await l.query(
      `set session_replication_role = replica; set synchronous_commit = off; set maintenance_work_mem = '512MB'`,
    );
  const loader = loaders[0]!;
  const bulkTables = [
    'org_unit',
    'student',
    'enrollment',
    'guardian',
    'student_guardian',
    'user_account',
    'role_binding',
    'screening_assignment',
    'screening_response',
    'tier_assessment',
  ];
  const { rows: indexes } = await loader.query<{ indexname: string; indexdef: string }>(
    `select i.indexname, i.indexdef from pg_indexes i
      where i.schemaname = 'public' and i.tablename = any($1)
        and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`,
    [bulkTables],
  );
  for (const ix of indexes) await loader.query(`drop index ${ix.indexname}`);
  // Two COPY streams at once: each runs on one PostgreSQL backend, and the machine has two cores.
  let turn = 0;
  const copy = async (
    table: string,
    columns: string[],
    rows: Iterable<Array<string | number | boolean | null | string[]>>,
  ) => {
    tableStarted.set(table, Date.now());
    return copyRows(loaders[turn++ % loaders.length]!, table, columns, rows, progress);
  };

  const studentIds: string[] = [];
  const guardianIds: string[] = [];
  const placement: Array<{ d: string; s: string; g: string; c: string; level: number }> = [];

  await db
    .insertInto('school_year')
    .values({
      city_id: plan.cityId,
      code: SCHOOL_YEAR,
      starts_on: '2026-09-01',
      ends_on: '2027-07-10',
      term1_ends_on: '2027-01-22',
      is_current: true,
    })
    .execute();

  // Ids first, so the tables below share no state and can load concurrently.
  for (const sc of plan.schools)
    for (const c of sc.classes)
      for (let k = 0; k < c.size; k++) {
        studentIds.push(randomUUID());
        guardianIds.push(randomUUID());
        placement.push({ d: sc.districtId, s: sc.id, g: c.gradeId, c: c.id, level: c.level });
      }
  const studentAccountIds = studentIds.map(() => randomUUID());

  await copy(
    'org_unit',
    [
      'id',
      'kind',
      'parent_id',
      'city_id',
      'district_id',
      'school_id',
      'grade_id',
      'code',
      'name_zh',
      'name_en',
      'stage',
      'grade_level',
      'class_no',
      'sort',
    ],
    (function* () {
      yield [
        plan.cityId,
        'city',
        null,
        plan.cityId,
        null,
        null,
        null,
        'BENCH',
        '基准测试市',
        'Bench City',
        null,
        null,
        null,
        0,
      ];
      for (const d of plan.districts)
        yield [
          d.id,
          'district',
          plan.cityId,
          plan.cityId,
          d.id,
          null,
          null,
          d.code,
          d.name,
          `District ${d.code}`,
          null,
          null,
          null,
          Number(d.code),
        ];
      for (const s of plan.schools) {
        yield [
          s.id,
          'school',
          s.districtId,
          plan.cityId,
          s.districtId,
          s.id,
          null,
          s.code,
          s.name,
          `School ${s.code}`,
          s.stage,
          null,
          null,
          0,
        ];
        for (const g of s.grades)
          yield [
            g.id,
            'grade',
            s.id,
            plan.cityId,
            s.districtId,
            s.id,
            g.id,
            null,
            gradeName(g.level).zh,
            gradeName(g.level).en,
            null,
            g.level,
            null,
            g.level,
          ];
        for (const c of s.classes)
          yield [
            c.id,
            'class',
            c.gradeId,
            plan.cityId,
            s.districtId,
            s.id,
            c.gradeId,
            null,
            className(c.no).zh,
            className(c.no).en,
            null,
            c.level,
            c.no,
            c.no,
          ];
      }
    })(),
  );

  await Promise.all([
    copy(
      'student',
      [
        'id',
        'city_id',
        'district_id',
        'school_id',
        'grade_id',
        'class_id',
        'student_no',
        'name',
        'gender',
        'birth_date',
        'boarding',
        'care_tags',
        'status',
        'updated_at',
      ],
      (function* () {
        let i = 0;
        for (const s of plan.schools) {
          for (const c of s.classes) {
            for (let k = 0; k < c.size; k++, i++) {
              const id = studentIds[i]!;
              const gender = rnd.chance(0.51) ? 'male' : 'female';
              const year = 2026 - c.level - 6;
              const tags = rnd.chance(0.12) ? [rnd.pick(CARE_TAGS)] : [];
              yield [
                id,
                plan.cityId,
                s.districtId,
                s.id,
                c.gradeId,
                c.id,
                studentNo(i),
                chineseName(rnd, gender),
                gender,
                `${year}-${String(rnd.int(1, 12)).padStart(2, '0')}-${String(rnd.int(1, 28)).padStart(2, '0')}`,
                s.stage === 'senior' && rnd.chance(0.5),
                tags,
                'active',
                now,
              ];
            }
          }
        }
      })(),
    ),
    copy(
      'enrollment',
      ['student_id', 'city_id', 'district_id', 'school_id', 'grade_id', 'class_id', 'school_year', 'started_at'],
      (function* () {
        for (let i = 0; i < studentIds.length; i++) {
          const p = placement[i]!;
          yield [studentIds[i]!, plan.cityId, p.d, p.s, p.g, p.c, SCHOOL_YEAR, '2026-09-01T00:00:00Z'];
        }
      })(),
    ),
  ]);

  await Promise.all([
    copy(
      'guardian',
      ['id', 'city_id', 'name', 'phone'],
      (function* () {
        for (let i = 0; i < studentIds.length; i++) {
          const id = guardianIds[i]!;
          yield [
            id,
            plan.cityId,
            adultName(rnd, '王', rnd.chance(0.5) ? 'male' : 'female'),
            `13${String(100_000_000 + i).slice(0, 9)}`,
          ];
        }
      })(),
    ),
    copy(
      'student_guardian',
      ['student_id', 'guardian_id', 'relation', 'district_id', 'school_id'],
      (function* () {
        for (let i = 0; i < studentIds.length; i++)
          yield [studentIds[i]!, guardianIds[i]!, i % 2 ? 'father' : 'mother', placement[i]!.d, placement[i]!.s];
      })(),
    ),
  ]);

  const staff: Array<{
    id: string;
    username: string;
    name: string;
    role: string;
    level: string;
    scopeId: string;
    d: string | null;
    s: string | null;
  }> = [];
  staff.push({
    id: randomUUID(),
    username: 'bench-city',
    name: '市中心',
    role: 'city_staff',
    level: 'city',
    scopeId: plan.cityId,
    d: null,
    s: null,
  });
  staff.push({
    id: randomUUID(),
    username: 'bench-admin',
    name: '管理员',
    role: 'system_admin',
    level: 'city',
    scopeId: plan.cityId,
    d: null,
    s: null,
  });
  for (const d of plan.districts)
    staff.push({
      id: randomUUID(),
      username: `bench-district-${d.code}`,
      name: `${d.name}中心`,
      role: 'district_staff',
      level: 'district',
      scopeId: d.id,
      d: d.id,
      s: null,
    });
  for (const s of plan.schools) {
    staff.push({
      id: randomUUID(),
      username: `bench-leader-${s.code}`,
      name: '校领导',
      role: 'school_leader',
      level: 'school',
      scopeId: s.id,
      d: s.districtId,
      s: s.id,
    });
    staff.push({
      id: randomUUID(),
      username: `bench-psych-${s.code}`,
      name: '心理教师',
      role: 'psych_teacher',
      level: 'school',
      scopeId: s.id,
      d: s.districtId,
      s: s.id,
    });
    for (const c of s.classes)
      staff.push({
        id: randomUUID(),
        username: `bench-head-${s.code}-${c.level}-${c.no}`,
        name: '班主任',
        role: 'head_teacher',
        level: 'class',
        scopeId: c.id,
        d: s.districtId,
        s: s.id,
      });
  }
  await Promise.all([
    copy(
      'user_account',
      [
        'id',
        'kind',
        'username',
        'display_name',
        'password_hash',
        'student_id',
        'city_id',
        'district_id',
        'school_id',
        'locale',
        'must_change_password',
      ],
      (function* () {
        for (const u of staff)
          yield [u.id, 'staff', u.username, u.name, passwordHash, null, plan.cityId, u.d, u.s, 'zh-CN', false];
        for (let i = 0; i < studentIds.length; i++) {
          const id = studentAccountIds[i]!;
          yield [
            id,
            'student',
            studentNo(i),
            `学生${i}`,
            passwordHash,
            studentIds[i]!,
            plan.cityId,
            placement[i]!.d,
            placement[i]!.s,
            'zh-CN',
            false,
          ];
        }
      })(),
    ),
    copy(
      'role_binding',
      ['user_id', 'role', 'scope_level', 'scope_id', 'city_id', 'district_id', 'school_id'],
      (function* () {
        for (const u of staff) yield [u.id, u.role, u.level, u.scopeId, plan.cityId, u.d, u.s];
        for (let i = 0; i < studentIds.length; i++)
          yield [
            studentAccountIds[i]!,
            'student',
            'person',
            studentIds[i]!,
            plan.cityId,
            placement[i]!.d,
            placement[i]!.s,
          ];
      })(),
    ),
  ]);

  // The open campaign the load test answers: secondary students get PHQ-A + GAD-7 + ASQ; some have already
  // submitted (scored from a pool of realistic answer sets), the rest are pending for the load test.
  const campaign = await createBenchCampaign(db, plan.cityId, SCHOOL_YEAR, rnd);
  const opened = Date.now() - 3 * 86_400_000;
  const instrumentsJson = JSON.stringify(campaign.instruments);
  const assignments: Array<{ id: string; i: number; done: { at: string; pick: number; submissionId: string } | null }> =
    [];
  for (let i = 0; i < studentIds.length; i++) {
    const level = placement[i]!.level;
    if (level < BENCH_GRADES.from || level > BENCH_GRADES.to) continue;
    const done = rnd.chance(COMPLETED_SHARE)
      ? {
          at: new Date(opened + rnd.int(0, 3 * 86_400_000 - 60_000)).toISOString(),
          pick: rnd.int(0, campaign.pool.length - 1),
          submissionId: randomUUID(),
        }
      : null;
    assignments.push({ id: randomUUID(), i, done });
  }
  const ancestry = (i: number) => [plan.cityId, placement[i]!.d, placement[i]!.s, placement[i]!.g, placement[i]!.c];
  await Promise.all([
    copy(
      'screening_assignment',
      [
        'id',
        'campaign_id',
        'student_id',
        'respondent',
        'city_id',
        'district_id',
        'school_id',
        'grade_id',
        'class_id',
        'instruments',
        'consent_status',
        'status',
        'started_at',
        'completed_at',
      ],
      (function* () {
        for (const a of assignments)
          yield [
            a.id,
            campaign.id,
            studentIds[a.i]!,
            'self',
            ...ancestry(a.i),
            instrumentsJson,
            'not_required',
            a.done ? 'completed' : 'pending',
            a.done?.at ?? null,
            a.done?.at ?? null,
          ];
      })(),
    ),
    copy(
      'screening_response',
      [
        'submission_id',
        'assignment_id',
        'campaign_id',
        'student_id',
        'city_id',
        'district_id',
        'school_id',
        'grade_id',
        'class_id',
        'instrument_code',
        'instrument_version',
        'respondent',
        'answers',
        'total',
        'band',
        'critical_flags',
        'valid',
        'subscales',
        'reasons',
        'careless',
        'duration_ms',
        'submitted_by',
        'submitted_at',
      ],
      (function* () {
        for (const a of assignments) {
          if (!a.done) continue;
          for (const s of campaign.pool[a.done.pick]!.evaluation.scored) {
            yield [
              a.done.submissionId,
              a.id,
              campaign.id,
              studentIds[a.i]!,
              ...ancestry(a.i),
              s.def.code,
              s.def.version,
              'self',
              JSON.stringify(s.answers),
              s.result.total,
              s.result.band,
              s.result.criticalFlags,
              s.result.valid,
              JSON.stringify(s.result.subscales),
              JSON.stringify(s.result.reasons),
              JSON.stringify(s.careless),
              120_000,
              studentAccountIds[a.i]!,
              a.done.at,
            ];
          }
        }
      })(),
    ),
  ]);
  await copy(
    'tier_assessment',
    [
      'student_id',
      'campaign_id',
      'city_id',
      'district_id',
      'school_id',
      'grade_id',
      'class_id',
      'suggested_tier',
      'suggested_reasons',
      'rule_set_version',
      'created_at',
    ],
    (function* () {
      for (const a of assignments) {
        if (!a.done) continue;
        const { suggestion } = campaign.pool[a.done.pick]!.evaluation;
        yield [
          studentIds[a.i]!,
          campaign.id,
          ...ancestry(a.i),
          suggestion.tier,
          JSON.stringify(suggestion.reasons),
          campaign.ruleSetVersion,
          a.done.at,
        ];
      }
    })(),
  );

  const indexStarted = Date.now();
  const queue = [...indexes];
  await Promise.all(
    loaders.map(async (l) => {
      for (let ix = queue.shift(); ix; ix = queue.shift()) await l.query(ix.indexdef);
    }),
  );
  log(`  ${indexes.length} indexes rebuilt in ${((Date.now() - indexStarted) / 1000).toFixed(1)} s`);
  for (const l of loaders) l.release();
  await pool.query('analyze');
  const seconds = (Date.now() - started) / 1000;
  log(
    `seeded ${plan.students.toLocaleString()} students in ${seconds.toFixed(1)} s (${Math.round(plan.students / seconds).toLocaleString()} students/s)`,
  );

  const summary = {
    url: opts.url,
    students: plan.students,
    schools: plan.schools.length,
    districts: plan.districts.length,
    cityId: plan.cityId,
    seconds,
    password: BENCH_PASSWORD,
    sampleSchool: { id: plan.schools[0]!.id, code: plan.schools[0]!.code, students: plan.schools[0]!.students },
    sampleDistrictId: plan.districts[0]!.id,
    campaignId: campaign.id,
    assignments: assignments.length,
    completed: assignments.filter((a) => a.done).length,
  };
  await db.destroy();
  return summary;
}

const isMain = import.meta.url === `file://${process.argv[1]}`;
if (isMain) {
  const { values } = parseArgs({
    options: {
      students: { type: 'string', default: '100000' },
      seed: { type: 'string', default: '1' },
      'database-url': { type: 'string' },
    },
  });
  const students = Number(values.students);
  if (!Number.isInteger(students) || students < 100) throw new Error('--students must be an integer ≥ 100');
  const url = values['database-url'] ?? process.env.BENCH_DATABASE_URL ?? DEFAULT_BENCH_URL;
  const summary = await seedCity({ students, seed: Number(values.seed), url });
  const out = new URL('../out/', import.meta.url).pathname;
  mkdirSync(out, { recursive: true });
  writeFileSync(`${out}city.json`, JSON.stringify(summary, null, 2));
  console.log(`summary written to bench/out/city.json`);
}
