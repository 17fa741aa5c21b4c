import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestContext } from '../testing/harness.js';

// The settings pages' change log (issue 14): every change to the city's settings, from the audit log, for
// city-level managers only; reading it is audited too.
let ctx: TestContext;
beforeAll(async () => {
  ctx = await startTestApp();
});
afterAll(() => ctx?.close());

describe('GET /v1/settings/changes', () => {
  it('lists the changes newest first, for city managers only, and the settings page is in their nav', async () => {
    const admin = await ctx.signIn('admin');
    expect((await admin.put('/api/v1/settings/cases', { leaderReviewBeforeReferral: true })).statusCode).toBe(200);
    expect((await admin.post('/api/v1/settings/warning/preset', { preset: 'changchun' })).statusCode).toBe(200);
    const res = await admin.get('/api/v1/settings/changes');
    expect(res.statusCode).toBe(200);
    const changes = res.json<Array<{ action: string; username: string; detail: unknown }>>();
    expect(changes.slice(0, 2)).toMatchObject([
      { action: 'settings.warning.update', username: 'admin', detail: { preset: 'changchun' } },
      { action: 'settings.cases.update', username: 'admin', detail: { leaderReviewBeforeReferral: true } },
    ]);
    const read = await ctx.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'settings.changes_read')
      .execute();
    expect(read).toHaveLength(1);
    expect((await admin.get('/api/v1/session')).json().nav).toContain('settings');

    const districtAdmin = await ctx.signIn('dadmin01');
    expect((await districtAdmin.get('/api/v1/settings/changes')).statusCode).toBe(403);
    expect((await districtAdmin.get('/api/v1/session')).json().nav).not.toContain('settings');
  });
});
