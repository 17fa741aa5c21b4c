import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoFixtures, startTestApp, type TestContext } from '../testing/harness.js';

// Oversized uploads (issue #18): refused on Content-Length before the body is read, and a body sent
// without a length is cut at the limit rather than read to its end. Real sockets, since the point is what
// the server reads off the wire.
const LIMIT = 256 * 1024;
const HUGE = 50 * 1024 * 1024;
let ctx: TestContext;
let port: number;
let head: (extra: string) => string;

beforeAll(async () => {
  ctx = await startTestApp({ uploadLimitBytes: LIMIT });
  await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  port = (ctx.app.server.address() as { port: number }).port;
  const admin = await ctx.signIn('sadmin03');
  const { home } = await demoFixtures(ctx.db);
  head = (extra) =>
    `POST /api/v1/roster/imports?schoolId=${home.id} HTTP/1.1\r\nHost: localhost\r\n` +
    `Cookie: ${admin.cookie}\r\nX-CSRF-Token: ${admin.csrf}\r\nAccept-Language: en\r\n` +
    `Content-Type: multipart/form-data; boundary=yx\r\n${extra}\r\n`;
});
afterAll(() => ctx?.close());

const PART_HEAD =
  '--yx\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\nContent-Type: text/csv\r\n\r\n';

/** Sends `first`, then `chunk()` for as long as the server reads, up to `max` bytes; reports what happened. */
async function push(first: string, chunk: () => Buffer | string, max: number) {
  const s: Socket = await new Promise((resolve, reject) => {
    const sock = connect(port, '127.0.0.1', () => resolve(sock));
    sock.once('error', reject);
  });
  let response = '';
  let open = true;
  s.on('data', (d) => (response += String(d)));
  s.on('error', () => undefined);
  const closed = new Promise<void>((r) =>
    s.once('close', () => {
      open = false;
      r();
    }),
  );
  const started = Date.now();
  let written = 0;
  s.write(first);
  while (open && written < max && Date.now() - started < 15_000) {
    const data = chunk();
    written += data.length;
    if (!s.write(data))
      await Promise.race([new Promise((r) => s.once('drain', r)), closed, new Promise((r) => setTimeout(r, 2_000))]);
  }
  await Promise.race([closed, new Promise((r) => setTimeout(r, 3_000))]);
  const wasOpen = open;
  console.info(`upload test: wrote ${written} bytes in ${Date.now() - started} ms`);
  s.destroy();
  return { written, response, elapsed: Date.now() - started, closedByServer: !wasOpen };
}

describe('an upload over the limit', () => {
  it('with a Content-Length over it gets 413 at once, its body unread', async () => {
    const body = Buffer.alloc(64 * 1024, 'a');
    const r = await push(head(`Content-Length: ${HUGE}\r\n`) + PART_HEAD, () => body, HUGE);
    expect(r.response).toMatch(/^HTTP\/1\.1 413/);
    expect(r.response).toContain('urn:yuxin:problem:payload-too-large');
    expect(r.closedByServer).toBe(true);
    // What the kernel's socket buffers take in, not the 50 MB.
    expect(r.written).toBeLessThan(HUGE / 5);
    expect(r.elapsed).toBeLessThan(5_000);
  });

  it('sent in chunks without a length is cut at the limit', async () => {
    const data = Buffer.alloc(64 * 1024, 'a');
    const chunk = Buffer.concat([Buffer.from(`${data.length.toString(16)}\r\n`), data, Buffer.from('\r\n')]);
    const first = `${Buffer.byteLength(PART_HEAD).toString(16)}\r\n${PART_HEAD}\r\n`;
    const r = await push(head('Transfer-Encoding: chunked\r\n') + first, () => chunk, HUGE);
    expect(r.response).toMatch(/^HTTP\/1\.1 413/);
    expect(r.closedByServer).toBe(true);
    expect(r.written).toBeLessThan(HUGE / 5);
    expect(await ctx.db.selectFrom('job').select('id').execute()).toEqual([]);
  });
});
