import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';

/**
 * Free text about a student (case notes, hospital feedback) is stored encrypted with AES-256-GCM. A stored
 * value reads `v1.<keyId>.<iv>.<ciphertext+tag>` (base64url parts): the key id lets old rows be read after
 * the key rotates, and the version leaves room for another scheme later.
 */
export interface DataKey {
  id: string;
  key: Buffer;
}

export interface KeyRing {
  current: DataKey;
  /** Every key that may be found on a stored value, current one included. */
  byId: Map<string, DataKey>;
}

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A key from its base64 text; the id is a short hash, so the key itself is never written anywhere. */
export function dataKeyOf(base64: string, name = 'YUXIN_DATA_KEY'): DataKey {
  const key = Buffer.from(base64, 'base64');
  if (key.length !== 32) throw new Error(`${name} must be 32 bytes encoded in base64 (got ${key.length} bytes)`);
  return { id: createHash('sha256').update(key).digest('hex').slice(0, 8), key };
}

export function keyRing(current: DataKey, previous: DataKey[] = []): KeyRing {
  return { current, byId: new Map([...previous, current].map((k) => [k.id, k])) };
}

export function encryptWith(ring: KeyRing, plain: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', ring.current.key, iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return [VERSION, ring.current.id, iv.toString('base64url'), body.toString('base64url')].join('.');
}

export function decryptWith(ring: KeyRing, stored: string): string {
  const [version, keyId, ivText, bodyText, ...rest] = stored.split('.');
  if (version !== VERSION || !keyId || !ivText || bodyText === undefined || rest.length)
    throw new Error('not an encrypted value');
  const k = ring.byId.get(keyId);
  if (!k) throw new Error(`no data key with id ${keyId}: was a previous key left out of YUXIN_DATA_KEYS_PREVIOUS?`);
  const body = Buffer.from(bodyText, 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', k.key, Buffer.from(ivText, 'base64url'));
  decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
  return Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()]).toString('utf8');
}

let installed: KeyRing | undefined;

/** Called once at start-up with the keys from the configuration. */
export function installKeyRing(ring: KeyRing): void {
  installed = ring;
}

function ring(): KeyRing {
  if (!installed) throw new Error('field encryption used before its key was loaded (installKeyRing)');
  return installed;
}

export function encryptText(plain: string): string {
  return encryptWith(ring(), plain);
}

export function decryptText(stored: string): string {
  return decryptWith(ring(), stored);
}

/** Null stays null: optional notes are stored as null, not as an encrypted empty string. */
export function encryptOptional(plain: string | null | undefined): string | null {
  return plain == null || plain === '' ? null : encryptText(plain);
}

export function decryptOptional(stored: string | null): string | null {
  return stored == null ? null : decryptText(stored);
}

/**
 * A keyed pseudonym of `value` for one purpose (`v1.<keyId>.<hmac>`): the same person always gets the same
 * tag, and nobody without the data key can tell whose it is, nor test a guess. Each purpose has its own
 * sub-key, so a tag of one use reveals nothing in another.
 */
export function pseudonymWith(key: DataKey, purpose: string, value: string): string {
  const sub = createHmac('sha256', key.key).update(`yuxin-pseudonym:${purpose}`).digest();
  return [VERSION, key.id, createHmac('sha256', sub).update(value).digest('base64url')].join('.');
}

/** The tag under the current key: the one a new row stores. */
export function pseudonym(purpose: string, value: string): string {
  return pseudonymWith(ring().current, purpose, value);
}

/** The tags under every key of the ring, so rows written before a key rotation are still found. */
export function pseudonymsOf(purpose: string, value: string): string[] {
  return [...ring().byId.values()].map((k) => pseudonymWith(k, purpose, value));
}
