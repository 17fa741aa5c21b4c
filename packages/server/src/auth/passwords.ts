import { randomInt } from 'node:crypto';
import { hash, verify, type Algorithm } from '@node-rs/argon2';

/** OWASP's argon2id recommendation (19 MiB, 2 passes, 1 lane); the bench measures sign-in against exactly these. */
// 2 is Algorithm.Argon2id: the package ships it as an ambient const enum that isolated modules cannot read.
export const ARGON2_PARAMS = { algorithm: 2 as Algorithm, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_PARAMS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  // An account with no password yet (made for a screening code) spends the same time as a wrong password,
  // so the answer's timing does not tell which accounts have none.
  if (!passwordHash.startsWith('$argon2')) return burnVerification(password).then(() => false);
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;
/** Spend the same time on an unknown username as on a wrong password, so timing does not reveal accounts. */
export async function burnVerification(password: string): Promise<void> {
  dummyHash ??= hashPassword('yuxin-timing-equaliser');
  await verifyPassword(await dummyHash, password);
}

export function isStrongEnough(password: string): boolean {
  return password.length >= 8 && /[A-Za-z]/.test(password) && /\d/.test(password);
}

// No 0/O, 1/l/I: these passwords are read off paper by children.
const ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export function generateInitialPassword(length = 8): string {
  for (;;) {
    let out = '';
    for (let i = 0; i < length; i++) out += ALPHABET[randomInt(ALPHABET.length)];
    if (isStrongEnough(out)) return out;
  }
}
