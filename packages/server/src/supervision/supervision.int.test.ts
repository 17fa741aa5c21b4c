import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDate } from '../accounts/content-disposition.js';
import { multipartFile } from '../roster/multipart-body.js';
import { demoFixtures, startTestApp, type Agent, type TestContext } from '../testing/harness.js';
import type { Fixtures } from '../testing/matrix.js';

let ctx: TestContext;
let f: Fixtures;
let psych: Agent;
let district: Agent;
let city: Agent;
const today = chinaDate();
type Indicator = {
  id: string;
  value: number;
  target: number;
  rag: string;
  shortfalls: { name: string; value: number; target: number }[];
};
const indicators = async (agent: Agent) => {
  const res = await agent.get(`/api/v1/supervision/schools/${f.home.id}`);
  expect(res.statusCode).toBe(200);
  return Object.fromEntries((res.json().indicators as Indicator[]).map((i) => [i.id, i])) as Record<string, Indicator>;
};
const record = (body: Record<string, unknown>) =>
  psych.post('/api/v1/supervision/records', { schoolId: f.home.id, occurredOn: today, ...body });

beforeAll(async () => {
  ctx = await startTestApp();
  f = await demoFixtures(ctx.db);
  [psych, district, city] = await Promise.all([
    ctx.signIn('psych03'),
    ctx.signIn('district01'),
    ctx.signIn('citycenter'),
  ]);
  // The home school starts without a duty roster, so its declared opening hours count (the roster's own
  // hours are tested at the end).
  await ctx.db.deleteFrom('duty_shift').where('school_id', '=', f.home.id).execute();
}, 120_000);
afterAll(async () => ctx?.close());

describe('supervision indicators of the home school (junior, Jinan standards)', () => {
  it('starts red where nothing is recorded, with the figures computed from the roster', async () => {
    const res = await psych.get(`/api/v1/supervision/schools/${f.home.id}`);
    const body = res.json();
    const students = (
      await ctx.db
        .selectFrom('student')
        .select(({ fn }) => fn.countAll<number>().as('n'))
        .where('school_id', '=', f.home.id)
        .where('status', '=', 'active')
        .executeTakeFirstOrThrow()
    ).n;
    expect(body.figures.students).toBe(Number(students));
    expect(body.standards).toBe('jinan');
    const i = await indicators(psych);
    expect(i.lessons!.rag).toBe('red');
    expect(i.counseling_hours).toMatchObject({ value: 0, target: 2, rag: 'red' });
    // Every grade lacks its two lectures; every psychology and head teacher lacks training.
    expect(i.guardian_lectures!.shortfalls.map((s) => s.name)).toEqual(['七年级', '八年级', '九年级']);
    expect(i.training!.value).toBe(0);
  });

  it('turns indicators green as the school records its work', async () => {
    const grades = await ctx.db
      .selectFrom('org_unit')
      .select(['id', 'grade_level'])
      .where('school_id', '=', f.home.id)
      .where('kind', '=', 'grade')
      .orderBy('grade_level')
      .execute();
    for (const g of grades.slice(0, 2))
      for (let n = 0; n < 2; n++)
        expect(
          (await record({ kind: 'guardian_lecture', gradeId: g.id, hours: 1.5, topic: '青春期沟通' })).statusCode,
        ).toBe(201);
    await record({ kind: 'guardian_lecture', gradeId: grades[2]!.id, hours: 1.5 });
    for (let n = 0; n < 4; n++) await record({ kind: 'lesson', classId: f.homeClass.id, hours: 2 });
    await record({ kind: 'counseling_hours', hours: 1.5 });
    const psychAccount = await ctx.db
      .selectFrom('user_account')
      .select('id')
      .where('username', '=', 'psych03')
      .executeTakeFirstOrThrow();
    await record({ kind: 'training', staffId: psychAccount.id, staffGroup: 'psych_full_time', hours: 40 });
    await record({
      kind: 'training',
      staffId: psychAccount.id,
      staffGroup: 'psych_full_time',
      hours: 10,
      supervision: true,
    });

    const i = await indicators(district);
    // 8 lesson hours meet the 8-hour rule.
    expect(i.lessons).toMatchObject({ value: 8, rag: 'green' });
    // 1.5 h a day in a junior school: below 80% of 2 h.
    expect(i.counseling_hours).toMatchObject({ value: 1.5, rag: 'red' });
    // Two grades of three have their two lectures.
    expect(i.guardian_lectures).toMatchObject({
      value: 0.667,
      rag: 'red',
      shortfalls: [{ name: '九年级', value: 1, target: 2 }],
    });
    // psych03 met 40 h + 10 h supervision; the others have not.
    expect(i.training!.shortfalls.map((s) => s.name)).not.toContain(await displayName('psych03'));
    expect(i.training!.value).toBeGreaterThan(0);

    // The latest opening hours are the ones in force.
    await record({ kind: 'counseling_hours', hours: 2, occurredOn: today });
    expect((await indicators(psych)).counseling_hours).toMatchObject({ value: 2, rag: 'green' });
  });

  it('refuses a lesson in another school’s class, naming the field, and audits what it stores', async () => {
    const res = await record({ kind: 'lesson', classId: f.otherClass.id, hours: 1 });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('/classId');
    const audit = await ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'supervision.record').execute();
    // 5 lectures, 4 lessons, 2 opening-hour changes, 2 trainings; nothing for the refused one.
    expect(audit.length).toBe(13);
    expect(audit[0]).toMatchObject({ school_id: f.home.id, target_type: 'supervision_record' });
  });

  it('lists the district’s schools with their colours for drill-down', async () => {
    const res = await district.get(`/api/v1/supervision/units/${f.home.district_id}`);
    expect(res.statusCode).toBe(200);
    const home = res.json().schools.find((s: { id: string }) => s.id === f.home.id);
    expect(home.rag).toMatchObject({ lessons: 'green', counseling_hours: 'green' });
    expect((await district.get(`/api/v1/supervision/units/${f.other.district_id}`)).statusCode).toBe(404);
  });

  it('applies the city’s preset: Changzhou asks 80 training hours of psychology teachers', async () => {
    expect((await city.put('/api/v1/supervision/standards', { preset: 'changzhou' })).statusCode).toBe(200);
    const res = await psych.get(`/api/v1/supervision/schools/${f.home.id}`);
    expect(res.json().standards).toBe('changzhou');
    const training = (res.json().indicators as Indicator[]).find((i) => i.id === 'training')!;
    expect(training.shortfalls.find((s) => s.value === 40)).toMatchObject({
      name: await displayName('psych03'),
      target: 80,
    });
  });
});

