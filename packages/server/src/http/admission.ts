import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Problem } from './problem.js';

export interface AdmissionLimits {
  /** API requests one node works on at once; the next one waits in the client's waiting room (0 = no cap). */
  maxInFlight: number;
  /**
   * Password sign-ins worked on at once (0 = no cap). Each costs an argon2id hash of CPU, so a few at a time
   * keep the cores full; more only lengthen every one of them.
   */
  maxSignInsInFlight: number;
  /** Event-loop delay (ms, worst over the last sampling window) above which new API requests are turned away (0 = off). */
  maxEventLoopDelayMs: number;
  /** What the 503 asks the client to wait before trying again. */
  retryAfterSeconds: number;
}

/**
 * Probes and the notification stream are never turned away: a load balancer that cannot see a busy node
 * would take it out, and a stream is one long request that costs nothing while it waits.
 */
export const ALWAYS_ADMITTED_PATHS: ReadonlySet<string> = new Set([
  '/api/health',
  '/api/ready',
  '/api/v1/notifications/stream',
]);

function counted(req: FastifyRequest): boolean {
  if (!req.url.startsWith('/api/')) return false;
  const path = req.url.split('?', 1)[0]!;
  return !ALWAYS_ADMITTED_PATHS.has(path);
}

/** The route that verifies a password: the one whose cost is CPU rather than the database. */
const PASSWORD_SIGN_IN = '/api/v1/auth/login';

const SAMPLE_EVERY_MS = 250;

/**
 * Admission control (issue #16): a saturated node says so at once — 503 `busy` with Retry-After — instead of
 * queueing every request until p99 reaches ten seconds. The client waits the given time with jitter and
 * retries (packages/web api/client.ts), so a surge is served in turns. Nothing has been done for a request
 * that is turned away here, so a retry of any method is safe. Written here rather than with
 * @fastify/under-pressure because that plugin has no in-flight cap, which is the signal that matters for
 * requests waiting on the database rather than on the CPU.
 */
export function installAdmission(app: FastifyInstance, limits: AdmissionLimits): { inFlight: () => number } {
  let inFlight = 0;
  let signInsInFlight = 0;
  let loopDelayMs = 0;
  if (limits.maxEventLoopDelayMs > 0) {
    const histogram = monitorEventLoopDelay({ resolution: 10 });
    histogram.enable();
    const timer = setInterval(() => {
      loopDelayMs = histogram.max / 1e6;
      histogram.reset();
    }, SAMPLE_EVERY_MS);
    timer.unref();
    // Starting the node (migrations, seeding, building routes) blocks the loop for seconds; that is not the
    // node being saturated, and counting it would turn away the first requests a fresh node gets.
    app.addHook('onListen', async () => {
      histogram.reset();
      loopDelayMs = 0;
    });
    app.addHook('onClose', async () => {
      clearInterval(timer);
      histogram.disable();
    });
  }

  const busy = () =>
    new Problem('busy', {
      params: { seconds: limits.retryAfterSeconds },
      headers: { 'retry-after': String(limits.retryAfterSeconds) },
      extra: { retryAfter: limits.retryAfterSeconds },
    });

  app.addHook('onRequest', async (req, reply) => {
    if (!counted(req)) return;
    if (limits.maxInFlight > 0 && inFlight >= limits.maxInFlight) throw busy();
    if (limits.maxEventLoopDelayMs > 0 && loopDelayMs > limits.maxEventLoopDelayMs) throw busy();
    const signIn = req.method === 'POST' && req.url.split('?', 1)[0] === PASSWORD_SIGN_IN;
    if (signIn && limits.maxSignInsInFlight > 0 && signInsInFlight >= limits.maxSignInsInFlight) throw busy();
    inFlight += 1;
    if (signIn) signInsInFlight += 1;
    let released = false;
    // 'close' comes once the answer is written or the client went away, whichever is first.
    reply.raw.once('close', () => {
      if (released) return;
      released = true;
      inFlight -= 1;
      if (signIn) signInsInFlight -= 1;
    });
  });
  return { inFlight: () => inFlight };
}
