import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, onApiEvent, type ApiEvent } from './client';
import { ApiError } from './problem';

const problem = (status: number, kind: string, retryAfter?: number) =>
  new Response(JSON.stringify({ type: `urn:yuxin:problem:${kind}`, title: kind, status, detail: kind, retryAfter }), {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
  });
const ok = (body: unknown) =>
  new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });

afterEach(() => vi.unstubAllGlobals());

describe('the waiting room', () => {
  it('sends a call the busy server turned away again, unchanged, until it is admitted', async () => {
    const answers = [problem(503, 'busy', 0), problem(503, 'busy', 0), ok({ receipt: 'r1' })];
    const fetchMock = vi.fn(async () => answers.shift()!);
    vi.stubGlobal('fetch', fetchMock);
    const events: ApiEvent[] = [];
    const stop = onApiEvent((e) => events.push(e));

    const result = await api.post<{ receipt: string }>('/screening/submissions', { submissionId: 's1' });
    stop();

    expect(result).toEqual({ receipt: 'r1' });
    expect(fetchMock).toHaveBeenCalledTimes(3);
    const bodies = fetchMock.mock.calls.map((call) => (call as unknown as [string, RequestInit])[1].body);
    expect(new Set(bodies)).toEqual(new Set([JSON.stringify({ submissionId: 's1' })]));
    // One wait announced and ended, however many turns it took.
    expect(events).toEqual([{ type: 'waiting', retryAfterSeconds: 0 }, { type: 'admitted' }]);
  });

  it('does not resend on a database outage, which is a 503 of another kind', async () => {
    const fetchMock = vi.fn(async () => problem(503, 'unavailable', 0));
    vi.stubGlobal('fetch', fetchMock);
    const failure = await api.get('/session').catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ApiError);
    expect((failure as ApiError).kind).toBe('unavailable');
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it('stops waiting when the caller gives up', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => problem(503, 'busy', 30)),
    );
    const events: ApiEvent[] = [];
    const stop = onApiEvent((e) => events.push(e));
    const controller = new AbortController();
    const pending = api.get('/session', undefined, controller.signal).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 20));
    controller.abort();
    const failure = await pending;
    stop();
    expect((failure as DOMException).name).toBe('AbortError');
    expect(events.map((e) => e.type)).toEqual(['waiting', 'admitted']);
  });
});