describe('records by spreadsheet', () => {
  const upload = (csv: string) => {
    const { payload, headers } = multipartFile('records.csv', csv, 'text/csv');
    return psych.request('POST', `/api/v1/supervision/records/import?schoolId=${f.home.id}`, payload, headers);
  };

  it('stores every row of a good sheet: lessons, lectures, a training and a family contact', async () => {
    const studentNo = (
      await ctx.db
        .selectFrom('student')
        .select('student_no')
        .where('id', '=', f.homeStudent.id)
        .executeTakeFirstOrThrow()
    ).student_no;
    const before = await countRecords();
    const res = await upload(
      [
        '类型,日期,时长（小时）,年级,班级,学籍号,账号,人员类别,督导学时,主题',
        `心理健康课,${today},1,八年级,1班,,,,,情绪调节`,
        `家长讲座,${today},2,九年级,,,,,,亲子沟通`,
        `培训,${today},6,,,,psych03,专职心理教师,是,个案督导`,
        `家校联系,${today},,,,${studentNo},,,,电话沟通`,
      ].join('\n'),
    );
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({ count: 4 });
    expect((await countRecords()) - before).toBe(4);
    const i = await indicators(psych);
    // The ninth grade now has its second lecture; one family of the school has been contacted.
    expect(i.guardian_lectures).toMatchObject({ value: 1, rag: 'green' });
    expect(i.family_contact!.value).toBeGreaterThan(0);
  });

  it('refuses the whole sheet when a row is wrong, naming its row and column', async () => {
    const before = await countRecords();
    const res = await upload(
      [
        '类型,日期,时长（小时）,年级,班级',
        `心理健康课,${today},1,八年级,1班`,
        `心理健康课,${today},1,八年级,99班`,
        `讲座,${today},1,八年级,`,
      ].join('\n'),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual([
      '/file/rows/3/班级',
      '/file/rows/4/类型',
    ]);
    expect(await countRecords()).toBe(before);
  });
});

describe('import template', () => {
  const template = async (locale: 'zh-CN' | 'en') => {
    const res = await psych.get(`/api/v1/supervision/records/template.xlsx?schoolId=${f.home.id}`, {
      'accept-language': locale,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    return book;
  };
  const header = (book: ExcelJS.Workbook) => (book.worksheets[0]!.getRow(1).values as unknown[]).slice(1);

  it('has the header in the caller’s language and a sheet explaining each column', async () => {
    const zh = await template('zh-CN');
    expect(header(zh)).toEqual([
      '类型',
      '日期',
      '时长（小时）',
      '年级',
      '班级',
      '学籍号',
      '账号',
      '人员类别',
      '督导学时',
      '主题',
    ]);
    expect(zh.worksheets.map((w) => w.name)).toEqual(['工作记录', '填写说明']);
    const en = await template('en');
    expect(header(en)).toEqual([
      'Kind',
      'Date',
      'Hours',
      'Grade',
      'Class',
      'Student no.',
      'Username',
      'Staff group',
      'Supervision',
      'Topic',
    ]);
    expect(en.worksheets[1]!.rowCount).toBeGreaterThan(10);
  });

  it('imports once filled in, in either language', async () => {
    const studentNo = (
      await ctx.db
        .selectFrom('student')
        .select('student_no')
        .where('id', '=', f.homeStudent.id)
        .executeTakeFirstOrThrow()
    ).student_no;
    for (const [locale, row] of [
      ['zh-CN', ['家校联系', today, '', '', '', studentNo, '', '', '', '电话沟通']],
      ['en', ['lesson', today, 1, '8', '1', '', '', '', '', 'Emotions']],
    ] as const) {
      const book = await template(locale);
      book.worksheets[0]!.addRow([...row]);
      const { payload, headers } = multipartFile(
        'filled.xlsx',
        Buffer.from(await book.xlsx.writeBuffer()),
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      );
      const before = await countRecords();
      const res = await psych.request(
        'POST',
        `/api/v1/supervision/records/import?schoolId=${f.home.id}`,
        payload,
        headers,
      );
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toEqual({ count: 1 });
      expect((await countRecords()) - before).toBe(1);
    }
  });

  it('is not given for another school', async () => {
    expect((await psych.get(`/api/v1/supervision/records/template.xlsx?schoolId=${f.other.id}`)).statusCode).toBe(404);
  });
});

const countRecords = async () =>
  Number(
    (
      await ctx.db
        .selectFrom('supervision_record')
        .select(({ fn }) => fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

async function displayName(username: string) {
  return (
    await ctx.db
      .selectFrom('user_account')
      .select('display_name')
      .where('username', '=', username)
      .executeTakeFirstOrThrow()
  ).display_name;
}

describe("the counseling room's opening hours come from its duty roster", () => {
  it('a school with a roster is open what the roster says, whatever it declared: met and not met', async () => {
    const rooms = (await psych.get(`/api/v1/counseling/rooms?schoolId=${f.home.id}`)).json();
    const room = rooms.items[0] as { id: string };
    const teacherId = rooms.teachers[0].id as string;
    const week = (spans: [number, number][]) =>
      [1, 2, 3, 4, 5].flatMap((weekday) =>
        spans.map(([startMin, endMin]) => ({ weekday, startMin, endMin, slotMinutes: 30, teacherId })),
      );
    // One hour at lunch on school days, and a Saturday morning that does not raise the school-day figure.
    const oneHour = [...week([[720, 780]]), { weekday: 6, startMin: 540, endMin: 720, slotMinutes: 30, teacherId }];
    expect((await psych.put(`/api/v1/counseling/rooms/${room.id}/roster`, { shifts: oneHour })).statusCode).toBe(200);
    // The declared 2 h/day of the term no longer counts: a junior school open 1 h/day misses Jinan's 2 h.
    expect((await indicators(psych)).counseling_hours).toMatchObject({ value: 1, target: 2, rag: 'red' });
    const twoHours = week([
      [720, 780],
      [960, 1020],
    ]);
    expect((await psych.put(`/api/v1/counseling/rooms/${room.id}/roster`, { shifts: twoHours })).statusCode).toBe(200);
    expect((await indicators(psych)).counseling_hours).toMatchObject({ value: 2, target: 2, rag: 'green' });
    // A second room open at the same hours does not double them: the school's room is open or it is not.
    const second = await psych.post('/api/v1/counseling/rooms', { schoolId: f.home.id, name: '沙盘室' });
    expect(second.statusCode, second.body).toBe(201);
    await psych.put(`/api/v1/counseling/rooms/${second.json().id}/roster`, { shifts: week([[720, 780]]) });
    expect((await indicators(psych)).counseling_hours).toMatchObject({ value: 2, rag: 'green' });

    // The duty log: on the days a room did not open, the school counts only the other room's hour.
    const { window } = (await psych.get(`/api/v1/supervision/schools/${f.home.id}`)).json();
    const schoolDays: string[] = [];
    for (let d = new Date(`${window.from}T00:00:00Z`); d.toISOString().slice(0, 10) <= today;) {
      if (d.getUTCDay() >= 1 && d.getUTCDay() <= 5) schoolDays.push(d.toISOString().slice(0, 10));
      d = new Date(d.getTime() + 86_400_000);
    }
    expect(schoolDays.length).toBeGreaterThan(4);
    // A third of the term's school days closed: 2 h on the others, 1 h (the second room) on those.
    const closed = schoolDays.filter((_, i) => i % 3 === 0);
    for (const date of closed) {
      const res = await psych.put(`/api/v1/counseling/rooms/${room.id}/duty-log`, { date, open: false });
      expect(res.statusCode, res.body).toBe(200);
    }
    const expected = Math.round(((2 * schoolDays.length - closed.length) / schoolDays.length) * 100) / 100;
    const i = (await indicators(psych)).counseling_hours!;
    expect(i.value).toBe(expected);
    expect(i.rag).not.toBe('green');
    // Marked by mistake: taken back, the hours are the roster's again.
    for (const date of closed) await psych.put(`/api/v1/counseling/rooms/${room.id}/duty-log`, { date, open: true });
    expect((await indicators(psych)).counseling_hours).toMatchObject({ value: 2, rag: 'green' });
  });
});
