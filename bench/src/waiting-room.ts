export interface WaitingRoomSpec {
  url: string;
  /** Accounts that sign in, each once; more than the node serves at a time. */
  usernames: string[];
  password: string;
  /** Students knocking at the same moment. */
  concurrency: number;
  /** A request that takes longer than this counts as a timeout, as a phone's browser would give up. */
  requestTimeoutMs: number;
  /** The whole step stops here, served or not. */
  deadlineMs: number;
}

export interface WaitingRoomResult {
  students: number;
  served: number;
  busyAnswers: number;
  timeouts: number;
  socketErrors: number;
  /** Answers other than a session or a busy 503. */
  otherErrors: number;
  /** Latency of the sign-ins the node admitted, in ms. */
  admittedP50: number;
  admittedP99: number;
  /** The load balancer's view during the surge (issue #18.7): /api/health latency, in ms. */
  healthP99: number;
  healthMax: number;
  seconds: number;
}

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

/**
 * Students sign in as the web client does (api/client.ts): a busy 503 is waited out for its Retry-After,
 * stretched by up to as much again at random, and sent again. Measures what issue #16 asks of the waiting
 * room: nobody times out or loses the connection, the admitted are answered quickly, and all get in.
 */
export async function waitingRoom(spec: WaitingRoomSpec): Promise<WaitingRoomResult> {
  const queue = [...spec.usernames];
  const admitted: number[] = [];
  const result = { served: 0, busyAnswers: 0, timeouts: 0, socketErrors: 0, otherErrors: 0 };
  const started = performance.now();
  const deadline = Date.now() + spec.deadlineMs;

  async function signIn(username: string): Promise<void> {
    while (Date.now() < deadline) {
      const t0 = performance.now();
      let res: Response;
      try {
        res = await fetch(`${spec.url}/api/v1/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'accept-language': 'zh-CN' },
          body: JSON.stringify({ username, password: spec.password }),
          signal: AbortSignal.timeout(spec.requestTimeoutMs),
        });
      } catch (e) {
        if (e instanceof DOMException && e.name === 'TimeoutError') result.timeouts++;
        else result.socketErrors++;
        return;
      }
      const body = (await res.json().catch(() => ({}))) as { type?: string; retryAfter?: number };
      if (res.status === 200) {
        admitted.push(performance.now() - t0);
        result.served++;
        return;
      }
      if (res.status === 503 && body.type === 'urn:yuxin:problem:busy') {
        result.busyAnswers++;
        const after = body.retryAfter ?? Number(res.headers.get('retry-after') ?? 2);
        await new Promise((r) => setTimeout(r, after * 1000 * (1 + Math.random())));
        continue;
      }
      result.otherErrors++;
      return;
    }
  }

  let surging = true;
  const health: number[] = [];
  const probe = (async () => {
    while (surging) {
      const t0 = performance.now();
      const res = await fetch(`${spec.url}/api/health`, { signal: AbortSignal.timeout(spec.requestTimeoutMs) }).catch(
        () => null,
      );
      await res?.arrayBuffer();
      health.push(res?.ok ? performance.now() - t0 : spec.requestTimeoutMs);
      await new Promise((r) => setTimeout(r, 200));
    }
  })();
  await Promise.all(
    Array.from({ length: spec.concurrency }, async () => {
      for (let next = queue.pop(); next !== undefined; next = queue.pop()) await signIn(next);
    }),
  );
  surging = false;
  await probe;
  health.sort((a, b) => a - b);
  admitted.sort((a, b) => a - b);
  return {
    students: spec.usernames.length,
    ...result,
    admittedP50: Math.round(percentile(admitted, 50)),
    admittedP99: Math.round(percentile(admitted, 99)),
    healthP99: Math.round(percentile(health, 99)),
    healthMax: Math.round(health.at(-1) ?? 0),
    seconds: (performance.now() - started) / 1000,
  };
}
