import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/types.js';
import { currentSchoolYear } from '../org/school-year.js';
import { moveEnrollments } from './enrollment.js';
import { assignOpenCampaigns } from '../screening/campaigns/publish.js';
import type { SchoolContext } from './school.js';
import type { RosterRecord } from './validate.js';

export interface ApplyResult {
  created: number;
  updated: number;
  moved: number;
  unchanged: number;
  /** Rows naming a student of another school: a transfer request was raised instead (see `elsewhere`). */
  transfersRequested?: number;
}

/** A row whose 学籍号 belongs to another school's student: the receiving school asks for a transfer. */
export interface ElsewhereRow {
  record: RosterRecord;
  student: Existing;
}

/**
 * Rows per statement, and so per progress report. Rows travel as one array per column (`unnest`), so a
 * statement has a handful of parameters however many rows it carries.
 */
const BATCH = 1000;
/** Ids per `= any(array)` lookup. */
const LOOKUP = 5000;

/** Another school took one of these 学籍号 between validation and apply; nothing was applied. */
export class StudentNoTaken extends Error {
  constructor(readonly studentNos: string[]) {
    super('student numbers belong to another school');
  }
}

type Existing = Awaited<ReturnType<typeof loadStudents>>[number];

/**
 * Upserts validated rows into the school, keyed on (city, 学籍号). Call inside one transaction: either the
 * whole file lands or none of it. Unchanged rows are not written at all, so a re-import is a no-op.
 */
export async function applyRoster(
  tx: Kysely<Database>,
  ctx: SchoolContext,
  rows: RosterRecord[],
  progress: (processed: number, total: number) => void,
): Promise<ApplyResult & { elsewhere: ElsewhereRow[] }> {
  const { school } = ctx;
  // Imports into one city take turns: two files creating the same 学籍号 would otherwise race.
  await sql`select pg_advisory_xact_lock(hashtext(${`roster-import:${school.city_id}`}))`.execute(tx);

  const existing = new Map(
    (
      await loadStudents(
        tx,
        school.city_id,
        rows.map((r) => r.studentNo),
      )
    ).map((s) => [s.student_no, s]),
  );
  // A student of another school is never rewritten by an import: their move is a transfer request, which
  // the sending school's psychology teacher hands over and this school accepts.
  const elsewhere: ElsewhereRow[] = [];
  const records: RosterRecord[] = [];
  for (const r of rows) {
    const s = existing.get(r.studentNo);
    if (s && s.school_id !== school.id) elsewhere.push({ record: r, student: s });
    else records.push(r);
  }

  const phones = [...new Set(records.flatMap((r) => (r.guardian ? [r.guardian.phone] : [])))];
  const guardians = new Map((await loadGuardians(tx, school.city_id, phones)).map((g) => [g.phone, g]));
  const links = await loadLinks(
    tx,
    [...existing.values()].map((s) => s.id),
  );

  const now = new Date();
  const result: ApplyResult = { created: 0, updated: 0, moved: 0, unchanged: 0 };
  const writes: StudentWrite[] = [];
  /** Rows whose guardian or guardian link is still to be written: they count as done after it. */
  const guardianWork = new Set<string>();
  const moves: Array<{ student: Existing; classId: string; gradeId: string }> = [];
  for (const r of records) {
    const before = existing.get(r.studentNo);
    const row = studentRow(r, before);
    const guardianChanged =
      !!r.guardian && guardianDiffers(r.guardian, guardians.get(r.guardian.phone), before && links.get(before.id));
    if (guardianChanged) guardianWork.add(r.studentNo);
    if (!before) {
      result.created++;
      writes.push(row);
    } else if (before.class_id !== r.classId) {
      result.moved++;
      writes.push(row);
      moves.push({ student: before, classId: r.classId, gradeId: r.gradeId });
    } else if (studentDiffers(before, row)) {
      result.updated++;
      writes.push(row);
    } else if (guardianChanged) {
      result.updated++;
    } else {
      result.unchanged++;
    }
  }

  const total = records.length;
  let processed = result.unchanged;
  progress(processed, total);

  const moving = new Set(moves.map((m) => m.student.student_no));
  const joined: string[] = [];
  const ids = new Map([...existing.values()].map((s) => [s.student_no, s.id]));
  const year = await currentSchoolYear(tx, school.city_id);
  for (let i = 0; i < writes.length; i += BATCH) {
    const batch = writes.slice(i, i + BATCH);
    const saved = await upsertStudents(tx, ctx, batch, now);
    if (saved.length !== batch.length) {
      const ok = new Set(saved.map((s) => s.student_no));
      throw new StudentNoTaken(batch.filter((b) => !ok.has(b.student_no)).map((b) => b.student_no));
    }
    const opened = saved.filter((s) => !ids.has(s.student_no)).map((s) => s.id);
    for (const s of saved) ids.set(s.student_no, s.id);
    // New students' first enrollment, copied from the rows just written.
    joined.push(...opened);
    if (opened.length) {
      await sql`
        insert into enrollment (student_id, city_id, district_id, school_id, grade_id, class_id, school_year, started_at)
        select id, city_id, district_id, school_id, grade_id, class_id, ${year}, ${now}
          from student where id = any(${opened}::uuid[])`.execute(tx);
    }
    processed += batch.filter((b) => !moving.has(b.student_no) && !guardianWork.has(b.student_no)).length;
    progress(processed, total);
  }

  // A class change closes the open enrollment and opens the new one, exactly as an edit does.
  for (let i = 0; i < moves.length; i += BATCH) {
    const batch = moves.slice(i, i + BATCH);
    await moveEnrollments(tx, batch);
    processed += batch.filter((m) => !guardianWork.has(m.student.student_no)).length;
    progress(processed, total);
  }

  // A student who arrives while a campaign is open gets its questionnaire like the rest of the class.
  await assignOpenCampaigns(tx, joined, now);

  await saveGuardians(tx, ctx, records, guardians, links, ids, (rows) => progress((processed += rows), total));
  progress(total, total);
  return { ...result, elsewhere };
}

