import { chinaDateOf } from '@yuxin/core';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChains } from '../../audit/verify.js';
import { demoFixtures, startTestApp, type Agent, type TestContext } from '../../testing/harness.js';
import type { Fixtures } from '../../testing/matrix.js';
import { SCREENING_PRESETS } from '../settings.js';

let ctx: TestContext;
let f: Fixtures;
let city: Agent;
beforeAll(async () => {
  ctx = await startTestApp();
  f = await demoFixtures(ctx.db);
  city = await ctx.signIn('citycenter');
});
afterAll(() => ctx?.close());

const DAY = 86_400_000;
const jinan = () =>
  JSON.parse(JSON.stringify(SCREENING_PRESETS.jinan)) as Record<string, unknown> & typeof SCREENING_PRESETS.jinan;

describe('screening settings', () => {
  it('start as the Jinan preset and are read by every campaign reader', async () => {
    const res = await (await ctx.signIn('head03-8-1')).get('/api/v1/settings/screening');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(jinan());
  });

  it('are changed by city-level staff only', async () => {
    for (const who of ['district01', 'psych03', 'leader03']) {
      expect((await (await ctx.signIn(who)).put('/api/v1/settings/screening', jinan())).statusCode, who).toBe(403);
      expect(
        (await (await ctx.signIn(who)).post('/api/v1/settings/screening/preset', { preset: 'jining' })).statusCode,
        who,
      ).toBe(403);
    }
    expect((await (await ctx.signIn('supervisor')).put('/api/v1/settings/screening', jinan())).statusCode).toBe(403);
  });

  it('refuse unknown instruments, bad bands, undiallable hotlines and a consent age below the law, field by field', async () => {
    city.locale = 'en';
    try {
      const bad = jinan();
      bad.defaultInstrumentSets = [
        { gradeFrom: 1, gradeTo: 6, respondent: 'guardian', instruments: ['psc17'] },
        { gradeFrom: 5, gradeTo: 12, respondent: 'self', instruments: ['phqa', 'bdi'] },
        { gradeFrom: 4, gradeTo: 4, respondent: 'guardian', instruments: ['psc17'] },
      ];
      bad.consentRequiredUnderAge = 12;
      bad.hotline = [{ nameZh: '热线', nameEn: 'Line', number: '12a56' }];
      bad.tierRules = { ...bad.tierRules, rules: [{ tier: 2, when: [{ instrument: 'bdi', totalAtLeast: 10 }] }] };
      const res = await city.put('/api/v1/settings/screening', bad);
      expect(res.statusCode).toBe(400);
      expect((res.json().errors as Array<{ field: string }>).map((e) => e.field)).toEqual([
        '/defaultInstrumentSets/1/instruments/1',
        '/defaultInstrumentSets/2/gradeFrom',
        '/consentRequiredUnderAge',
        '/hotline/0/number',
        '/tierRules/rules/0/when/0/instrument',
      ]);
      expect(res.json().errors[2].message).toContain('PIPL');
      const schema = await city.put('/api/v1/settings/screening', {
        ...jinan(),
        defaultInstrumentSets: [{ gradeFrom: 0, gradeTo: 13, respondent: 'self', instruments: ['phqa'] }],
      });
      expect(schema.statusCode).toBe(400);
      expect((await city.get('/api/v1/settings/screening')).json()).toEqual(jinan());
    } finally {
      city.locale = 'zh-CN';
    }
  });

  it('store a custom whole, and presets replace it, audited', async () => {
    const custom = {
      ...jinan(),
      defaultWindowDays: 21,
      hotline: [{ nameZh: '市心理援助热线', nameEn: 'City hotline', number: '0531-86336666' }],
    };
    const put = await city.put('/api/v1/settings/screening', custom);
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toEqual({ ...custom, preset: 'custom' });
    const preset = await city.post('/api/v1/settings/screening/preset', { preset: 'changzhou' });
    expect(preset.json()).toEqual(JSON.parse(JSON.stringify(SCREENING_PRESETS.changzhou)));
    // The city's own 24-hour line is listed first, before the national ones.
    expect(preset.json().hotline.map((h: { number: string }) => h.number)).toEqual(['96111', '12356', '12355']);
    const changchun = await city.post('/api/v1/settings/screening/preset', { preset: 'changchun' });
    expect(changchun.json()).toMatchObject({ preset: 'changchun', frequency: 'school_year' });
    expect(changchun.json().hotline.map((h: { number: string }) => h.number)).toEqual(['12356', '12355']);
    expect((await city.post('/api/v1/settings/screening/preset', { preset: 'changzhou' })).statusCode).toBe(200);
    // Changzhou runs intake rounds, which Jinan's settings refused.
    const intake = await (
      await ctx.signIn('psych03')
    ).post('/api/v1/campaigns', {
      ownerId: f.home.id,
      kind: 'intake',
      name: '入学普测',
      opensAt: new Date(Date.now() + DAY).toISOString(),
    });
    expect(intake.statusCode, intake.body).toBe(201);
    expect(new Date(intake.json().closesAt).getTime() - new Date(intake.json().opensAt).getTime()).toBe(
      SCREENING_PRESETS.changzhou.defaultWindowDays * DAY,
    );
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select(['username', 'payload'])
      .where('action', '=', 'settings.screening.update')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => [a.username, JSON.parse(a.payload).detail.preset])).toEqual([
      ['citycenter', 'custom'],
      ['citycenter', 'changzhou'],
      ['citycenter', 'changchun'],
      ['citycenter', 'changzhou'],
    ]);
  });
});

