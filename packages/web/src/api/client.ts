// The one place the web talks HTTP to the Yuxin API.
// - same-origin credentials (the HttpOnly session cookie `yx_sid`)
// - `Accept-Language` with the UI language on every call
// - `X-CSRF-Token` on every unsafe method
// - problem+json answers become a typed ApiError; 401 and `password-change-required` are announced
//   to whoever listens (the session provider), which sends the user to sign-in or change-password.
import i18n from '../i18n';
import { ApiError, filenameFromDisposition, type ProblemBody } from './problem';

export type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue>;

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface RequestOptions {
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
}

export type ApiEvent =
  | { type: 'unauthenticated' }
  | { type: 'password-change-required' }
  /** A busy server asked this call to wait (admission control); the waiting room shows while any waits. */
  | { type: 'waiting'; retryAfterSeconds: number }
  | { type: 'admitted' };
type Listener = (event: ApiEvent) => void;

const listeners = new Set<Listener>();
let csrfToken: string | null = null;

/** Subscribe to session-level events; returns the unsubscribe function. */
export function onApiEvent(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

function emit(event: ApiEvent): void {
  for (const l of listeners) l(event);
}

export function buildUrl(path: string, query?: Query): string {
  const base = path.startsWith('/api/') ? path : `/api/v1${path.startsWith('/') ? '' : '/'}${path}`;
  if (!query) return base;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${base}?${qs}` : base;
}

function headersFor(method: Method, hasJsonBody: boolean): Headers {
  const h = new Headers();
  h.set('Accept', 'application/json, application/problem+json');
  h.set('Accept-Language', i18n.language === 'en' ? 'en' : 'zh-CN');
  if (hasJsonBody) h.set('Content-Type', 'application/json');
  if (method !== 'GET' && csrfToken) h.set('X-CSRF-Token', csrfToken);
  return h;
}

async function toApiError(res: Response): Promise<ApiError> {
  let body: ProblemBody = {};
  const type = res.headers.get('Content-Type') ?? '';
  if (type.includes('json')) {
    try {
      body = (await res.json()) as ProblemBody;
    } catch {
      body = {};
    }
  }
  const retryHeader = res.headers.get('Retry-After');
  if (body.retryAfter === undefined && retryHeader && /^\d+$/.test(retryHeader)) body.retryAfter = Number(retryHeader);
  const fallback = res.status >= 500 ? i18n.t('errors.server') : i18n.t('errors.unexpected');
  return new ApiError(res.status, body, fallback);
}

function networkError(): ApiError {
  return new ApiError(0, {}, i18n.t('errors.network'));
}

function announce(err: ApiError): void {
  if (err.status === 401 && err.kind === 'unauthenticated') emit({ type: 'unauthenticated' });
  if (err.kind === 'password-change-required') emit({ type: 'password-change-required' });
}

/** Waits this long at most before giving up and showing the busy error: about ten minutes at 2 s. */
const MAX_BUSY_WAITS = 200;

/** The seconds a `busy` answer asks to wait, or null for any other answer. */
async function busyRetryAfter(res: Response): Promise<number | null> {
  if (res.status !== 503) return null;
  const err = await toApiError(res.clone());
  return err.kind === 'busy' ? (err.retryAfter ?? 2) : null;
}

function pause(ms: number, signal: AbortSignal | null | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new DOMException('Aborted', 'AbortError'));
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(new DOMException('Aborted', 'AbortError'));
      },
      { once: true },
    );
  });
}

/**
 * The waiting room (issue #16): a node at capacity answers 503 `busy` before doing anything, so any call is
 * safely sent again. Each wait is Retry-After stretched by up to as much again at random, so a crowd that
 * was turned away together does not come back together.
 */
async function admitted(attempt: () => Promise<Response>, signal: AbortSignal | null | undefined): Promise<Response> {
  let waits = 0;
  try {
    for (;;) {
      const res = await attempt();
      const after = waits < MAX_BUSY_WAITS ? await busyRetryAfter(res) : null;
      if (after === null) return res;
      if (waits === 0) emit({ type: 'waiting', retryAfterSeconds: after });
      waits += 1;
      await pause(after * 1000 * (1 + Math.random()), signal);
    }
  } finally {
    if (waits > 0) emit({ type: 'admitted' });
  }
}

/** Fetches, retrying once after refreshing the CSRF token when the server says it was wrong. */
async function send(method: Method, url: string, init: () => RequestInit): Promise<Response> {
  const once = async (): Promise<Response> => {
    try {
      return await fetch(url, { ...init(), method, credentials: 'same-origin' });
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError') throw e;
      throw networkError();
    }
  };
  const attempt = () => admitted(once, init().signal);
  let res = await attempt();
  if (res.ok || method === 'GET' || res.status !== 403) return res;
  const err = await toApiError(res.clone());
  if (err.kind !== 'csrf') return res;
  const s = await fetch(buildUrl('/session'), {
    credentials: 'same-origin',
    headers: headersFor('GET', false),
  }).catch(() => null);
  if (!s?.ok) return res;
  const session = (await s.json()) as { csrfToken?: string };
  if (!session.csrfToken) return res;
  setCsrfToken(session.csrfToken);
  res = await attempt();
  return res;
}

async function request<T>(method: Method, path: string, opts: RequestOptions = {}): Promise<T> {
  const url = buildUrl(path, opts.query);
  const hasBody = opts.body !== undefined;
  const res = await send(method, url, () => ({
    headers: headersFor(method, hasBody),
    body: hasBody ? JSON.stringify(opts.body) : undefined,
    signal: opts.signal,
  }));
  if (!res.ok) {
    const err = await toApiError(res);
    announce(err);
    throw err;
  }
  if (res.status === 204 || res.status === 205) return undefined as T;
  const type = res.headers.get('Content-Type') ?? '';
  if (!type.includes('json')) return undefined as T;
  return (await res.json()) as T;
}

export interface DownloadedFile {
  blob: Blob;
  filename: string;
}

async function download(
  method: 'GET' | 'POST',
  path: string,
  fallbackName: string,
  opts: RequestOptions = {},
): Promise<DownloadedFile> {
  const url = buildUrl(path, opts.query);
  const hasBody = opts.body !== undefined;
  const res = await send(method, url, () => {
    const headers = headersFor(method, hasBody);
    headers.set('Accept', '*/*');
    return { headers, body: hasBody ? JSON.stringify(opts.body) : undefined, signal: opts.signal };
  });
  if (!res.ok) {
    const err = await toApiError(res);
    announce(err);
    throw err;
  }
  const blob = await res.blob();
  return { blob, filename: filenameFromDisposition(res.headers.get('Content-Disposition'), fallbackName) };
}

async function upload<T>(path: string, form: FormData, opts: { query?: Query; signal?: AbortSignal } = {}): Promise<T> {
  const url = buildUrl(path, opts.query);
  // No Content-Type: the browser sets the multipart boundary itself.
  const res = await send('POST', url, () => ({ headers: headersFor('POST', false), body: form, signal: opts.signal }));
  if (!res.ok) {
    const err = await toApiError(res);
    announce(err);
    throw err;
  }
  const type = res.headers.get('Content-Type') ?? '';
  return (type.includes('json') ? await res.json() : undefined) as T;
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown, query?: Query) => request<T>('POST', path, { body, query }),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, { body }),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, { body }),
  // A body only where the server asks for one (voiding with a reason).
  delete: <T>(path: string, body?: unknown) => request<T>('DELETE', path, { body }),
  download,
  upload,
};
