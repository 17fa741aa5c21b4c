import type { Kysely } from 'kysely';
import type { Database } from '../db/types.js';

/** Warning records made on first use, for matrix rows that need a notification of a known person. */
export function warningMatrixFixtures(db: Kysely<Database>) {
  return {
    /** A fresh in-app notification addressed to the account with this username. */
    async notificationFor(username: string): Promise<string> {
      const user = await db
        .selectFrom('user_account')
        .select('id')
        .where('username', '=', username)
        .executeTakeFirstOrThrow();
      const row = await db
        .insertInto('notification')
        .values({
          user_id: user.id,
          kind: 'alert.raised',
          payload: JSON.stringify({ title: { 'zh-CN': '测试', en: 'Test' }, body: { 'zh-CN': '', en: '' } }),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },
  };
}
