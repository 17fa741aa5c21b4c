import { chinaDateOf } from '@yuxin/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChains } from '../../audit/verify.js';
import { demoCampaignId, DEMO_CAMPAIGN_NAME } from '../../seed/demo-screening.js';
import { demoFixtures, startTestApp, type Agent, type TestContext } from '../../testing/harness.js';
import type { Fixtures } from '../../testing/matrix.js';
import { latestInstrumentVersion } from '../instrument-store.js';

let ctx: TestContext;
let f: Fixtures;
let psych: Agent;
beforeAll(async () => {
  ctx = await startTestApp();
  f = await demoFixtures(ctx.db);
  psych = await ctx.signIn('psych03');
});
afterAll(() => ctx?.close());

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();
const classOf = (grade: number, no = 1) =>
  ctx.db
    .selectFrom('org_unit')
    .selectAll()
    .where('school_id', '=', f.home.id)
    .where('kind', '=', 'class')
    .where('grade_level', '=', grade)
    .where('class_no', '=', no)
    .executeTakeFirstOrThrow();
const campaignCount = async () =>
  (await ctx.db.selectFrom('campaign').select(ctx.db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;

/** The China-calendar rule the server applies: younger than `age` on the opening day, or age unknown. */
function expectedConsent(birthDate: string | null, openingDay: string, age = 14): 'pending' | 'not_required' {
  if (!birthDate) return 'pending';
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  const turns = `${y + age}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return turns > openingDay ? 'pending' : 'not_required';
}

describe('the demo campaign', () => {
  it('is open, covers every school with the default sets, has pending consents and no responses', async () => {
    const res = await psych.get(`/api/v1/campaigns/${demoCampaignId(f.home.city_id)}`);
    expect(res.statusCode).toBe(200);
    const c = res.json();
    expect(c).toMatchObject({
      name: DEMO_CAMPAIGN_NAME,
      kind: 'universal',
      status: 'open',
      schoolYear: '2026-2027',
      canManage: false,
    });
    expect(
      c.instrumentSets.map(
        (s: { gradeFrom: number; gradeTo: number; respondent: string; instruments: Array<{ code: string }> }) => [
          s.gradeFrom,
          s.gradeTo,
          s.respondent,
          s.instruments.map((i) => i.code),
        ],
      ),
    ).toEqual([
      [1, 4, 'guardian', ['psc17']],
      [5, 12, 'self', ['phqa', 'gad7', 'asq']],
    ]);
    const students = await ctx.db
      .selectFrom('student')
      .select(ctx.db.fn.countAll<number>().as('n'))
      .where('status', '=', 'active')
      .executeTakeFirstOrThrow();
    expect(c.assignmentCount).toBe(students.n);
    const pending = await ctx.db
      .selectFrom('screening_assignment')
      .select('id')
      .where('campaign_id', '=', c.id)
      .where('consent_status', '=', 'pending')
      .execute();
    expect(pending.length).toBeGreaterThan(0);
    expect(await ctx.db.selectFrom('screening_response').select('id').execute()).toEqual([]);

    const demoStudentNo = ctx.demo.accounts.find((a) => a.role === 'student')!.username;
    const mine = await ctx.db
      .selectFrom('screening_assignment as a')
      .innerJoin('student as s', 's.id', 'a.student_id')
      .select(['a.instruments', 'a.consent_status', 'a.status', 'a.respondent'])
      .where('a.campaign_id', '=', c.id)
      .where('s.student_no', '=', demoStudentNo)
      .execute();
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ consent_status: 'granted', status: 'pending', respondent: 'self' });
    expect(mine[0]!.instruments.map((i) => i.code)).toEqual(['phqa', 'gad7', 'asq']);
  });
});

describe('creating and publishing', () => {
  it('materialises one assignment per student and respondent by grade band, with consent by age on the opening day', async () => {
    const [c7, c8, c9] = [await classOf(7), f.homeClass, await classOf(9)];
    const opensAt = Date.now() + DAY;
    const openingDay = chinaDateOf(new Date(opensAt));
    // Three birthdays around the line: exactly 14 on the opening day, one day short of it, unknown.
    const [turns14, almost14, unknown] = await ctx.db
      .selectFrom('student')
      .select('id')
      .where('class_id', '=', c8.id)
      .orderBy('student_no', 'desc')
      .limit(3)
      .execute();
    const [y, m, d] = openingDay.split('-').map(Number) as [number, number, number];
    const dayBefore = new Date(Date.UTC(y - 14, m - 1, d + 1)).toISOString().slice(0, 10);
    await ctx.db
      .updateTable('student')
      .set({ birth_date: `${y - 14}-${openingDay.slice(5)}` })
      .where('id', '=', turns14!.id)
      .execute();
    await ctx.db.updateTable('student').set({ birth_date: dayBefore }).where('id', '=', almost14!.id).execute();
    await ctx.db.updateTable('student').set({ birth_date: null }).where('id', '=', unknown!.id).execute();

    const created = await psych.post('/api/v1/campaigns', {
      ownerId: f.home.id,
      kind: 'targeted',
      name: '  七至九年级分类测  ',
      opensAt: iso(opensAt),
      closesAt: iso(opensAt + 10 * DAY),
      targetIds: [c7.id, c8.id, c9.id],
      instrumentSets: [
        { gradeFrom: 7, gradeTo: 7, respondent: 'self', instruments: ['phqa'] },
        { gradeFrom: 8, gradeTo: 9, respondent: 'self', instruments: ['gad7', 'asq'] },
        { gradeFrom: 9, gradeTo: 9, respondent: 'guardian', instruments: ['psc17'] },
      ],
    });
    expect(created.statusCode).toBe(201);
    const campaign = created.json();
    expect(campaign).toMatchObject({
      name: '七至九年级分类测',
      status: 'draft',
      canManage: true,
      owner: { id: f.home.id },
      term: 1,
      assignmentCount: 0,
    });
    expect(campaign.noticeZh.length).toBeGreaterThan(20);
    expect(campaign.instrumentSets[0].instruments[0].version).toBe(
      (await latestInstrumentVersion(ctx.db, 'phqa'))!.version,
    );

    const published = await psych.post(`/api/v1/campaigns/${campaign.id}/publish`);
    expect(published.statusCode).toBe(200);
    expect(published.json().campaign.status).toBe('scheduled');

    const rows = await ctx.db
      .selectFrom('screening_assignment as a')
      .innerJoin('student as s', 's.id', 'a.student_id')
      .select(['a.class_id', 'a.respondent', 'a.instruments', 'a.consent_status', 's.id', 's.birth_date'])
      .where('a.campaign_id', '=', campaign.id)
      .execute();
    const students = await ctx.db
      .selectFrom('student')
      .select(['id', 'class_id'])
      .where('class_id', 'in', [c7.id, c8.id, c9.id])
      .where('status', '=', 'active')
      .execute();
    const size = (id: string) => students.filter((s) => s.class_id === id).length;
    const codes = (classId: string, respondent: string) => [
      ...new Set(
        rows
          .filter((r) => r.class_id === classId && r.respondent === respondent)
          .map((r) => r.instruments.map((i) => i.code).join('+')),
      ),
    ];
    expect(published.json()).toMatchObject({
      created: size(c7.id) + size(c8.id) + 2 * size(c9.id),
      total: rows.length,
    });
    expect(rows.filter((r) => r.class_id === c7.id)).toHaveLength(size(c7.id));
    expect(codes(c7.id, 'self')).toEqual(['phqa']);
    expect(codes(c8.id, 'self')).toEqual(['gad7+asq']);
    expect(codes(c8.id, 'guardian')).toEqual([]);
    expect(codes(c9.id, 'self')).toEqual(['gad7+asq']);
    expect(codes(c9.id, 'guardian')).toEqual(['psc17']);
    for (const r of rows) expect(r.consent_status, `${r.birth_date}`).toBe(expectedConsent(r.birth_date, openingDay));
    const byId = new Map(rows.map((r) => [r.id, r.consent_status]));
    expect([byId.get(turns14!.id), byId.get(almost14!.id), byId.get(unknown!.id)]).toEqual([
      'not_required',
      'pending',
      'pending',
    ]);

    // Publishing again adds only students who joined since.
    expect((await psych.post(`/api/v1/campaigns/${campaign.id}/publish`)).json()).toMatchObject({
      created: 0,
      total: rows.length,
    });
    await ctx.db
      .insertInto('student')
      .values({
        city_id: c8.city_id,
        district_id: c8.district_id!,
        school_id: c8.school_id!,
        grade_id: c8.grade_id!,
        class_id: c8.id,
        student_no: 'GNEW0001',
        name: '新同学',
        gender: 'female',
        birth_date: '2012-01-01',
        updated_at: new Date(),
      })
      .execute();
    expect((await psych.post(`/api/v1/campaigns/${campaign.id}/publish`)).json()).toMatchObject({
      created: 1,
      total: rows.length + 1,
    });
  });

  it('keeps a school psychology teacher inside their school: another school answers 404 and nothing is created', async () => {
    const before = await campaignCount();
    const body = { ownerId: f.home.id, kind: 'targeted', name: '越界', opensAt: iso(Date.now() + DAY) };
    expect((await psych.post('/api/v1/campaigns', { ...body, targetIds: [f.otherClass.id] })).statusCode).toBe(404);
    expect((await psych.post('/api/v1/campaigns', { ...body, ownerId: f.other.id })).statusCode).toBe(404);
    expect(
      (await psych.post('/api/v1/campaigns', { ...body, kind: 'monitoring', studentIds: [f.otherStudent.id] }))
        .statusCode,
    ).toBe(404);
    const head = await ctx.signIn('head03-8-1');
    expect((await head.post('/api/v1/campaigns', { ...body, targetIds: [f.homeClass.id] })).statusCode).toBe(403);
    // City staff may see both schools, but a target must lie under the campaign's owner.
    const city = await ctx.signIn('citycenter');
    const res = await city.post('/api/v1/campaigns', { ...body, targetIds: [f.homeClass.id, f.otherClass.id] });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual(['/targetIds/1']);
    expect(await campaignCount()).toBe(before);
  });

  it("refuses bad windows, overlapping bands, unknown or mismatched instruments and disabled kinds, in the caller's language", async () => {
    psych.locale = 'en';
    try {
      const base = { ownerId: f.home.id, kind: 'targeted', name: 'x', opensAt: iso(Date.now() + DAY) };
      const fields = async (body: Record<string, unknown>) => {
        const res = await psych.post('/api/v1/campaigns', { ...base, ...body });
        expect(res.statusCode, res.body).toBe(400);
        return (res.json().errors as Array<{ field: string; message: string }>).map((e) => [e.field, e.message]);
      };
      expect(await fields({ closesAt: iso(Date.now()) })).toEqual([
        ['/closesAt', 'The closing time must be after the opening time.'],
      ]);
      expect(await fields({ opensAt: iso(Date.now() - 10 * DAY), closesAt: iso(Date.now() - DAY) })).toEqual([
        ['/closesAt', 'The closing time is already in the past.'],
      ]);
      expect(
        await fields({
          instrumentSets: [
            { gradeFrom: 5, gradeTo: 9, respondent: 'self', instruments: ['phqa', 'nope'] },
            { gradeFrom: 9, gradeTo: 12, respondent: 'self', instruments: ['psc17'] },
            { gradeFrom: 4, gradeTo: 3, respondent: 'guardian', instruments: ['psc17'] },
          ],
        }),
      ).toEqual([
        ['/instrumentSets/0/instruments/1', 'The instrument "nope" does not exist or is retired.'],
        ['/instrumentSets/1/gradeFrom', 'The grade bands 5–9 and 9–12 answered by the student overlap.'],
        [
          '/instrumentSets/1/instruments/0',
          'The instrument "psc17" is answered by the guardian; it cannot be in a band answered by the student.',
        ],
        ['/instrumentSets/2/gradeTo', 'The first grade of a band cannot be above its last grade.'],
      ]);
      // Jinan (the default preset) runs universal, targeted and monitoring rounds, not intake.
      expect(await fields({ kind: 'intake' })).toEqual([
        ['/kind', "The city's screening settings do not enable intake screening campaigns."],
      ]);
      expect(await fields({ kind: 'monitoring' })).toEqual([
        ['/studentIds', 'A monitoring campaign needs at least one student.'],
      ]);
      expect(await fields({ studentIds: [f.homeStudent.id] })).toEqual([
        ['/studentIds', 'Only monitoring campaigns name individual students.'],
      ]);
    } finally {
      psych.locale = 'zh-CN';
    }
  });

  it('runs a monitoring round for named students of the school', async () => {
    const res = await psych.post('/api/v1/campaigns', {
      ownerId: f.home.id,
      kind: 'monitoring',
      name: '重点关注学生跟踪',
      opensAt: iso(Date.now() - 60_000),
      studentIds: [f.homeStudent.id, f.homeOtherClassStudent.id],
    });
    expect(res.statusCode, res.body).toBe(201);
    const c = res.json();
    expect(c.targets).toEqual([]);
    expect(c.students.map((s: { id: string; name: string | null }) => [s.id, s.name]).sort()).toEqual(
      [
        [f.homeStudent.id, f.homeStudent.name],
        [f.homeOtherClassStudent.id, f.homeOtherClassStudent.name],
      ].sort(),
    );
    expect((await psych.post(`/api/v1/campaigns/${c.id}/publish`)).json()).toMatchObject({ created: 2, total: 2 });
    // The head teacher of 八年级1班 sees the published round (one of its students is in it) but not the other name.
    const head = await ctx.signIn('head03-8-1');
    const seen = (await head.get(`/api/v1/campaigns/${c.id}`)).json();
    expect(seen.students.find((s: { id: string }) => s.id === f.homeOtherClassStudent.id).name).toBeNull();
    expect(seen.students.find((s: { id: string }) => s.id === f.homeStudent.id).name).toBe(f.homeStudent.name);
    // Names are person data: the read that showed them is audited.
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select(['username', 'payload'])
      .where('target_id', '=', c.id)
      .where('action', '=', 'campaign.read')
      .execute();
    expect(audit.map((a) => a.username)).toEqual(['head03-8-1']);
    expect(JSON.parse(audit[0]!.payload).detail).toEqual({ students: [f.homeStudent.id] });
  });

  it('changes only drafts, and a cancelled campaign stays cancelled', async () => {
    const c = (
      await psych.post('/api/v1/campaigns', {
        ownerId: f.home.id,
        kind: 'universal',
        name: '草稿',
        opensAt: iso(Date.now() + DAY),
      })
    ).json();
    expect(c.targets.map((t: { id: string }) => t.id)).toEqual([f.home.id]);
    const patched = await psych.patch(`/api/v1/campaigns/${c.id}`, {
      name: '改名',
      closesAt: iso(Date.now() + 5 * DAY),
      targetIds: [f.homeClass.id],
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({ name: '改名', targets: [{ id: f.homeClass.id }] });
    expect(patched.json().instrumentSets).toEqual(c.instrumentSets);
    expect((await psych.post(`/api/v1/campaigns/${c.id}/publish`)).statusCode).toBe(200);
    const late = await psych.patch(`/api/v1/campaigns/${c.id}`, { name: '再改' });
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ type: 'urn:yuxin:problem:conflict', code: 'campaign.not-draft' });
    expect((await psych.post(`/api/v1/campaigns/${c.id}/cancel`)).json().status).toBe('cancelled');
    expect((await psych.post(`/api/v1/campaigns/${c.id}/cancel`)).statusCode).toBe(200);
    expect((await psych.post(`/api/v1/campaigns/${c.id}/publish`)).json().code).toBe('campaign.cancelled');
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_id', '=', c.id)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'campaign.create',
      'campaign.update',
      'campaign.publish',
      'campaign.cancel',
    ]);
  });
});

describe('who sees which campaign', () => {
  it("shows city campaigns to the schools they cover, drafts to the owner's side only", async () => {
    const draft = (
      await psych.post('/api/v1/campaigns', {
        ownerId: f.home.id,
        kind: 'universal',
        name: '只给本校看',
        opensAt: iso(Date.now() + DAY),
      })
    ).json();
    const ids = async (username: string, query = '') => {
      const res = await (await ctx.signIn(username)).get(`/api/v1/campaigns?pageSize=200${query}`);
      expect(res.statusCode).toBe(200);
      return (res.json().items as Array<{ id: string }>).map((c) => c.id);
    };
    const city = demoCampaignId(f.home.city_id);
    for (const who of ['psych07', 'head03-8-1', 'psych03', 'district01', 'citycenter', 'supervisor'])
      expect(await ids(who), who).toContain(city);
    expect(await ids('psych07')).not.toContain(draft.id);
    expect(await ids('head03-8-1')).not.toContain(draft.id);
    expect(await ids('district02')).not.toContain(draft.id);
    for (const who of ['psych03', 'district01', 'citycenter']) expect(await ids(who), who).toContain(draft.id);
    expect(await ids('psych03', '&status=draft')).toContain(draft.id);
    expect(await ids('psych03', '&status=open')).not.toContain(draft.id);
    expect((await (await ctx.signIn('psych07')).get(`/api/v1/campaigns/${draft.id}`)).statusCode).toBe(404);
  });
});

describe('audit chain', () => {
  it('verifies after all of the above', async () => {
    expect((await verifyAuditChains(ctx.db)).problems).toEqual([]);
  });
});