describe('who is due', () => {
  // The city's calendar is moved around today, so the test means the same whatever day it runs:
  // the year began 60 days ago and its first term ended 10 days ago.
  const today = Date.now();
  const day = (offset: number) => chinaDateOf(new Date(today + offset * DAY));
  let screenedInTerm1: string; // answered 30 days ago: this school year, last term
  let screenedInTerm2: string; // answered 5 days ago: this term
  let screenedLastYear: string; // answered 100 days ago: before this school year

  beforeAll(async () => {
    await ctx.db
      .updateTable('school_year')
      .set({ starts_on: day(-60), term1_ends_on: day(-10), ends_on: day(200), is_current: true })
      .where('city_id', '=', f.home.city_id)
      .execute();
    const students = await ctx.db
      .selectFrom('student')
      .selectAll()
      .where('class_id', '=', f.homeClass.id)
      .orderBy('student_no')
      .limit(3)
      .execute();
    [screenedInTerm1, screenedInTerm2, screenedLastYear] = students.map((s) => s.id) as [string, string, string];
    const at = [today - 30 * DAY, today - 5 * DAY, today - 100 * DAY];
    await ctx.db
      .insertInto('screening_response')
      .values(
        students.map((s, i) => ({
          submission_id: randomUUID(),
          student_id: s.id,
          city_id: s.city_id,
          district_id: s.district_id,
          school_id: s.school_id,
          grade_id: s.grade_id,
          class_id: s.class_id,
          instrument_code: 'phqa',
          instrument_version: 1,
          respondent: 'self' as const,
          answers: JSON.stringify([0, 0, 0, 0, 0, 0, 0, 0, 0]),
          valid: true,
          submitted_at: new Date(at[i]!),
        })),
      )
      .execute();
  });

  const classSize = () =>
    ctx.db
      .selectFrom('student')
      .select('id')
      .where('class_id', '=', f.homeClass.id)
      .where('status', '=', 'active')
      .execute()
      .then((r) => r.length);

  it('per school year (Jinan): a response anywhere in this school year counts', async () => {
    await city.post('/api/v1/settings/screening/preset', { preset: 'jinan' });
    const res = await (
      await ctx.signIn('head03-8-1')
    ).get(`/api/v1/screening/due?unitId=${f.homeClass.id}&pageSize=200`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ frequency: 'school_year', period: { from: day(-60), to: day(200), term: null } });
    expect(body.rows).toEqual([
      expect.objectContaining({ unitId: f.homeClass.id, students: await classSize(), due: (await classSize()) - 2 }),
    ]);
    const due = (body.students.items as Array<{ id: string; lastScreenedAt: string | null }>).map((s) => s.id);
    expect(due).toHaveLength(body.total.due);
    expect(due).toContain(screenedLastYear);
    expect(due).not.toContain(screenedInTerm1);
    expect(body.students.items.find((s: { id: string }) => s.id === screenedLastYear).lastScreenedAt).not.toBeNull();
  });

  it('per term (Jining): only this term counts', async () => {
    await city.post('/api/v1/settings/screening/preset', { preset: 'jining' });
    const body = (
      await (await ctx.signIn('psych03')).get(`/api/v1/screening/due?unitId=${f.homeClass.id}&pageSize=200`)
    ).json();
    expect(body).toMatchObject({ frequency: 'term', period: { term: 2, from: day(-9), to: day(200) } });
    expect(body.total).toEqual({ students: await classSize(), due: (await classSize()) - 1 });
    const due = (body.students.items as Array<{ id: string }>).map((s) => s.id);
    expect(due).toContain(screenedInTerm1);
    expect(due).not.toContain(screenedInTerm2);
  });

  it('counts per grade for a school, names nothing for district staff, and skips grades the city does not screen', async () => {
    await city.put('/api/v1/settings/screening', {
      ...jinan(),
      defaultInstrumentSets: [{ gradeFrom: 8, gradeTo: 9, respondent: 'self', instruments: ['phqa'] }],
    });
    const res = await (await ctx.signIn('district01')).get(`/api/v1/screening/due?unitId=${f.home.id}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.students).toBeNull();
    expect(body.rows.map((r: { name: string }) => r.name)).toEqual(['八年级', '九年级']);
    const grade8 = body.rows.find((r: { unitId: string }) => r.unitId === f.homeClass.grade_id);
    const gradeSize = (
      await ctx.db.selectFrom('student').select('id').where('grade_id', '=', f.homeClass.grade_id!).execute()
    ).length;
    expect(grade8).toMatchObject({ students: gradeSize, due: gradeSize - 2 });
    const names = await ctx.db.selectFrom('student').select('name').where('class_id', '=', f.homeClass.id).execute();
    for (const { name } of names) expect(res.body).not.toContain(name);
    expect((await (await ctx.signIn('psych07')).get(`/api/v1/screening/due?unitId=${f.home.id}`)).statusCode).toBe(404);
    await city.post('/api/v1/settings/screening/preset', { preset: 'jinan' });
  });
});

describe('audit chain', () => {
  it('verifies after all of the above', async () => {
    expect((await verifyAuditChains(ctx.db)).problems).toEqual([]);
  });
});
