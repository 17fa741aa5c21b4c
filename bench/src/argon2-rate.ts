import { hashPassword, verifyPassword } from '../../packages/server/src/auth/passwords.js';

/**
 * Raw argon2id verifications per second with Yuxin's own parameters and code path: the ceiling for sign-in.
 * Several verifications are kept in flight so the native thread pool keeps both cores busy.
 */
export async function argon2VerifyRate(seconds: number, inFlight = 4): Promise<number> {
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
