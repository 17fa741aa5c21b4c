import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { hashPassword, verifyPassword } from '../../packages/server/src/auth/passwords.js';
import { threadPoolSize } from '../../packages/server/src/threadpool.js';

/**
 * Raw argon2id verifications per second with Yuxin's own parameters and code path: the ceiling for sign-in.
 * Measured in a process of its own whose thread pool is sized as the server sizes its own (threadpool.ts):
 * the pool of a process is fixed when it first starts, and four threads on two cores hash a fifth slower than
 * two, so a ceiling measured with another size would not be the server's.
 */
export function argon2VerifyRate(seconds: number): number {
  const threads = threadPoolSize();
  const out = execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), String(seconds)], {
    env: { ...process.env, UV_THREADPOOL_SIZE: String(threads) },
    encoding: 'utf8',
  });
  return Number(out.trim());
}

/** Keeps two verifications per thread in flight, so a thread never waits for the event loop to hand it one. */
async function verifyRateHere(seconds: number, inFlight: number): Promise<number> {
  const hash = await hashPassword('Bench2026pass');
  const until = Date.now() + seconds * 1000;
  const started = Date.now();
  let done = 0;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (Date.now() < until) {
        if (!(await verifyPassword(hash, 'Bench2026pass'))) throw new Error('argon2 verification failed');
        done++;
      }
    }),
  );
  return done / ((Date.now() - started) / 1000);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const rate = await verifyRateHere(Number(process.argv[2]), 2 * threadPoolSize());
  process.stdout.write(`${rate}\n`);
}