/** A student as the file wants it; columns the file lacks keep the stored value. */
interface StudentWrite {
  student_no: string;
  grade_id: string;
  class_id: string;
  name: string;
  gender: 'male' | 'female';
  birth_date: string | null;
  boarding: boolean;
  care_tags: string[];
}

function studentRow(r: RosterRecord, before: Existing | undefined): StudentWrite {
  return {
    student_no: r.studentNo,
    grade_id: r.gradeId,
    class_id: r.classId,
    name: r.name,
    gender: r.gender,
    birth_date: r.birthDate !== undefined ? r.birthDate : (before?.birth_date ?? null),
    boarding: r.boarding ?? before?.boarding ?? false,
    care_tags: r.careTags ?? before?.care_tags ?? [],
  };
}

function studentDiffers(before: Existing, after: StudentWrite): boolean {
  return (
    before.name !== after.name ||
    before.gender !== after.gender ||
    before.birth_date !== after.birth_date ||
    before.boarding !== after.boarding ||
    before.grade_id !== after.grade_id ||
    before.status !== 'active' ||
    [...before.care_tags].sort().join(',') !== [...after.care_tags].sort().join(',')
  );
}

function guardianDiffers(
  g: NonNullable<RosterRecord['guardian']>,
  stored: { id: string; name: string } | undefined,
  studentLinks: Map<string, string> | undefined,
): boolean {
  return !stored || stored.name !== g.name || studentLinks?.get(stored.id) !== g.relation;
}

/** Never rewrites another school's student, whatever raced in since validation: such rows come back missing. */
async function upsertStudents(tx: Kysely<Database>, ctx: SchoolContext, rows: StudentWrite[], now: Date) {
  const { school } = ctx;
  const col = <K extends keyof StudentWrite>(k: K) => rows.map((r) => r[k]);
  // Tags go as array literals, one per row: an array of arrays would flatten in unnest.
  const tags = rows.map((r) => `{${r.care_tags.join(',')}}`);
  const result = await sql<{ id: string; student_no: string }>`
    insert into student (city_id, district_id, school_id, grade_id, class_id, student_no, name, gender, birth_date, boarding, care_tags, status, updated_at)
    select ${school.city_id}::uuid, ${school.district_id}::uuid, ${school.id}::uuid, t.grade_id, t.class_id, t.student_no, t.name, t.gender,
           t.birth_date, t.boarding, t.care_tags::text[], 'active', ${now}
      from unnest(${col('grade_id')}::uuid[], ${col('class_id')}::uuid[], ${col('student_no')}::text[], ${col('name')}::text[],
                  ${col('gender')}::text[], ${col('birth_date')}::date[], ${col('boarding')}::bool[], ${tags}::text[])
           as t(grade_id, class_id, student_no, name, gender, birth_date, boarding, care_tags)
    on conflict (city_id, student_no) do update
       set grade_id = excluded.grade_id, class_id = excluded.class_id, name = excluded.name, gender = excluded.gender,
           birth_date = excluded.birth_date, boarding = excluded.boarding, care_tags = excluded.care_tags,
           status = excluded.status, updated_at = excluded.updated_at
     where student.school_id = excluded.school_id
    returning id, student_no`.execute(tx);
  return result.rows;
}

