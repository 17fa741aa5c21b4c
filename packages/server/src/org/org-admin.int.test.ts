import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountIdOf } from '../testing/account-fixtures.js';
import { insertCase } from '../testing/case-factory.js';
import { demoFixtures, startTestApp, type Agent, type TestContext } from '../testing/harness.js';
import type { Fixtures } from '../testing/matrix.js';

// Building a city's org tree in the app (issue 14): who may, what is refused (naming the field, in the
// reader's language), what is audited, and that nothing in use disappears.
let ctx: TestContext;
let f: Fixtures;
let cityAdmin: Agent;
let districtAdmin: Agent;
let schoolAdmin: Agent;
let psych: Agent;
let cityStaff: Agent;
let cityId: string;

beforeAll(async () => {
  ctx = await startTestApp();
  f = await demoFixtures(ctx.db);
  [cityAdmin, districtAdmin, schoolAdmin, psych, cityStaff] = await Promise.all([
    ctx.signIn('admin'),
    ctx.signIn('dadmin01'),
    ctx.signIn('sadmin03'),
    ctx.signIn('psych03'),
    ctx.signIn(ctx.demo.accounts.find((a) => a.role === 'city_staff')!.username),
  ]);
  cityId = f.home.city_id;
});
afterAll(() => ctx?.close());

/** The audit rows of one act on one record, with the detail their payload carries. */
const audits = async (action: string, targetId: string) =>
  (
    await ctx.db
      .selectFrom('audit_log')
      .select(['action', 'role', 'payload', 'outcome'])
      .where('action', '=', action)
      .where('target_id', '=', targetId)
      .execute()
  ).map(({ payload, ...rest }) => ({ ...rest, detail: (JSON.parse(payload) as { detail?: unknown }).detail }));

