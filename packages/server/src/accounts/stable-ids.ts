import { createHash } from 'node:crypto';

// Fixed namespace of Yuxin's name-based ids (RFC 9562 version 5). Changing it would rename every such id.
const NAMESPACE = Buffer.from('6f1c2a7e3b5d4c8e9a0b1c2d3e4f5a6b', 'hex');

/** A version-5 UUID: the same name always gives the same id. */
export function nameBasedUuid(name: string): string {
  const digest = createHash('sha1').update(NAMESPACE).update(name, 'utf8').digest();
  const b = digest.subarray(0, 16);
  b[6] = (b[6]! & 0x0f) | 0x50;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = b.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * A student has at most one account, so its id is derived from the student's: the account of a roster
 * row can be addressed without a lookup (the role × route matrix relies on this to target the accounts
 * the credentials route creates).
 */
export function studentAccountId(studentId: string): string {
  return nameBasedUuid(`student-account:${studentId}`);
}

/**
 * A granted binding is named by what it binds, so a repeated grant (a retried request, a double click)
 * names the same binding, and a revocation can be addressed by anyone who knows the grant.
 */
export function grantedBindingId(userId: string, role: string, level: string, scopeId: string): string {
  return nameBasedUuid(`role-binding:${userId}:${role}:${level}:${scopeId}`);
}
