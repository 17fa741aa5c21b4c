import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoFixtures, startTestApp, type Agent, type TestContext } from '../testing/harness.js';
import type { Fixtures } from '../testing/matrix.js';
import { CJK_FONT_NAME } from './font.js';
import { grantedBindingId, studentAccountId } from './stable-ids.js';

let ctx: TestContext;
let f: Fixtures;
let schoolAdmin: Agent;

beforeAll(async () => {
  ctx = await startTestApp();
  f = await demoFixtures(ctx.db);
  schoolAdmin = await ctx.signIn('sadmin03');
});
afterAll(() => ctx?.close());

const credentialsUrl = (classId: string) => `/api/v1/accounts/classes/${classId}/credentials`;

async function readSheet(buffer: Buffer) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(buffer as unknown as ArrayBuffer);
  const ws = book.worksheets[0]!;
  const rows: string[][] = [];
  ws.eachRow((row) => rows.push(Array.from({ length: row.cellCount }, (_, i) => row.getCell(i + 1).text)));
  return { header: rows[0]!, students: rows.slice(1).filter((r) => /^G\d+/.test(r[3] ?? '')) };
}

const activeIn = async (classId: string) =>
  (
    await ctx.db
      .selectFrom('student')
      .select('id')
      .where('class_id', '=', classId)
      .where('status', '=', 'active')
      .execute()
  ).length;

