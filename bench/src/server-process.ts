import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { threadPoolSize } from '../../packages/server/src/threadpool.js';

/** Env that turns admission control off: a load step measures what a node can do, not how it turns work away. */
export const ADMISSION_OFF = {
  YUXIN_MAX_IN_FLIGHT: '0',
  YUXIN_MAX_SIGN_INS_IN_FLIGHT: '0',
  YUXIN_MAX_EVENT_LOOP_DELAY_MS: '0',
};

/**
 * The V8 flags a Yuxin node runs with (package.json's start script, deploy/yuxin@.service): a larger young
 * generation, so the objects of hundreds of requests in flight are not copied out of a small one over and over.
 */
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=64'];

export interface RunningServer {
  url: string;
  process: ChildProcess;
  /** Peak resident memory so far (VmHWM), in MiB. */
  peakMiB(): number;
  stop(): Promise<void>;
  /** SIGKILL, as a crash or the OOM killer would: nothing is finished, nothing is closed. */
  kill(): void;
}

/** Starts a node process and waits until `readyPath` answers 200; its output goes to the bench's stderr only on failure. */
export async function startNode(
  args: string[],
  env: Record<string, string>,
  port: number,
  readyPath: string,
): Promise<RunningServer> {
  const child = spawn(process.execPath, args, {
    // The pool size a deployed node gets from its unit (deploy/yuxin@.service): it is fixed before main runs.
    env: {
      ...process.env,
      UV_THREADPOOL_SIZE: String(threadPoolSize()),
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (b: Buffer) => {
    output = (output + b.toString()).slice(-8000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  // A node that dies under load says why, instead of the bench failing later on a missing /proc entry.
  child.once('exit', (code, signal) => {
    if (!stopping) console.error(`[bench] server ${args.at(-1)} exited (${code ?? signal}) under load:\n${output}`);
  });
  let stopping = false;
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output}`);
    try {
      const res = await fetch(url + readyPath);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server not ready in 60 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    process: child,
    peakMiB: () => {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const kb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? NaN);
      return kb / 1024;
    },
    kill: () => {
      stopping = true;
      child.kill('SIGKILL');
    },
    stop: () =>
      new Promise<void>((resolve) => {
        stopping = true;
        // A killed process has a signal and no exit code.
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
      }),
  };
}
