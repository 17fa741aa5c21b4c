import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../app.js';
import { startTestApp, type TestContext } from '../testing/harness.js';

let ctx: TestContext;
let nodeB: App;
let baseA: string;
let baseB: string;

// Two nodes on one database, each on a real port: inject cannot stream, and a notice written through one
// node must reach a stream held open on the other.
beforeAll(async () => {
  ctx = await startTestApp({}, { warning: { intervalMs: 0 } });
  await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  baseA = `http://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}`;
  nodeB = await buildApp({ db: ctx.appDb, config: ctx.config, warning: { intervalMs: 0 } }, { logger: false });
  await nodeB.listen({ port: 0, host: '127.0.0.1' });
  baseB = `http://127.0.0.1:${(nodeB.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await nodeB?.close();
  await ctx?.close();
});

interface Received {
  event: string;
  data: Record<string, unknown>;
  at: number;
}

/** Opens an event stream with a session cookie and collects its events until closed. */
async function openStream(base: string, cookie: string) {
  const abort = new AbortController();
  const res = await fetch(`${base}/api/v1/notifications/stream`, {
    headers: { cookie, accept: 'text/event-stream' },
    signal: abort.signal,
  });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const events: Received[] = [];
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  const done = (async () => {
    try {
      for (;;) {
        const { value, done: end } = await reader.read();
        if (end) return;
        buffer += value;
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event && data) events.push({ event, data: JSON.parse(data) as Record<string, unknown>, at: Date.now() });
        }
      }
    } catch {
      // aborted
    }
  })();
  return { events, close: () => abort.abort(), done };
}

const waitFor = async (pred: () => boolean, ms: number) => {
  const until = Date.now() + ms;
  while (!pred() && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
  return pred();
};

describe('GET /api/v1/notifications/stream', () => {
  it("pushes a notice written for A to A's stream within a second, on another node, and never to B", async () => {
    const a = await ctx.signIn('psych03');
    const b = await ctx.signIn('psych07');
    const aId = (
      await ctx.db.selectFrom('user_account').select('id').where('username', '=', 'psych03').executeTakeFirstOrThrow()
    ).id;
    const streamA = await openStream(baseB, a.cookie!);
    const streamB = await openStream(baseA, b.cookie!);
    expect(await waitFor(() => streamA.events.some((e) => e.event === 'ready'), 2000)).toBe(true);
    expect(await waitFor(() => streamB.events.some((e) => e.event === 'ready'), 2000)).toBe(true);
    const before = streamA.events.find((e) => e.event === 'ready')!.data.unread as number;

    const written = Date.now();
    const row = await ctx.db
      .insertInto('notification')
      .values({ user_id: aId, kind: 'alert.raised', payload: JSON.stringify({ title: { 'zh-CN': 't', en: 't' } }) })
      .returning('id')
      .executeTakeFirstOrThrow();

    expect(await waitFor(() => streamA.events.some((e) => e.data.id === row.id), 1000)).toBe(true);
    const got = streamA.events.find((e) => e.data.id === row.id)!;
    expect(got.event).toBe('notification');
    expect(got.at - written).toBeLessThan(1000);
    expect(got.data).toMatchObject({ kind: 'alert.raised', unread: before + 1 });
    // B's stream stays silent about A's notice for a while longer than a poll.
    await new Promise((r) => setTimeout(r, 1200));
    expect(streamB.events.filter((e) => e.event === 'notification')).toEqual([]);
    streamA.close();
    streamB.close();
    await Promise.all([streamA.done, streamB.done]);
  });

  it('answers the unread count to a client that asks for no stream, and refuses an anonymous one', async () => {
    const a = await ctx.signIn('psych03');
    const res = await a.get('/api/v1/notifications/stream');
    expect(res.statusCode).toBe(200);
    expect(typeof res.json().unread).toBe('number');
    const anon = await fetch(`${baseA}/api/v1/notifications/stream`, { headers: { accept: 'text/event-stream' } });
    expect(anon.status).toBe(401);
  });

  it('ends the stream when the app closes', async () => {
    const a = await ctx.signIn('psych03');
    const extra = await buildApp({ db: ctx.appDb, config: ctx.config, warning: { intervalMs: 0 } }, { logger: false });
    await extra.listen({ port: 0, host: '127.0.0.1' });
    const s = await openStream(`http://127.0.0.1:${(extra.server.address() as AddressInfo).port}`, a.cookie!);
    await waitFor(() => s.events.length > 0, 2000);
    const t = Date.now();
    await extra.close();
    await s.done;
    expect(Date.now() - t).toBeLessThan(3000);
  });
});
