import autocannon, { type Request } from 'autocannon';

export interface LoadResult {
  connections: number;
  seconds: number;
  /** Operations the caller counts as done (e.g. receipts), per second of the run. */
  opsPerSec: number;
  ops: number;
  /** Request latency over every request of the run, in ms. */
  p50: number;
  p99: number;
  requests: number;
  errors: number;
  non2xx: number;
}

export interface LoadSpec {
  url: string;
  connections: number;
  seconds: number;
  requests: Request[];
  /** Counts one finished operation; called from onResponse hooks. Defaults to every 2xx response. */
  counter?: { ops: number };
  timeoutSec?: number;
}

/**
 * One bounded autocannon run. Non-2xx answers and socket errors both count as errors: a benchmark that
 * quietly turns 409s into throughput would be measuring nothing.
 */
export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const started = Date.now();
  const instance = autocannon({
    url: spec.url,
    connections: spec.connections,
    duration: spec.seconds,
    timeout: spec.timeoutSec ?? 30,
    requests: spec.requests,
  });
  const result = await instance;
  const seconds = (Date.now() - started) / 1000;
  const ok = result['2xx'];
  const ops = spec.counter ? spec.counter.ops : ok;
  return {
    connections: spec.connections,
    seconds,
    ops,
    opsPerSec: ops / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    errors: result.errors + result.timeouts + result.non2xx,
    non2xx: result.non2xx,
  };
}
