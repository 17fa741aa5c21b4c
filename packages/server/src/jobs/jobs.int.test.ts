import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipartFile } from '../roster/multipart-body.js';
import { demoFixtures, startTestApp, type Agent, type TestContext } from '../testing/harness.js';
import type { Fixtures } from '../testing/matrix.js';
import { buildApp } from '../app.js';
import { createJob, failInterruptedJobs, STALE_AFTER_MS } from './jobs.js';
import { jobRunnerFor } from './runner.js';

let ctx: TestContext;
let f: Fixtures;
beforeAll(async () => {
  ctx = await startTestApp();
  f = await demoFixtures(ctx.db);
});
afterAll(() => ctx?.close());

async function userId(username: string) {
  return (
    await ctx.db.selectFrom('user_account').select('id').where('username', '=', username).executeTakeFirstOrThrow()
  ).id;
}

async function startImport(agent: Agent, schoolId: string, content = '学籍号,姓名,性别,年级,班级\r\n') {
  const { payload, headers } = multipartFile('roster.csv', content, 'text/csv');
  const res = await ctx.app.inject({
    method: 'POST',
    url: `/api/v1/roster/imports?schoolId=${schoolId}`,
    payload,
    headers: { ...headers, cookie: agent.cookie!, 'x-csrf-token': agent.csrf! },
  });
  expect(res.statusCode).toBe(202);
  return res.json<{ jobId: string }>().jobId;
}