/** Guardians are the city's, keyed by phone; a row adds or relabels a link and never removes one. */
async function saveGuardians(
  tx: Kysely<Database>,
  ctx: SchoolContext,
  records: RosterRecord[],
  stored: Map<string, { id: string; name: string; phone: string }>,
  links: Map<string, Map<string, string>>,
  studentIds: Map<string, string>,
  linked: (rows: number) => void,
) {
  const wanted = new Map<string, string>();
  for (const r of records) if (r.guardian) wanted.set(r.guardian.phone, r.guardian.name);
  const changed = [...wanted].filter(([phone, name]) => stored.get(phone)?.name !== name);
  const ids = new Map([...stored.values()].map((g) => [g.phone, g.id]));
  for (let i = 0; i < changed.length; i += BATCH) {
    const batch = changed.slice(i, i + BATCH);
    const saved = await sql<{ id: string; phone: string }>`
      insert into guardian (city_id, phone, name)
      select ${ctx.school.city_id}::uuid, t.phone, t.name from unnest(${batch.map(([phone]) => phone)}::text[], ${batch.map(([, name]) => name)}::text[]) as t(phone, name)
      on conflict (city_id, phone) do update set name = excluded.name
      returning id, phone`.execute(tx);
    for (const g of saved.rows) ids.set(g.phone, g.id);
  }

  const linkRows = records.flatMap((r) => {
    if (!r.guardian) return [];
    const studentId = studentIds.get(r.studentNo)!;
    const guardianId = ids.get(r.guardian.phone)!;
    if (links.get(studentId)?.get(guardianId) === r.guardian.relation) return [];
    return [{ studentId, guardianId, relation: r.guardian.relation }];
  });
  for (let i = 0; i < linkRows.length; i += BATCH) {
    const batch = linkRows.slice(i, i + BATCH);
    await sql`
      insert into student_guardian (student_id, guardian_id, relation, district_id, school_id)
      select t.student_id, t.guardian_id, t.relation, ${ctx.school.district_id}::uuid, ${ctx.school.id}::uuid
        from unnest(${batch.map((l) => l.studentId)}::uuid[], ${batch.map((l) => l.guardianId)}::uuid[], ${batch.map((l) => l.relation)}::text[])
             as t(student_id, guardian_id, relation)
      on conflict (student_id, guardian_id) do update
         set relation = excluded.relation, district_id = excluded.district_id, school_id = excluded.school_id`.execute(
      tx,
    );
    linked(batch.length);
  }
}

async function loadStudents(tx: Kysely<Database>, cityId: string, studentNos: string[]) {
  const out = [];
  for (let i = 0; i < studentNos.length; i += LOOKUP) {
    out.push(
      ...(await tx
        .selectFrom('student')
        .select([
          'id',
          'student_no',
          'city_id',
          'district_id',
          'school_id',
          'grade_id',
          'class_id',
          'name',
          'gender',
          'birth_date',
          'boarding',
          'care_tags',
          'status',
        ])
        .where('city_id', '=', cityId)
        .where(sql<boolean>`student_no = any(${studentNos.slice(i, i + LOOKUP)}::text[])`)
        .execute()),
    );
  }
  return out;
}

async function loadGuardians(tx: Kysely<Database>, cityId: string, phones: string[]) {
  const out = [];
  for (let i = 0; i < phones.length; i += LOOKUP) {
    out.push(
      ...(await tx
        .selectFrom('guardian')
        .select(['id', 'name', 'phone'])
        .where('city_id', '=', cityId)
        .where(sql<boolean>`phone = any(${phones.slice(i, i + LOOKUP)}::text[])`)
        .execute()),
    );
  }
  return out;
}

/** student id → guardian id → relation. */
async function loadLinks(tx: Kysely<Database>, studentIds: string[]) {
  const links = new Map<string, Map<string, string>>();
  for (let i = 0; i < studentIds.length; i += LOOKUP) {
    const rows = await tx
      .selectFrom('student_guardian')
      .select(['student_id', 'guardian_id', 'relation'])
      .where(sql<boolean>`student_id = any(${studentIds.slice(i, i + LOOKUP)}::uuid[])`)
      .execute();
    for (const l of rows) {
      let m = links.get(l.student_id);
      if (!m) links.set(l.student_id, (m = new Map<string, string>()));
      m.set(l.guardian_id, l.relation);
    }
  }
  return links;
}
