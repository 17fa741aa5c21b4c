// RFC 9457 problem details, as the Yuxin API sends them, and a few pure helpers around them.
import type { components } from './schema.gen';

type Problem = components['schemas']['Problem'];

export type FieldError = NonNullable<Problem['errors']>[number];

/** What an error answer holds: the contract's problem document, or less when it never was one (a proxy's page). */
export type ProblemBody = Partial<Problem>;

export const PROBLEM_PREFIX = 'urn:yuxin:problem:';

/** Problem kinds of the contract, plus `network` for answers that never were problem documents. */
export type ProblemKind =
  | 'validation'
  | 'unauthenticated'
  | 'invalid-credentials'
  | 'password-change-required'
  | 'forbidden'
  | 'csrf'
  | 'not-found'
  | 'conflict'
  | 'payload-too-large'
  | 'account-locked'
  | 'rate-limited'
  | 'signin-delayed'
  | 'second-factor-required'
  | 'internal'
  | 'unavailable'
  | 'busy'
  | 'network'
  | (string & {});

export class ApiError extends Error {
  readonly status: number;
  readonly type: string;
  readonly kind: ProblemKind;
  readonly title: string;
  readonly detail: string;
  readonly errors: FieldError[];
  readonly requestId: string | undefined;
  readonly retryAfter: number | undefined;

  constructor(status: number, body: ProblemBody, fallbackDetail: string) {
    const detail = body.detail || body.title || fallbackDetail;
    super(detail);
    this.name = 'ApiError';
    this.status = status;
    this.type = body.type ?? `${PROBLEM_PREFIX}${status === 0 ? 'network' : 'internal'}`;
    this.kind = this.type.startsWith(PROBLEM_PREFIX) ? this.type.slice(PROBLEM_PREFIX.length) : this.type;
    this.title = body.title ?? '';
    this.detail = detail;
    this.errors = Array.isArray(body.errors)
      ? body.errors.filter((e): e is FieldError => typeof e?.field === 'string' && typeof e?.message === 'string')
      : [];
    this.requestId = body.requestId;
    this.retryAfter = typeof body.retryAfter === 'number' ? body.retryAfter : undefined;
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

/** Turns a JSON pointer (`/guardians/0/phone`) into an AntD form name path (`['guardians', 0, 'phone']`). */
export function pointerToNamePath(pointer: string): (string | number)[] {
  const trimmed = pointer.startsWith('#') ? pointer.slice(1) : pointer;
  if (trimmed === '' || trimmed === '/') return [];
  const parts = (trimmed.startsWith('/') ? trimmed.slice(1) : trimmed).split(/[/.]/);
  return parts
    .filter((p) => p !== '')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

/** The file name of a download, from a Content-Disposition header (RFC 6266 / RFC 5987). */
export function filenameFromDisposition(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const star = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
  if (star?.[2]) {
    try {
      return decodeURIComponent(star[2].trim().replace(/^"|"$/g, ''));
    } catch {
      // fall through to the plain parameter
    }
  }
  const quoted = /filename\s*=\s*"((?:\\.|[^"\\])*)"/i.exec(header);
  if (quoted?.[1]) return quoted[1].replace(/\\(.)/g, '$1');
  const plain = /filename\s*=\s*([^;]+)/i.exec(header);
  if (plain?.[1]) return plain[1].trim();
  return fallback;
}
