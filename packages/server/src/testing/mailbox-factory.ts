import type { Kysely } from 'kysely';
import { encryptText, pseudonym } from '../crypto/field-crypto.js';
import type { Database } from '../db/types.js';
import { MAILBOX_SENDER } from '../mailbox/threads.js';

type Db = Kysely<Database>;
type StudentRef = {
  id: string;
  city_id: string;
  district_id: string;
  school_id: string;
  grade_id: string;
  class_id: string;
};

/**
 * Mailbox letters for the role × route matrix, written straight to the database: a fresh thread per
 * request, since a risk mark cannot be made twice. `home` is the demo student's own, `classmate` another
 * student's of the same school, `other` a student's of another district's school.
 */
export function mailboxMatrixFixtures(db: Db, cast: { home: StudentRef; classmate: StudentRef; other: StudentRef }) {
  let counter = 0;
  const thread = async (side: 'home' | 'classmate' | 'other', anonymous = false) => {
    const s = cast[side];
    // Whose account an answer's notice goes to; a fixture student without an account of their own borrows
    // the administrator's, the notice being beside the point here.
    const account =
      (await db.selectFrom('user_account').select('id').where('student_id', '=', s.id).executeTakeFirst()) ??
      (await db.selectFrom('user_account').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow());
    const t = await db
      .insertInto('mailbox_thread')
      .values({
        city_id: s.city_id,
        district_id: s.district_id,
        school_id: s.school_id,
        grade_id: anonymous ? null : s.grade_id,
        class_id: anonymous ? null : s.class_id,
        student_id: anonymous ? null : s.id,
        anonymous,
        sender_tag: pseudonym(MAILBOX_SENDER, s.id),
        reply_to_enc: encryptText(account.id),
        client_id: crypto.randomUUID(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('mailbox_message')
      .values({
        thread_id: t.id,
        author: 'student',
        body_enc: encryptText(`矩阵测试来信 ${++counter}`),
        client_id: crypto.randomUUID(),
      })
      .execute();
    return t.id;
  };
  return { thread };
}
