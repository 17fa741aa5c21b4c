import { INSTRUMENTS, getInstrument, type InstrumentDefinition } from '@yuxin/core';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChains } from '../audit/verify.js';
import type { Agent, TestContext } from '../testing/harness.js';
import { startTestApp } from '../testing/harness.js';

let ctx: TestContext;
let admin: Agent;
let psych: Agent;
beforeAll(async () => {
  ctx = await startTestApp();
  admin = await ctx.signIn('admin');
  psych = await ctx.signIn('psych03');
});
afterAll(() => ctx?.close());

type Json = Record<string, unknown>;
interface ProblemBody {
  type: string;
  detail: string;
  errors?: Array<{ field: string; message: string }>;
}
interface Summary {
  code: string;
  version: number;
  name: { zh: string; en: string };
  itemCount: number;
  grades: { min: number; max: number } | null;
  licence: { text: string };
  translationStatus: { zh: string };
  versions: Array<{ version: number; source: string; status: string }>;
}

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
const builtin = (code: string) => clone(getInstrument(code, 1)!);

async function storedRow(code: string, version: number) {
  const r = await sql<{ definition: unknown; source: string; created_at: Date; created_by: string | null }>`
    select definition, source, created_at, created_by from instrument_version where code = ${code} and version = ${version}`.execute(
    ctx.db,
  );
  return r.rows[0];
}
async function maxVersion(code: string): Promise<number> {
  const r = await sql<{
    v: number;
  }>`select max(version)::int as v from instrument_version where code = ${code}`.execute(ctx.db);
  return r.rows[0]!.v;
}

async function edit(agent: Agent, code: string, def: unknown, locale = 'zh-CN') {
  agent.locale = locale;
  return agent.post(`/api/v1/instruments/${code}/versions`, def as Json);
}

async function refusedEdit(code: string, def: unknown, locale: string): Promise<ProblemBody> {
  const before = await maxVersion(code);
  const res = await edit(admin, code, def, locale);
  expect(res.statusCode, res.body).toBe(400);
  expect(await maxVersion(code), 'a refused edit stores nothing').toBe(before);
  return res.json<ProblemBody>();
}

describe('instrument library', () => {
  it('lists the latest version of every shipped instrument with what a chooser needs', async () => {
    const res = await psych.get('/api/v1/instruments');
    expect(res.statusCode).toBe(200);
    const items = res.json<{ items: Summary[] }>().items;
    const codes = [...new Set(INSTRUMENTS.map((d) => d.code))];
    expect(items.slice(0, codes.length).map((i) => i.code)).toEqual(codes);
    const phqa = items.find((i) => i.code === 'phqa')!;
    expect(phqa).toMatchObject({
      version: 1,
      itemCount: 9,
      grades: { min: 6, max: 12 },
      name: getInstrument('phqa')!.name,
      translationStatus: { zh: 'unverified' },
    });
    expect(phqa.licence.text).toContain('No permission required to reproduce');
    expect(phqa.versions).toMatchObject([{ version: 1, source: 'builtin', status: 'active' }]);
  });

  it('returns every shipped definition exactly as core defines it, latest or by version', async () => {
    for (const def of INSTRUMENTS) {
      const res = await psych.get(`/api/v1/instruments/${def.code}?version=${def.version}`);
      expect(res.statusCode, def.code).toBe(200);
      expect(res.json(), def.code).toEqual(clone(def));
    }
    expect((await psych.get('/api/v1/instruments/who5')).json()).toEqual(builtin('who5'));
  });

  it('answers 404 for an unknown code or version, saying which', async () => {
    psych.locale = 'zh-CN';
    const code = await psych.get('/api/v1/instruments/nosuch');
    expect(code.statusCode).toBe(404);
    expect(code.json<ProblemBody>().detail).toBe('量表“nosuch”不存在。');
    psych.locale = 'en';
    const version = await psych.get('/api/v1/instruments/gad7?version=42');
    expect(version.statusCode).toBe(404);
    expect(version.json<ProblemBody>().detail).toBe('The instrument "gad7" has no version 42.');
  });
});