describe('class credentials', () => {
  it('creates accounts for a class and hands out one-time passwords in an xlsx', async () => {
    const res = await schoolAdmin.post(credentialsUrl(f.otherClassInHome.id), { format: 'xlsx', scope: 'new' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('八年级2班-账号-')}`);
    const { header, students } = await readSheet(res.rawPayload);
    expect(header).toEqual(['学校', '班级', '姓名', '用户名（学籍号）', '初始密码', '登录网址']);
    expect(students).toHaveLength(await activeIn(f.otherClassInHome.id));
    expect(students[0]!.slice(0, 2)).toEqual(['东城第一初级中学', '八年级2班']);
    expect(students[0]![5]).toMatch(/^http:\/\/localhost(:\d+)?\/login$/);

    const accounts = await ctx.db
      .selectFrom('user_account as ua')
      .innerJoin('student as s', 's.id', 'ua.student_id')
      .select(['ua.id', 'ua.student_id', 'ua.username', 'ua.must_change_password', 'ua.kind'])
      .where('s.class_id', '=', f.otherClassInHome.id)
      .execute();
    expect(accounts).toHaveLength(students.length);
    for (const a of accounts) {
      expect(a).toMatchObject({ kind: 'student', must_change_password: true, id: studentAccountId(a.student_id!) });
    }
    const binding = await ctx.db
      .selectFrom('role_binding')
      .selectAll()
      .where('user_id', '=', accounts[0]!.id)
      .executeTakeFirstOrThrow();
    expect(binding).toMatchObject({
      role: 'student',
      scope_level: 'person',
      scope_id: accounts[0]!.student_id,
      school_id: f.home.id,
    });

    // One audit entry for the whole printout, and no password anywhere in the log.
    const entries = await ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'account.print').execute();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      target_type: 'class',
      target_id: f.otherClassInHome.id,
      school_id: f.home.id,
      outcome: 'success',
    });
    expect(JSON.parse(entries[0]!.payload).detail).toMatchObject({
      count: students.length,
      format: 'xlsx',
      scope: 'new',
      created: students.length,
    });
    const everything = (await ctx.db.selectFrom('audit_log').select('payload').execute())
      .map((r) => r.payload)
      .join('\n');
    for (const s of students) expect(everything).not.toContain(s[4]!);
  });

  it('lets a printed password sign in once, forcing a change before anything else', async () => {
    const res = await schoolAdmin.post(credentialsUrl(f.otherClassInHome.id), { format: 'xlsx', scope: 'new' });
    const { students } = await readSheet(res.rawPayload);
    const [, , , username, password] = students[0]!;

    const student = ctx.anonymous();
    const login = await student.post('/api/v1/auth/login', { username, password });
    expect(login.statusCode).toBe(200);
    expect(login.json().user.mustChangePassword).toBe(true);
    const blocked = await student.get('/api/v1/me/profile');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().type).toBe('urn:yuxin:problem:password-change-required');

    expect(
      (await student.post('/api/v1/auth/change-password', { currentPassword: password, newPassword: 'Mine2026abc' }))
        .statusCode,
    ).toBe(204);
    expect((await student.get('/api/v1/me/profile')).statusCode).toBe(200);
    expect((await ctx.anonymous().post('/api/v1/auth/login', { username, password })).statusCode).toBe(401);

    // `new` now leaves out the student who has signed in.
    const again = await readSheet(
      (await schoolAdmin.post(credentialsUrl(f.otherClassInHome.id), { format: 'xlsx', scope: 'new' })).rawPayload,
    );
    expect(again.students.map((r) => r[3])).not.toContain(username);
    expect(again.students).toHaveLength(students.length - 1);
  });

  it('`all` resets signed-in students too and ends their sessions', async () => {
    const target = f.homeOtherClassStudent;
    const first = await readSheet(
      (await schoolAdmin.post(credentialsUrl(f.otherClassInHome.id), { format: 'xlsx', scope: 'all' })).rawPayload,
    );
    const row = first.students.find((r) => r[3] === target.student_no)!;
    const student = ctx.anonymous();
    expect((await student.post('/api/v1/auth/login', { username: row[3], password: row[4] })).statusCode).toBe(200);

    const second = await readSheet(
      (await schoolAdmin.post(credentialsUrl(f.otherClassInHome.id), { format: 'xlsx', scope: 'all' })).rawPayload,
    );
    expect(second.students).toHaveLength(await activeIn(f.otherClassInHome.id));
    expect((await student.get('/api/v1/session')).statusCode).toBe(401);
    const fresh = second.students.find((r) => r[3] === target.student_no)!;
    expect(fresh[4]).not.toBe(row[4]);
    expect(
      (await ctx.anonymous().post('/api/v1/auth/login', { username: fresh[3], password: fresh[4] })).statusCode,
    ).toBe(200);
  });

  it("renders a PDF of slips, ten to a page, in the caller's language", async () => {
    const headTeacher = await ctx.signIn('head03-8-1');
    headTeacher.locale = 'en';
    const res = await headTeacher.post(credentialsUrl(f.homeClass.id), { format: 'pdf', scope: 'new' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('Grade 8 Class 1-accounts-')}`,
    );
    const pdf = res.rawPayload.toString('latin1');
    // The demo student and peer supporter of this class have accounts they have not signed into yet.
    const pages = (pdf.match(/\/Type \/Page\b/g) ?? []).length;
    expect(pages).toBe(Math.ceil((await activeIn(f.homeClass.id)) / 10));
    expect(pdf).toContain('/FontFile2');
    expect(pdf).toContain(CJK_FONT_NAME);
  });

  it('keeps a head teacher to their own class and others out', async () => {
    const headTeacher = await ctx.signIn('head03-8-1');
    expect(
      (await headTeacher.post(credentialsUrl(f.otherClassInHome.id), { format: 'pdf', scope: 'new' })).statusCode,
    ).toBe(404);
    expect((await headTeacher.post(credentialsUrl(f.otherClass.id), { format: 'pdf', scope: 'new' })).statusCode).toBe(
      404,
    );
    expect((await schoolAdmin.post(credentialsUrl(f.otherClass.id), { format: 'pdf', scope: 'new' })).statusCode).toBe(
      404,
    );
    const psych = await ctx.signIn('psych03');
    expect((await psych.post(credentialsUrl(f.homeClass.id), { format: 'pdf', scope: 'new' })).statusCode).toBe(403);
    const bad = await schoolAdmin.post(credentialsUrl(f.homeClass.id), { format: 'docx', scope: 'new' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('/format');
  });

  it('gives the same slips again, in either format, without issuing new passwords', async () => {
    const head = await ctx.signIn('head03-8-2');
    const issued = await head.post(credentialsUrl(f.otherClassInHome.id), { format: 'xlsx', scope: 'all' });
    expect(issued.statusCode).toBe(200);
    const batchId = String(issued.headers['x-credential-batch']);
    const first = await readSheet(issued.rawPayload);
    const hashes = async () =>
      (
        await ctx.db
          .selectFrom('user_account')
          .select(['username', 'password_hash'])
          .where(
            'username',
            'in',
            first.students.map((r) => r[3]!),
          )
          .orderBy('username')
          .execute()
      ).map((r) => `${r.username}:${r.password_hash}`);
    const before = await hashes();

    const summary = await head.get(`/api/v1/accounts/classes/${f.otherClassInHome.id}/credential-batch`);
    expect(summary.statusCode).toBe(200);
    expect(summary.json()).toMatchObject({ id: batchId, scope: 'all', count: first.students.length });
    expect(JSON.stringify(summary.json())).not.toContain(first.students[0]![4]);

    const fileUrl = (format: string) =>
      `/api/v1/accounts/classes/${f.otherClassInHome.id}/credential-batch/file?format=${format}`;
    const again = await head.get(fileUrl('xlsx'));
    expect(again.statusCode).toBe(200);
    expect(again.headers['x-credential-batch']).toBe(batchId);
    expect((await readSheet(again.rawPayload)).students).toEqual(first.students);
    const pdf = await head.get(fileUrl('pdf'));
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    // Nothing was reissued: the hashes are the ones the first download set, and its passwords still sign in.
    expect(await hashes()).toEqual(before);
    const [, , , username, password] = first.students[0]!;
    expect((await ctx.anonymous().post('/api/v1/auth/login', { username, password })).statusCode).toBe(200);

    // Each download is audited with its batch; the passwords are kept encrypted, never in plain text.
    const audits = await ctx.db
      .selectFrom('audit_log')
      .select('payload')
      .where('action', '=', 'account.print')
      .orderBy('id', 'desc')
      .limit(2)
      .execute();
    expect(audits.map((a) => JSON.parse(a.payload).detail)).toEqual([
      expect.objectContaining({ batchId, format: 'pdf', again: true }),
      expect.objectContaining({ batchId, format: 'xlsx', again: true }),
    ]);
    const stored = await ctx.db
      .selectFrom('credential_batch')
      .select('slips_enc')
      .where('id', '=', batchId)
      .executeTakeFirstOrThrow();
    expect(stored.slips_enc).not.toContain(password!);

    // Another school's class, or a class with no batch this week, has nothing to give.
    expect(
      (await head.get(`/api/v1/accounts/classes/${f.otherClass.id}/credential-batch/file?format=pdf`)).statusCode,
    ).toBe(404);
    await ctx.db
      .updateTable('credential_batch')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('class_id', '=', f.otherClassInHome.id)
      .execute();
    const gone = await head.get(fileUrl('pdf'));
    expect(gone.statusCode).toBe(404);
    expect(gone.json().detail).toContain('7');
    expect((await head.get(fileUrl('docx'))).json().errors[0].field).toBe('/format');
  });

  it('leaves alone an account that holds a role outside the class', async () => {
    const head = await ctx.signIn('head03-8-2');
    const sheet = await readSheet(
      (await head.post(credentialsUrl(f.otherClassInHome.id), { format: 'xlsx', scope: 'all' })).rawPayload,
    );
    const target = f.homeOtherClassStudent;
    expect(sheet.students.map((r) => r[3])).toContain(target.student_no);

    // Made peer supporter of another class: a printout of their own class would hand that reach to its printer.
    const userId = studentAccountId(target.id);
    await ctx.db
      .insertInto('role_binding')
      .values({
        id: grantedBindingId(userId, 'peer_supporter', 'class', f.homeClass.id),
        user_id: userId,
        role: 'peer_supporter',
        scope_level: 'class',
        scope_id: f.homeClass.id,
        city_id: f.home.city_id,
        district_id: f.home.district_id,
        school_id: f.home.id,
        granted_by: null,
      })
      .execute();
    const after = await readSheet(
      (await head.post(credentialsUrl(f.otherClassInHome.id), { format: 'xlsx', scope: 'all' })).rawPayload,
    );
    expect(after.students.map((r) => r[3])).not.toContain(target.student_no);
    expect(after.students).toHaveLength(sheet.students.length - 1);
    const last = await ctx.db
      .selectFrom('audit_log')
      .select('payload')
      .where('action', '=', 'account.print')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(last.payload).detail.skipped).toBe(1);
  });
});