async function settle(agent: Agent, jobId: string) {
  for (;;) {
    const job = (await agent.get(`/api/v1/jobs/${jobId}`)).json<{ status: string }>();
    if (job.status === 'failed' || job.status === 'succeeded') return job;
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('job access', () => {
  it('lets the creator and importers over the school read a job, and nobody else', async () => {
    const schoolAdmin = await ctx.signIn('sadmin03');
    const jobId = await startImport(schoolAdmin, f.home.id);
    expect(await settle(schoolAdmin, jobId)).toMatchObject({ status: 'failed' });

    for (const [username, status] of [
      ['sadmin03', 200], // creator
      ['dadmin01', 200], // roster.import over the district
      ['admin', 200], // and over the city
      ['psych03', 404], // same school, but not an importer: the report repeats roster data
      ['leader03', 404],
      ['psych07', 404],
    ] as const) {
      const agent = await ctx.signIn(username);
      expect((await agent.get(`/api/v1/jobs/${jobId}`)).statusCode, username).toBe(status);
    }
    expect((await ctx.anonymous().get(`/api/v1/jobs/${jobId}`)).statusCode).toBe(401);
  });

  it('keeps another district’s job from a district administrator', async () => {
    const cityAdmin = await ctx.signIn('admin');
    const jobId = await startImport(cityAdmin, f.other.id);
    await settle(cityAdmin, jobId);
    const districtAdmin = await ctx.signIn('dadmin01');
    const res = await districtAdmin.get(`/api/v1/jobs/${jobId}`);
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('keeps a job of a kind without an action to its creator alone', async () => {
    const jobId = await createJob(ctx.db, {
      kind: 'export_test',
      createdBy: await userId('psych03'),
      cityId: f.home.city_id,
      districtId: f.home.district_id,
      schoolId: f.home.id,
      owner: jobRunnerFor(ctx.appDb).owner,
    });
    expect((await (await ctx.signIn('psych03')).get(`/api/v1/jobs/${jobId}`)).statusCode).toBe(200);
    expect((await (await ctx.signIn('admin')).get(`/api/v1/jobs/${jobId}`)).statusCode).toBe(404);
  });
});

describe('interrupted jobs', () => {
  it('reports a job abandoned by a dead process as failed, in the reader’s language', async () => {
    const jobId = await createJob(ctx.db, {
      kind: 'roster_import',
      createdBy: await userId('sadmin03'),
      cityId: f.home.city_id,
      districtId: f.home.district_id,
      schoolId: f.home.id,
      owner: jobRunnerFor(ctx.appDb).owner,
    });
    await ctx.db
      .updateTable('job')
      .set({
        status: 'running',
        phase: 'applying',
        processed: 3000,
        total: 9000,
        updated_at: new Date(Date.now() - STALE_AFTER_MS - 60_000),
      })
      .where('id', '=', jobId)
      .execute();
    const agent = await ctx.signIn('sadmin03');
    const zh = (await agent.get(`/api/v1/jobs/${jobId}`)).json();
    expect(zh).toMatchObject({ status: 'failed', phase: 'applying', result: null, errors: [{ row: 0, field: '' }] });
    expect(zh.errors[0].message).toContain('没有导入任何数据');
    const en = (await agent.get(`/api/v1/jobs/${jobId}`, { 'accept-language': 'en' })).json();
    expect(en.errors[0].message).toContain('nothing was applied');
    expect(
      (await ctx.db.selectFrom('job').select('status').where('id', '=', jobId).executeTakeFirstOrThrow()).status,
    ).toBe('failed');
  });

  it('leaves a recently updated running job alone', async () => {
    const jobId = await createJob(ctx.db, {
      kind: 'roster_import',
      createdBy: await userId('sadmin03'),
      cityId: f.home.city_id,
      districtId: f.home.district_id,
      schoolId: f.home.id,
      owner: jobRunnerFor(ctx.appDb).owner,
    });
    await ctx.db
      .updateTable('job')
      .set({ status: 'running', phase: 'validating', updated_at: new Date(Date.now() - 60_000) })
      .where('id', '=', jobId)
      .execute();
    const job = (await (await ctx.signIn('sadmin03')).get(`/api/v1/jobs/${jobId}`)).json();
    expect(job).toMatchObject({ status: 'running', phase: 'validating', errors: null });
  });
});

describe('jobs of a restarted node', () => {
  async function runningJob(owner: string | null, status: 'running' | 'queued' | 'succeeded' = 'running') {
    const id = await createJob(ctx.db, {
      kind: 'roster_import',
      createdBy: await userId('sadmin03'),
      cityId: f.home.city_id,
      districtId: f.home.district_id,
      schoolId: f.home.id,
      owner: owner ?? '',
    });
    await ctx.db
      .updateTable('job')
      .set({ status, phase: 'applying', owner, updated_at: new Date() })
      .where('id', '=', id)
      .execute();
    return id;
  }
  const statusOf = async (id: string) =>
    (await ctx.db.selectFrom('job').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;

  it('are failed at start, at once, with "upload again"; other nodes’ and this process’s are left alone', async () => {
    const node = ctx.config.nodeId;
    const mine = jobRunnerFor(ctx.appDb).owner;
    const deadRun = await runningJob(`${node}/an-earlier-process`);
    const deadQueued = await runningJob(`${node}/an-earlier-process`, 'queued');
    const done = await runningJob(`${node}/an-earlier-process`, 'succeeded');
    const otherNode = await runningJob(`${node}-2/another-process`);
    const legacy = await runningJob(null);

    // A new process of this node on PostgreSQL, where other nodes may share the database. Its own Kysely
    // instance over the same connection gives it a job runner of its own, as a new process would have.
    const restarted = await buildApp(
      { db: ctx.appDb.withoutPlugins(), config: { ...ctx.config, databaseUrl: 'postgres://elsewhere/yuxin' } },
      { logger: false },
    );
    await restarted.ready();
    await restarted.close();
    expect(await statusOf(deadRun)).toBe('failed');
    expect(await statusOf(deadQueued)).toBe('failed');
    expect(await statusOf(done)).toBe('succeeded');
    expect(await statusOf(otherNode)).toBe('running');
    expect(await statusOf(legacy)).toBe('running');

    const agent = await ctx.signIn('sadmin03');
    const zh = (await agent.get(`/api/v1/jobs/${deadRun}`)).json();
    expect(zh).toMatchObject({ status: 'failed', errors: [{ row: 0, field: '' }] });
    expect(zh.errors[0].message).toContain('请重新上传文件');
    const en = (await agent.get(`/api/v1/jobs/${deadRun}`, { 'accept-language': 'en' })).json();
    expect(en.errors[0].message).toContain('Please upload the file again');

    // The embedded database has one process: there every job not its own was interrupted.
    const live = await runningJob(mine);
    expect(await failInterruptedJobs(ctx.appDb, { node, owner: mine, soleNode: true })).toBe(2);
    expect(await statusOf(otherNode)).toBe('failed');
    expect(await statusOf(legacy)).toBe('failed');
    expect(await statusOf(live)).toBe('running');
    await ctx.db.updateTable('job').set({ status: 'failed' }).where('id', '=', live).execute();
  });
});

describe('job queue', () => {
  it('runs uploads one after another, every one to its end', async () => {
    const admin = await ctx.signIn('sadmin03');
    const ids = [
      await startImport(admin, f.home.id),
      await startImport(admin, f.home.id),
      await startImport(admin, f.home.id),
    ];
    for (const id of ids) expect(await settle(admin, id)).toMatchObject({ status: 'failed' });
  });
});
