import type { MessageKey } from './messages.js';

export type ProblemKind =
  | 'validation'
  | 'unauthenticated'
  | 'invalid-credentials'
  | 'password-change-required'
  | 'second-factor-required'
  | 'signin-delayed'
  | 'forbidden'
  | 'csrf'
  | 'not-found'
  | 'conflict'
  | 'payload-too-large'
  | 'account-locked'
  | 'account-disabled'
  | 'rate-limited'
  | 'bad-request'
  | 'unavailable'
  | 'busy'
  | 'internal';

export const PROBLEM_STATUS: Record<ProblemKind, number> = {
  validation: 400,
  'bad-request': 400,
  unauthenticated: 401,
  'invalid-credentials': 401,
  'password-change-required': 403,
  'second-factor-required': 403,
  'signin-delayed': 429,
  forbidden: 403,
  csrf: 403,
  'account-disabled': 403,
  'not-found': 404,
  conflict: 409,
  'payload-too-large': 413,
  'account-locked': 423,
  'rate-limited': 429,
  internal: 500,
  unavailable: 503,
  busy: 503,
};

export interface FieldError {
  field: string;
  /** Message key and params, localized when the response is written. */
  key: MessageKey;
  params?: Record<string, string | number>;
  /** Already localized text, for errors produced by domain code with its own catalog. */
  message?: string;
}

/** An expected failure with a stable type; the error handler renders it as problem+json in the caller's language. */
export class Problem extends Error {
  constructor(
    readonly kind: ProblemKind,
    readonly opts: {
      key?: MessageKey;
      /** Already localized text, for domain messages from another catalog; wins over `key`. */
      detail?: string;
      params?: Record<string, string | number>;
      errors?: FieldError[];
      extra?: Record<string, unknown>;
      headers?: Record<string, string>;
    } = {},
  ) {
    super(kind);
  }
  get status(): number {
    return PROBLEM_STATUS[this.kind];
  }
}

export const notFound = () => new Problem('not-found');
export const forbidden = () => new Problem('forbidden');
export const fieldProblem = (field: string, key: MessageKey, params?: Record<string, string | number>) =>
  new Problem('validation', { errors: [{ field, key, params }] });
