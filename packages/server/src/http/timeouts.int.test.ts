import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { startTestApp, type TestContext } from '../testing/harness.js';
import { closeWithin } from './shutdown.js';

// Slow and partial requests (issue #18): small limits here, the defaults are in config.ts.
let ctx: TestContext;
let port: number;

beforeAll(async () => {
  ctx = await startTestApp({
    httpTimeouts: { ...loadConfig({}).httpTimeouts, headersMs: 300, requestMs: 60_000, shutdownMs: 500 },
  });
  await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  port = (ctx.app.server.address() as { port: number }).port;
});
afterAll(() => ctx?.close());

function open(): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = connect(port, '127.0.0.1', () => resolve(s));
    s.once('error', reject);
  });
}
const closed = (s: Socket) =>
  new Promise<number>((resolve) => {
    const started = Date.now();
    s.on('error', () => undefined);
    s.once('close', () => resolve(Date.now() - started));
  });

describe('slow clients', () => {
  it('closes a socket that sends its headers a trickle at a time once the header timeout passes', async () => {
    const s = await open();
    const done = closed(s);
    s.write('GET /api/health HTTP/1.1\r\nHost: localhost\r\n');
    // A new header line every 100 ms keeps an idle timeout from ever firing; only the header limit helps.
    const trickle = setInterval(() => s.writable && s.write(`X-Slow-${Date.now()}: 1\r\n`), 100);
    const elapsed = await Promise.race([done, new Promise<number>((r) => setTimeout(() => r(Infinity), 5_000))]);
    clearInterval(trickle);
    s.destroy();
    expect(elapsed).toBeLessThan(1_500);
  });
});

describe('graceful shutdown', () => {
  it('completes within its bound while a client hangs in the middle of its body', async () => {
    const s = await open();
    const done = closed(s);
    s.write(
      'POST /api/v1/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n' +
        'Content-Length: 1000\r\n\r\n{"username"',
    );
    await new Promise((r) => setTimeout(r, 100));
    const started = Date.now();
    await closeWithin(ctx.app, ctx.config.httpTimeouts.shutdownMs);
    const took = Date.now() - started;
    expect(took).toBeGreaterThanOrEqual(400);
    expect(took).toBeLessThan(2_000);
    expect(await done).toBeLessThan(2_500);
  });
});
