import { describe, expect, it } from 'vitest';
import { attachmentHeader, chinaDate } from './content-disposition.js';
import { mapLimit } from './map-limit.js';
import { grantedBindingId, nameBasedUuid, studentAccountId } from './stable-ids.js';

describe('name-based ids', () => {
  it('are stable, distinct per name, and valid version-5 UUIDs', () => {
    const id = studentAccountId('2f1d8f0e-3c3b-4a8e-9a51-0d5f7e1c2b3a');
    expect(id).toBe(studentAccountId('2f1d8f0e-3c3b-4a8e-9a51-0d5f7e1c2b3a'));
    expect(id).not.toBe(studentAccountId('2f1d8f0e-3c3b-4a8e-9a51-0d5f7e1c2b3b'));
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(grantedBindingId('u', 'head_teacher', 'class', 'c')).not.toBe(
      grantedBindingId('u', 'peer_supporter', 'class', 'c'),
    );
    expect(nameBasedUuid('x')).not.toBe(nameBasedUuid('y'));
  });
});

describe('attachment header', () => {
  it('carries the Chinese file name RFC 5987-encoded with an ASCII fallback', () => {
    const header = attachmentHeader('八年级1班-账号-2026-11-23.pdf', 'class-accounts-2026-11-23.pdf');
    expect(header).toBe(
      `attachment; filename="class-accounts-2026-11-23.pdf"; filename*=UTF-8''${encodeURIComponent('八年级1班-账号-2026-11-23.pdf')}`,
    );
    expect(attachmentHeader("a'(b).pdf", 'a"b.pdf')).toBe(
      `attachment; filename="a_b.pdf"; filename*=UTF-8''a%27%28b%29.pdf`,
    );
  });

  it('dates files in China time', () => {
    expect(chinaDate(new Date('2026-11-22T17:30:00Z'))).toBe('2026-11-23');
  });
});

describe('mapLimit', () => {
  it('keeps order and never exceeds the limit', async () => {
    let inFlight = 0;
    let peak = 0;
    const out = await mapLimit([5, 1, 4, 2, 3, 0], 2, async (n) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, n));
      inFlight--;
      return n * 10;
    });
    expect(out).toEqual([50, 10, 40, 20, 30, 0]);
    expect(peak).toBe(2);
  });
});