describe('editing an instrument', () => {
  it('stores an edit as the next version and keeps version 1 served, scorable and unchanged', async () => {
    const v1Before = await storedRow('phq9', 1);
    const def = (await admin.get('/api/v1/instruments/phq9')).json<InstrumentDefinition>();
    def.items[0]!.text.zh = '做事时提不起劲或没有乐趣';
    def.translationStatus = { ...def.translationStatus, note: 'item 1 reworded after review' };

    const res = await edit(admin, 'phq9', def);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toEqual({ code: 'phq9', version: 2 });

    const latest = (await psych.get('/api/v1/instruments/phq9')).json<InstrumentDefinition>();
    expect(latest.version).toBe(2);
    expect(latest.items[0]!.text.zh).toBe('做事时提不起劲或没有乐趣');
    expect((await psych.get('/api/v1/instruments/phq9?version=1')).json()).toEqual(builtin('phq9'));

    const answers = [1, 1, 1, 1, 1, 0, 0, 0, 0];
    psych.locale = 'zh-CN';
    const byDefault = (await psych.post('/api/v1/scoring/phq9', { answers })).json<{
      version: number;
      total: number;
    }>();
    const byV1 = (await psych.post('/api/v1/scoring/phq9', { answers, version: 1 })).json<{
      version: number;
      total: number;
    }>();
    expect(byDefault).toMatchObject({ version: 2, total: 5 });
    expect(byV1).toMatchObject({ version: 1, total: 5 });

    expect(await storedRow('phq9', 1), 'version 1 is never rewritten').toEqual(v1Before);
    const v2 = await storedRow('phq9', 2);
    expect(v2).toMatchObject({ source: 'edited' });
    expect(v2!.created_by).not.toBeNull();

    const list = (await psych.get('/api/v1/instruments')).json<{ items: Summary[] }>().items;
    expect(list.find((i) => i.code === 'phq9')).toMatchObject({
      version: 2,
      versions: [
        { version: 1, source: 'builtin' },
        { version: 2, source: 'edited' },
      ],
    });
  });

  it('numbers versions itself, whatever version the edit carries, and audits each in the same transaction', async () => {
    const before = await maxVersion('gad2');
    const res = await edit(admin, 'gad2', { ...builtin('gad2'), version: 7 });
    expect(res.json()).toEqual({ code: 'gad2', version: before + 1 });
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select(['username', 'target_id', 'payload'])
      .where('action', '=', 'instrument.manage')
      .where('target_id', '=', 'gad2')
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.payload).detail).toEqual({ instrument: 'gad2', version: before + 1, source: 'edited' });
    expect((await verifyAuditChains(ctx.db)).problems).toEqual([]);
  });

  it('gives concurrent edits distinct versions', async () => {
    const before = await maxVersion('who5');
    const results = await Promise.all([1, 2, 3].map(() => edit(admin, 'who5', builtin('who5'))));
    expect(results.map((r) => r.statusCode)).toEqual([201, 201, 201]);
    const versions = results.map((r) => r.json<{ version: number }>().version).sort();
    expect(versions).toEqual([before + 1, before + 2, before + 3]);
  });

  it('refuses a scoring kind no scorer implements, naming the field in both languages', async () => {
    const def = { ...builtin('phqa'), scoring: { ...builtin('phqa').scoring, kind: 'weighted_sum' } };
    const zh = await refusedEdit('phqa', def, 'zh-CN');
    expect(zh.errors).toEqual([{ field: '/scoring/kind', message: '“类型”必须是以下之一：sum, who5, psc17, asq。' }]);
    const en = await refusedEdit('phqa', def, 'en');
    expect(en.errors).toEqual([{ field: '/scoring/kind', message: '"kind" must be one of: sum, who5, psc17, asq.' }]);
  });

  it('checks the fields of the named scoring kind', async () => {
    // A PHQ rule turned into an ASQ rule without the ASQ fields.
    const asqShaped = { ...builtin('phqa'), scoring: { ...builtin('phqa').scoring, kind: 'asq' } };
    const res = await refusedEdit('phqa', asqShaped, 'en');
    const fields = res.errors!.map((e) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining(['/scoring/screenItems', '/scoring/acuityItem', '/scoring/yesCode', '/scoring/direction']),
    );

    const noMax = clone(builtin('phq9')) as unknown as { scoring: { missing: Json } };
    noMax.scoring.missing = { treatment: 'prorate' };
    const missing = await refusedEdit('phq9', noMax, 'zh-CN');
    expect(missing.errors).toEqual([
      {
        field: '/scoring/missing/maxMissing',
        message: '缺答处理方式为“prorate”时必须给出 maxMissing（最多允许未答的题数）。',
      },
    ]);
  });

  it("runs core's consistency check and names the path of each problem", async () => {
    const gap = builtin('phq9');
    if (gap.scoring.kind !== 'sum') throw new Error('PHQ-9 is a sum scale');
    gap.scoring.bands[1]!.min = 6;
    const zh = await refusedEdit('phq9', gap, 'zh-CN');
    expect(zh.errors).toEqual([
      {
        field: '/scoring/bands/1/min',
        message: '分级“mild”从 6 开始，应从 5 开始：分级必须连续、不重叠地覆盖所有可能的分数。',
      },
    ]);

    const badRule = builtin('phqa');
    if (badRule.scoring.kind !== 'sum') throw new Error('PHQ-A is a sum scale');
    badRule.scoring.critical[0]!.item = 12;
    const en = await refusedEdit('phqa', badRule, 'en');
    expect(en.errors).toEqual([
      {
        field: '/scoring/critical/0/item',
        message: 'The critical rule phqa_item9 names item 12, which does not exist.',
      },
    ]);

    const renumbered = builtin('gad7');
    renumbered.items[3]!.number = 9;
    renumbered.items[5]!.linkId = renumbered.items[4]!.linkId;
    const both = await refusedEdit('gad7', renumbered, 'en');
    expect(both.errors).toEqual([
      { field: '/items/3/number', message: 'Item gad7_4 has number 9; by its position it should be 4.' },
      { field: '/items/5/linkId', message: 'Item gad7_6: the linkId "gad7_5" is used twice.' },
    ]);
  });

  it('refuses unknown fields, a missing field, and an edit of another code', async () => {
    const typo = { ...builtin('gad7'), itemz: [] };
    expect((await refusedEdit('gad7', typo, 'en')).errors).toEqual([
      { field: '/itemz', message: 'Unknown field "itemz".' },
    ]);

    const { licence: _dropped, ...noLicence } = builtin('gad7');
    expect((await refusedEdit('gad7', noLicence, 'zh-CN')).errors).toEqual([
      { field: '/licence', message: '“licence”为必填项。' },
    ]);

    const other = await refusedEdit('gad7', builtin('phq2'), 'zh-CN');
    expect(other.errors).toEqual([{ field: '/code', message: '定义中的代码“phq2”与要修改的量表“gad7”不一致。' }]);

    const missing = await edit(admin, 'nosuch', { ...builtin('gad7'), code: 'nosuch' });
    expect(missing.statusCode).toBe(404);
  });

  it('lets only a city-level binding create versions', async () => {
    const before = await maxVersion('phq2');
    for (const username of ['dadmin01', 'sadmin03']) {
      const agent = await ctx.signIn(username);
      const res = await edit(agent, 'phq2', builtin('phq2'));
      expect(res.statusCode, username).toBe(403);
      // Refused before the body is looked at: a broken body gets the same answer.
      expect((await edit(agent, 'phq2', { nonsense: true })).statusCode, username).toBe(403);
    }
    expect((await edit(psych, 'phq2', builtin('phq2'))).statusCode).toBe(403);
    expect(await maxVersion('phq2')).toBe(before);
  });
});
