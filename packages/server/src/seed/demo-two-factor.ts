import { secondFactorRequired, type Role } from '@yuxin/core';
import type { Kysely } from 'kysely';
import { generateSecret } from 'otplib';
import { enrolWithSecret } from '../auth/two-factor.js';
import type { Database } from '../db/types.js';

/**
 * The demo city's staff who must sign in with a second factor (administrators and every role that reads
 * psychological data) get an authenticator at once, so a visitor and the browser tests can sign in as
 * any of them: the secrets go to `data/demo-sign-ins.json` beside the demo password (file mode 0600),
 * `npm run demo-code -- <username>` prints the current code, and a real city (YUXIN_SEED_DEMO=false)
 * never runs this. Answers username → base32 secret.
 */
export async function enrolDemoStaff(db: Kysely<Database>): Promise<Record<string, string>> {
  const staff = await db
    .selectFrom('user_account as a')
    .innerJoin('role_binding as b', 'b.user_id', 'a.id')
    .select(['a.id', 'a.username', 'b.role'])
    .where('a.kind', '=', 'staff')
    .execute();
  const roles = new Map<string, { username: string; roles: Role[] }>();
  for (const row of staff) {
    const entry = roles.get(row.id) ?? { username: row.username, roles: [] };
    entry.roles.push(row.role as Role);
    roles.set(row.id, entry);
  }
  const secrets = new Map<string, string>();
  for (const [id, entry] of roles)
    if (secondFactorRequired('staff', entry.roles, false)) secrets.set(id, generateSecret());
  await enrolWithSecret(db, [...secrets.keys()], (id) => secrets.get(id)!);
  return Object.fromEntries([...secrets].map(([id, secret]) => [roles.get(id)!.username, secret]));
}