describe('the org tree', () => {
  it('builds a district with its centre, a school of a stage, a grade and a class, each audited', async () => {
    const district = await cityAdmin.post('/api/v1/org/units', { kind: 'district', parentId: cityId, name: '高新区' });
    expect(district.statusCode).toBe(201);
    expect(district.json()).toMatchObject({
      kind: 'district',
      name: '高新区',
      parentId: cityId,
      centreName: '高新区学生心理健康指导中心',
      active: true,
      childCount: 0,
    });
    const districtId = district.json().id as string;
    const school = await cityAdmin.post('/api/v1/org/units', {
      kind: 'school',
      parentId: districtId,
      name: '高新区实验初级中学',
      stage: 'junior',
    });
    expect(school.statusCode).toBe(201);
    expect(school.json()).toMatchObject({ stage: 'junior', parentId: districtId });
    const grade = await cityAdmin.post('/api/v1/org/units', {
      kind: 'grade',
      parentId: school.json().id,
      name: '七年级',
      gradeLevel: 7,
    });
    expect(grade.statusCode).toBe(201);
    const klass = await cityAdmin.post('/api/v1/org/units', {
      kind: 'class',
      parentId: grade.json().id,
      name: '1班',
      classNo: 1,
    });
    expect(klass.statusCode).toBe(201);
    expect(klass.json()).toMatchObject({ kind: 'class', gradeLevel: 7, classNo: 1 });

    const row = await ctx.db
      .selectFrom('org_unit')
      .selectAll()
      .where('id', '=', klass.json().id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      city_id: cityId,
      district_id: districtId,
      school_id: school.json().id,
      grade_id: grade.json().id,
    });
    expect(await audits('org.unit_create', klass.json().id)).toMatchObject([
      { role: 'system_admin', outcome: 'success', detail: { kind: 'class', parentId: grade.json().id } },
    ]);
    // The new unit is in the tree the org page reads.
    const children = (await cityAdmin.get(`/api/v1/org/units?parentId=${districtId}`)).json();
    expect(children.map((c: { name: string }) => c.name)).toEqual(['高新区实验初级中学']);
  });

  it('answers a wrong parent kind, a duplicate name, a grade the stage has not and a missing stage naming the field', async () => {
    const wrongParent = await cityAdmin.post('/api/v1/org/units', { kind: 'class', parentId: f.home.id, name: '9班' });
    expect(wrongParent.statusCode).toBe(400);
    expect(wrongParent.json().errors[0]).toMatchObject({ field: '/parentId' });
    expect(wrongParent.json().errors[0].message).toContain('年级');

    cityAdmin.locale = 'en';
    const english = await cityAdmin.post('/api/v1/org/units', { kind: 'class', parentId: f.home.id, name: '9班' });
    expect(english.json().errors[0].message).toMatch(/only be created inside a grade/);
    cityAdmin.locale = 'zh-CN';

    const dup = await cityAdmin.post('/api/v1/org/units', {
      kind: 'school',
      parentId: f.home.district_id,
      name: ' 东城第一初级中学 ',
      stage: 'junior',
    });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().errors[0]).toMatchObject({ field: '/name' });
    expect(dup.json().errors[0].message).toContain('东城第一初级中学');

    const wrongGrade = await cityAdmin.post('/api/v1/org/units', {
      kind: 'grade',
      parentId: f.home.id,
      name: '一年级',
      gradeLevel: 1,
    });
    expect(wrongGrade.statusCode).toBe(400);
    expect(wrongGrade.json().errors[0]).toMatchObject({ field: '/gradeLevel' });

    const takenGrade = await cityAdmin.post('/api/v1/org/units', {
      kind: 'grade',
      parentId: f.home.id,
      name: '初二',
      gradeLevel: 8,
    });
    expect(takenGrade.json().errors[0]).toMatchObject({ field: '/gradeLevel' });

    const noStage = await cityAdmin.post('/api/v1/org/units', {
      kind: 'school',
      parentId: f.home.district_id,
      name: '无学段学校',
    });
    expect(noStage.statusCode).toBe(400);
    expect(noStage.json().errors[0]).toMatchObject({ field: '/stage' });
  });

  it('lets each administrator manage below their own unit only; nobody else manages at all', async () => {
    const homeGrade = await ctx.db
      .selectFrom('org_unit')
      .select('id')
      .where('school_id', '=', f.home.id)
      .where('kind', '=', 'grade')
      .where('grade_level', '=', 8)
      .executeTakeFirstOrThrow();
    const own = await schoolAdmin.post('/api/v1/org/units', { kind: 'class', parentId: homeGrade.id, name: '20班' });
    expect(own.statusCode).toBe(201);
    // The school's administrator cannot rename or close the school itself: that is managed from above.
    expect([403, 404]).toContain(
      (await schoolAdmin.patch(`/api/v1/org/units/${f.home.id}`, { name: '改名' })).statusCode,
    );
    expect(
      (
        await schoolAdmin.post('/api/v1/org/units', {
          kind: 'grade',
          parentId: f.other.id,
          name: '七年级',
          gradeLevel: 7,
        })
      ).statusCode,
    ).toBe(404);
    const school = await districtAdmin.post('/api/v1/org/units', {
      kind: 'school',
      parentId: f.home.district_id,
      name: '东城九年一贯制学校',
      stage: 'nine_year',
    });
    expect(school.statusCode).toBe(201);
    expect(
      (await districtAdmin.post('/api/v1/org/units', { kind: 'district', parentId: cityId, name: '新区' })).statusCode,
    ).toBe(404);
    expect(
      (await psych.post('/api/v1/org/units', { kind: 'class', parentId: homeGrade.id, name: '21班' })).statusCode,
    ).toBe(403);
    expect(
      (await cityStaff.post('/api/v1/org/units', { kind: 'district', parentId: cityId, name: '新区' })).statusCode,
    ).toBe(403);
    const refusal = await ctx.db
      .selectFrom('audit_log')
      .select('outcome')
      .where('action', '=', 'org.manage')
      .where('outcome', '=', 'denied')
      .execute();
    expect(refusal.length).toBeGreaterThan(0);
  });

  it('renames, refuses to deactivate a unit in use, deactivates an empty one and frees its name', async () => {
    const rename = await cityAdmin.patch(`/api/v1/org/units/${f.homeClass.id}`, { name: '8班（实验）' });
    expect(rename.statusCode).toBe(200);
    expect(rename.json()).toMatchObject({ name: '8班（实验）', active: true });
    expect(await audits('org.unit_update', f.homeClass.id)).toMatchObject([
      { detail: { name: { from: f.homeClass.name_zh, to: '8班（实验）' } } },
    ]);

    const inUse = await cityAdmin.patch(`/api/v1/org/units/${f.homeClass.id}`, { active: false });
    expect(inUse.statusCode).toBe(409);
    expect(inUse.json().detail).toMatch(/名在读学生/);

    const empty = await cityAdmin.post('/api/v1/org/units', {
      kind: 'class',
      parentId: f.homeClass.grade_id,
      name: '临时班',
    });
    const off = await cityAdmin.patch(`/api/v1/org/units/${empty.json().id}`, { active: false });
    expect(off.statusCode).toBe(200);
    expect(off.json().active).toBe(false);
    expect(await audits('org.unit_deactivate', empty.json().id)).toHaveLength(1);
    // Kept, not deleted; and a new class may take the name.
    expect(
      await ctx.db.selectFrom('org_unit').select('id').where('id', '=', empty.json().id).executeTakeFirst(),
    ).toBeDefined();
    const again = await cityAdmin.post('/api/v1/org/units', {
      kind: 'class',
      parentId: f.homeClass.grade_id,
      name: '临时班',
    });
    expect(again.statusCode).toBe(201);
    const clash = await cityAdmin.patch(`/api/v1/org/units/${empty.json().id}`, { active: true });
    expect(clash.statusCode).toBe(400);
    expect(clash.json().errors[0]).toMatchObject({ field: '/name' });
  });
});

