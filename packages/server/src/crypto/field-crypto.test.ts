import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dataKeyOf, decryptWith, encryptWith, keyRing } from './field-crypto.js';
import { demoKeyFile, loadKeyRing } from './keys.js';

const newKey = () => dataKeyOf(randomBytes(32).toString('base64'));

describe('field encryption', () => {
  it('round-trips text, with a fresh IV each time and no plaintext in the stored value', () => {
    const ring = keyRing(newKey());
    const plain = '学生自述近两周失眠，有自伤想法。';
    const a = encryptWith(ring, plain);
    const b = encryptWith(ring, plain);
    expect(a).not.toBe(b);
    expect(a).not.toContain('失眠');
    expect(a.split('.')[0]).toBe('v1');
    expect(a.split('.')[1]).toBe(ring.current.id);
    expect(decryptWith(ring, a)).toBe(plain);
    expect(decryptWith(ring, encryptWith(ring, ''))).toBe('');
  });

  it('reads values written under a previous key after rotation, and refuses unknown keys', () => {
    const old = newKey();
    const stored = encryptWith(keyRing(old), 'old note');
    const rotated = keyRing(newKey(), [old]);
    expect(decryptWith(rotated, stored)).toBe('old note');
    expect(encryptWith(rotated, 'x').split('.')[1]).toBe(rotated.current.id);
    expect(() => decryptWith(keyRing(newKey()), stored)).toThrow(/no data key/);
  });

  it('detects tampering through the GCM tag', () => {
    const ring = keyRing(newKey());
    const parts = encryptWith(ring, 'guardian informed').split('.');
    const body = Buffer.from(parts[3]!, 'base64url');
    body[0]! ^= 1;
    parts[3] = body.toString('base64url');
    expect(() => decryptWith(ring, parts.join('.'))).toThrow();
    expect(() => decryptWith(ring, 'plain text')).toThrow(/not an encrypted value/);
  });

  it('rejects keys that are not 32 bytes', () => {
    expect(() => dataKeyOf(randomBytes(16).toString('base64'))).toThrow(/32 bytes/);
  });
});

describe('data key loading', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
  const tmp = () => {
    const d = mkdtempSync(join(tmpdir(), 'yuxin-key-'));
    dirs.push(d);
    return d;
  };

  it('uses YUXIN_DATA_KEY when set', () => {
    const key = randomBytes(32).toString('base64');
    const ring = loadKeyRing({
      dataKey: key,
      previousDataKeys: [],
      production: true,
      databaseUrl: 'postgres://x',
      dataDir: tmp(),
    });
    expect(ring.current.id).toBe(dataKeyOf(key).id);
  });

  it('refuses to start in production on PostgreSQL without a key', () => {
    expect(() =>
      loadKeyRing({
        dataKey: undefined,
        previousDataKeys: [],
        production: true,
        databaseUrl: 'postgres://x',
        dataDir: tmp(),
      }),
    ).toThrow(/YUXIN_DATA_KEY is not set/);
  });

  it('generates a demo key once, owner-readable only, and reuses it', () => {
    const dir = join(tmp(), 'nested');
    const first = loadKeyRing({
      dataKey: undefined,
      previousDataKeys: [],
      production: false,
      databaseUrl: undefined,
      dataDir: dir,
    });
    expect(statSync(demoKeyFile(dir)).mode & 0o777).toBe(0o600);
    expect(Buffer.from(readFileSync(demoKeyFile(dir), 'utf8').trim(), 'base64')).toHaveLength(32);
    const second = loadKeyRing({
      dataKey: undefined,
      previousDataKeys: [],
      production: false,
      databaseUrl: undefined,
      dataDir: dir,
    });
    expect(second.current.id).toBe(first.current.id);
  });
});

describe('pseudonyms', () => {
  it('are stable per purpose and key, differ across purposes and keys, and hide the value', async () => {
    const { pseudonymWith } = await import('./field-crypto.js');
    const k = newKey();
    const id = '7b0c1c4e-0000-4000-8000-000000000001';
    expect(pseudonymWith(k, 'mailbox', id)).toBe(pseudonymWith(k, 'mailbox', id));
    expect(pseudonymWith(k, 'mailbox', id)).not.toBe(pseudonymWith(k, 'other', id));
    expect(pseudonymWith(k, 'mailbox', id)).not.toBe(pseudonymWith(newKey(), 'mailbox', id));
    expect(pseudonymWith(k, 'mailbox', id)).not.toContain(id);
    expect(pseudonymWith(k, 'mailbox', id).split('.')[1]).toBe(k.id);
  });
});
