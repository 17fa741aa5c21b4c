import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nextCode, rememberSecret, rememberSecrets } from './two-factor.js';

export const E2E_PASSWORD = 'E2eDemo2026';
const ROOT = new URL('../..', import.meta.url).pathname;

export interface DemoSignIn {
  role: string;
  username: string;
  scope: string;
}

export interface RunningServer {
  url: string;
  dataDir: string;
  accounts: DemoSignIn[];
  process: ChildProcess;
  logs: string[];
  stop(): Promise<void>;
  /** Stops without cleaning up, so a test can restart on the same data. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/** Starts the built server on a free loopback port with a fresh embedded database (or the given data dir). */
export async function startServer(
  opts: { dataDir?: string; env?: Record<string, string> } = {},
): Promise<RunningServer> {
  const port = await freePort();
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'yuxin-e2e-'));
  const logs: string[] = [];
  const child = spawn(process.execPath, [join(ROOT, 'packages/server/dist/main.js')], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      YUXIN_DATA_DIR: dataDir,
      YUXIN_DEMO_PASSWORD: E2E_PASSWORD,
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
      // Throw-away data directories: fsync would only slow the demo seed and every test down.
      YUXIN_EMBEDDED_UNSAFE_NO_FSYNC: 'true',
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (d) => logs.push(String(d)));
  child.stderr.on('data', (d) => logs.push(String(d)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${logs.join('')}`);
    try {
      const res = await fetch(`${url}/api/ready`);
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`server not ready in time:\n${logs.join('')}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  // A city started without the demo (YUXIN_SEED_DEMO=false) has no demo sign-ins.
  const signInsFile = join(dataDir, 'demo-sign-ins.json');
  const demo = existsSync(signInsFile)
    ? (JSON.parse(readFileSync(signInsFile, 'utf8')) as {
        accounts: DemoSignIn[];
        twoFactorSecrets?: Record<string, string>;
      })
    : { accounts: [] };
  const accounts = demo.accounts;
  rememberSecrets(url, demo.twoFactorSecrets);
  const kill = (signal: NodeJS.Signals = 'SIGTERM') =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill(signal);
    });
  return {
    url,
    dataDir,
    accounts,
    process: child,
    logs,
    kill,
    async stop() {
      await kill();
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A minimal API client for test setup (not for the behaviour under test). */
export async function apiSession(baseUrl: string, username: string, password = E2E_PASSWORD) {
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!login.ok) throw new Error(`login ${username}: ${login.status} ${await login.text()}`);
  let cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const loggedIn = (await login.json()) as { csrfToken: string; user: { secondFactor: string | null } };
  let csrfToken = loggedIn.csrfToken;
  // Administrators and psychology staff owe a TOTP code after the password (demo secrets, see two-factor.ts).
  if (loggedIn.user.secondFactor === 'verify') {
    const verified = await fetch(`${baseUrl}/api/v1/auth/two-factor/verify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
      body: JSON.stringify({ code: await nextCode(baseUrl, username) }),
    });
    if (!verified.ok) throw new Error(`second factor ${username}: ${verified.status} ${await verified.text()}`);
    cookie = verified.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    csrfToken = ((await verified.json()) as { csrfToken: string }).csrfToken;
  }
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        cookie,
        'x-csrf-token': csrfToken,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    return { status: res.status, json: text ? JSON.parse(text) : null };
  };
  /** A file in multipart field `file`, as the import pages send it. */
  const upload = async (path: string, filename: string, bytes: Uint8Array<ArrayBuffer> | string) => {
    const form = new FormData();
    form.append('file', new Blob([bytes]), filename);
    const res = await fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrfToken },
      body: form,
    });
    const text = await res.text();
    return { status: res.status, json: text ? JSON.parse(text) : null };
  };
  const download = async (path: string) => {
    const res = await fetch(`${baseUrl}${path}`, { headers: { cookie, 'x-csrf-token': csrfToken } });
    if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
    return Buffer.from(await res.arrayBuffer());
  };
  return {
    get: (p: string) => call('GET', p),
    post: (p: string, b?: unknown) => call('POST', p, b ?? {}),
    put: (p: string, b?: unknown) => call('PUT', p, b ?? {}),
    patch: (p: string, b?: unknown) => call('PATCH', p, b ?? {}),
    upload,
    download,
  };
}

const cookiesOf = (res: Response) =>
  res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');

/**
 * An account made during the test signs in for the first time as its person would, through the API: the
 * initial password is replaced by E2E_PASSWORD and, for staff who must have one, an authenticator is set up
 * and remembered, so `signIn` and `apiSession` work for the account afterwards.
 */
export async function firstSignIn(baseUrl: string, username: string, initialPassword: string) {
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: initialPassword }),
  });
  if (!login.ok) throw new Error(`first sign-in ${username}: ${login.status} ${await login.text()}`);
  let cookie = cookiesOf(login);
  const loggedIn = (await login.json()) as { csrfToken: string; user: { secondFactor: string | null } };
  let csrfToken = loggedIn.csrfToken;
  const post = (path: string, body: unknown) =>
    fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
      body: JSON.stringify(body),
    });
  // The authenticator comes first: until it is set up the server answers nothing else, not even a password change.
  if (loggedIn.user.secondFactor === 'enrol') {
    const begun = await post('/api/v1/auth/two-factor/enrolment', {});
    if (!begun.ok) throw new Error(`enrol ${username}: ${begun.status} ${await begun.text()}`);
    const { secret } = (await begun.json()) as { secret: string };
    const confirmed = await post('/api/v1/auth/two-factor/enrolment/confirm', {
      code: await nextCode(baseUrl, username, secret),
    });
    if (!confirmed.ok) throw new Error(`confirm ${username}: ${confirmed.status} ${await confirmed.text()}`);
    rememberSecret(baseUrl, username, secret);
    const renewed = cookiesOf(confirmed);
    if (renewed) cookie = renewed;
    csrfToken = ((await confirmed.json()) as { csrfToken?: string }).csrfToken ?? csrfToken;
  }
  const changed = await post('/api/v1/auth/change-password', {
    currentPassword: initialPassword,
    newPassword: E2E_PASSWORD,
  });
  if (changed.status !== 204) throw new Error(`change password ${username}: ${changed.status} ${await changed.text()}`);
}