describe('partner hospitals', () => {
  it('are listed, added, renamed and deactivated by the city administrator; a deactivated one takes no referral', async () => {
    const before = (await cityAdmin.get('/api/v1/org/hospitals')).json();
    expect(before.length).toBeGreaterThanOrEqual(2);
    const added = await cityAdmin.post('/api/v1/org/hospitals', { name: '济宁市精神卫生中心', nameEn: 'Jining MHC' });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({ name: '济宁市精神卫生中心', active: true });
    const dup = await cityAdmin.post('/api/v1/org/hospitals', { name: '济宁市精神卫生中心' });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().errors[0]).toMatchObject({ field: '/name' });

    const psychId = await accountIdOf(ctx.db, 'psych03');
    const caseId = await insertCase(ctx.db, f.homeStudent, psychId, 'intervening', 'org-hospital');
    const offered = async () =>
      ((await psych.get(`/api/v1/cases/${caseId}/candidates`)).json().hospitals as Array<{ id: string }>).map(
        (h) => h.id,
      );
    expect(await offered()).toContain(added.json().id);

    const off = await cityAdmin.patch(`/api/v1/org/hospitals/${added.json().id}`, { active: false });
    expect(off.statusCode).toBe(200);
    expect(off.json().active).toBe(false);
    expect(await audits('org.hospital_deactivate', added.json().id)).toHaveLength(1);
    expect(await offered()).not.toContain(added.json().id);
    const refer = await psych.post(`/api/v1/cases/${caseId}/referrals`, {
      hospitalId: added.json().id,
      reason: '需要专科评估',
      summary: '摘要',
    });
    expect(refer.statusCode).toBe(400);
    expect(refer.json().errors[0]).toMatchObject({ field: '/hospitalId' });

    // A district's administrator reads the list (to pick a school's partner hospital) but registers none.
    expect((await districtAdmin.get('/api/v1/org/hospitals')).statusCode).toBe(200);
    expect((await districtAdmin.post('/api/v1/org/hospitals', { name: '区医院' })).statusCode).toBe(403);
  });
});

describe('school years', () => {
  it('are created with checked dates and made current one at a time', async () => {
    const bad = await cityAdmin.post('/api/v1/org/school-years', {
      code: '2027-2029',
      startsOn: '2027-09-01',
      endsOn: '2028-07-10',
      term1EndsOn: '2028-01-20',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0]).toMatchObject({ field: '/code' });
    const backwards = await cityAdmin.post('/api/v1/org/school-years', {
      code: '2027-2028',
      startsOn: '2027-09-01',
      endsOn: '2027-12-10',
      term1EndsOn: '2028-01-20',
    });
    expect(backwards.json().errors[0]).toMatchObject({ field: '/endsOn' });
    const created = await cityAdmin.post('/api/v1/org/school-years', {
      code: '2027-2028',
      startsOn: '2027-09-01',
      endsOn: '2028-07-10',
      term1EndsOn: '2028-01-20',
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ code: '2027-2028', current: false });
    const taken = await cityAdmin.post('/api/v1/org/school-years', {
      code: '2027-2028',
      startsOn: '2027-09-01',
      endsOn: '2028-07-10',
      term1EndsOn: '2028-01-20',
    });
    expect(taken.json().errors[0]).toMatchObject({ field: '/code' });

    const current = await cityAdmin.patch('/api/v1/org/school-years/2027-2028', { current: true });
    expect(current.json()).toMatchObject({ current: true });
    const years = (await cityAdmin.get('/api/v1/org/school-years')).json<Array<{ code: string; current: boolean }>>();
    expect(years.filter((y) => y.current).map((y) => y.code)).toEqual(['2027-2028']);
    expect(
      (await cityAdmin.patch('/api/v1/org/school-years/2027-2028', { current: false })).json().errors[0],
    ).toMatchObject({ field: '/current' });
    expect((await schoolAdmin.patch('/api/v1/org/school-years/2026-2027', { current: true })).statusCode).toBe(403);
    expect((await cityAdmin.patch('/api/v1/org/school-years/2030-2031', { current: true })).statusCode).toBe(404);
  });
});
