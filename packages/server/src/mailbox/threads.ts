import {
  compareMailboxThreads,
  mailboxRiskRefusal,
  mailboxThreadState,
  type MailboxAuthor,
  type OrgPlacement,
  type RoleBinding,
} from '@yuxin/core';
import type { AuditFacts } from '../audit/request-audit.js';
import type { Kysely } from 'kysely';
import { decryptOptional, decryptText, encryptText, pseudonym, pseudonymsOf } from '../crypto/field-crypto.js';
import type { Database } from '../db/types.js';
import { forbidden, notFound } from '../http/problem.js';
import { isUniqueViolation } from '../counseling/messages.js';
import { userNames } from '../counseling/store.js';
import { placementOf } from '../org/placement.js';
import type { ServiceContext } from '../services/context.js';
import { enqueueNotifications } from '../warning/notify.js';
import { raiseStudentAlert } from '../warning/raise.js';
import { getWarningSettings } from '../warning/settings.js';
import { getScreeningSettings } from '../screening/settings.js';
import { mailboxProblem, mm } from './messages.js';

/** The HMAC purpose of a thread's writer: a tag of the student under the data key, never the student's id. */
export const MAILBOX_SENDER = 'mailbox-sender';
const SENDER = MAILBOX_SENDER;
/** Threads the teachers' queue loads at once: a school's mailbox, not an archive. */
const QUEUE_LIMIT = 300;

type Db = Kysely<Database>;

/**
 * Where a thread sits for the policy. An anonymous one is placed at its school only: no class, no person,
 * so no role bound below the school, nor the writer's guardian, reaches it.
 */
function threadPlacement(t: {
  city_id: string;
  district_id: string;
  school_id: string;
  grade_id: string | null;
  class_id: string | null;
  student_id: string | null;
}): OrgPlacement {
  return placementOf(t);
}

/** The signed-in student with their placement; a student account without a class cannot write yet. */
async function selfStudent(ctx: ServiceContext) {
  const personId = ctx.access.actor.personId;
  if (!personId) throw ctx.access.can('mailbox.write') ? notFound() : forbidden();
  const s = await ctx.db
    .selectFrom('student')
    .select(['id', 'city_id', 'district_id', 'school_id', 'grade_id', 'class_id'])
    .where('id', '=', personId)
    .executeTakeFirst();
  if (!s) throw notFound();
  const binding = ctx.access.require('mailbox.write', placementOf({ ...s, student_id: s.id }));
  return { student: s, binding };
}

async function messagesOf(db: Db, threadIds: string[]) {
  if (threadIds.length === 0) return new Map<string, MessageRow[]>();
  const rows = await db
    .selectFrom('mailbox_message')
    .select(['id', 'thread_id', 'author', 'author_id', 'body_enc', 'created_at'])
    .where('thread_id', 'in', threadIds)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const by = new Map<string, MessageRow[]>();
  for (const r of rows) by.set(r.thread_id, [...(by.get(r.thread_id) ?? []), r]);
  return by;
}

type MessageRow = {
  id: string;
  thread_id: string;
  author: MailboxAuthor;
  author_id: string | null;
  body_enc: string;
  created_at: Date;
};

async function messageViews(db: Db, rows: MessageRow[]) {
  const names = await userNames(db, [...new Set(rows.flatMap((r) => (r.author_id ? [r.author_id] : [])))]);
  return rows.map((r) => ({
    id: r.id,
    author: r.author,
    // Teachers answer under their own name; a student's message carries none (anonymous or not, the thread says who).
    authorName: r.author_id ? (names.get(r.author_id) ?? '') : null,
    text: decryptText(r.body_enc),
    at: r.created_at.toISOString(),
  }));
}

function threadQuery(db: Db) {
  return db
    .selectFrom('mailbox_thread as t')
    .leftJoin('student as s', 's.id', 't.student_id')
    .leftJoin('org_unit as c', 'c.id', 't.class_id')
    .selectAll('t')
    .select(['s.name as student_name', 'c.name_zh as class_name']);
}

// ---------------------------------------------------------------------------------------------------------
// The student's side

/** The student's own threads, newest talk first, each with its first letter's opening words. */
export async function listMyThreads(ctx: ServiceContext) {
  const { student } = await selfStudent(ctx);
  const rows = await ctx.db
    .selectFrom('mailbox_thread')
    .selectAll()
    .where('sender_tag', 'in', pseudonymsOf(SENDER, student.id))
    .orderBy('last_at', 'desc')
    .limit(100)
    .execute();
  const msgs = await messagesOf(
    ctx.db,
    rows.map((r) => r.id),
  );
  // No audit row: the writer reads their own letters, and a row naming them beside an anonymous thread's
  // id would be the very link anonymity promises not to keep.
  const { hotline } = await getScreeningSettings(ctx.db, student.city_id);
  return {
    // A letter waits for a teacher's answer; the city's help lines answer now.
    helpLines: hotline.map((h) => ({ name: ctx.locale === 'zh-CN' ? h.nameZh : h.nameEn, number: h.number })),
    items: rows.map((r) => {
      const m = msgs.get(r.id) ?? [];
      return {
        id: r.id,
        anonymous: r.anonymous,
        state: mailboxThreadState(m),
        preview: m[0] ? decryptText(m[0].body_enc).slice(0, 60) : '',
        messageCount: m.length,
        createdAt: r.created_at.toISOString(),
        lastAt: r.last_at.toISOString(),
      };
    }),
  };
}

/**
 * A new letter to the school's psychology teachers. Named: the thread carries the student and class.
 * Anonymous: only the school and the writer's HMAC tag. The same client id sent again opens nothing new.
 */
export async function writeThread(ctx: ServiceContext, body: { text: string; anonymous: boolean; clientId: string }) {
  const { student, binding } = await selfStudent(ctx);
  const text = body.text.trim();
  if (!text) throw mailboxProblem(ctx.locale, 'validation', 'text.required', '/text');
  const tag = pseudonym(SENDER, student.id);
  const existing = await findByClient(ctx.db, pseudonymsOf(SENDER, student.id), body.clientId);
  if (existing) return { id: existing, created: false };
  try {
    return await ctx.db.transaction().execute(async (tx) => {
      const named = !body.anonymous;
      const t = await tx
        .insertInto('mailbox_thread')
        .values({
          city_id: student.city_id,
          district_id: student.district_id,
          school_id: student.school_id,
          grade_id: named ? student.grade_id : null,
          class_id: named ? student.class_id : null,
          student_id: named ? student.id : null,
          anonymous: body.anonymous,
          sender_tag: tag,
          reply_to_enc: encryptText(ctx.actorId),
          client_id: body.clientId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await tx
        .insertInto('mailbox_message')
        .values({ thread_id: t.id, author: 'student', body_enc: encryptText(text), client_id: body.clientId })
        .execute();
      await ctx.audit(
        tx,
        writeAudit(named ? t.id : null, placementOf({ ...student, student_id: student.id }), binding, {
          anonymous: body.anonymous,
        }),
      );
      return { id: t.id, created: true };
    });
  } catch (err) {
    // A concurrent retry won the insert: answer with its thread.
    if (!isUniqueViolation(err)) throw err;
    const won = await findByClient(ctx.db, pseudonymsOf(SENDER, student.id), body.clientId);
    if (!won) throw err;
    return { id: won, created: false };
  }
}

async function findByClient(db: Db, tags: string[], clientId: string) {
  const r = await db
    .selectFrom('mailbox_thread')
    .select('id')
    .where('sender_tag', 'in', tags)
    .where('client_id', '=', clientId)
    .executeTakeFirst();
  return r?.id ?? null;
}

/** One of the student's own threads; another's is 404, never 403, so its existence is not revealed. */
async function myThread(db: Db, studentId: string, id: string) {
  const t = await db
    .selectFrom('mailbox_thread')
    .selectAll()
    .where('id', '=', id)
    .where('sender_tag', 'in', pseudonymsOf(SENDER, studentId))
    .executeTakeFirst();
  if (!t) throw notFound();
  return t;
}

export async function readMyThread(ctx: ServiceContext, id: string) {
  const { student } = await selfStudent(ctx);
  const t = await myThread(ctx.db, student.id, id);
  const m = (await messagesOf(ctx.db, [t.id])).get(t.id) ?? [];
  return {
    id: t.id,
    anonymous: t.anonymous,
    state: mailboxThreadState(m),
    createdAt: t.created_at.toISOString(),
    messages: await messageViews(ctx.db, m),
  };
}

/** The student writes again in their thread; the same client id twice is one message. */
export async function replyMine(ctx: ServiceContext, id: string, body: { text: string; clientId: string }) {
  const { student, binding } = await selfStudent(ctx);
  const t = await myThread(ctx.db, student.id, id);
  const text = body.text.trim();
  if (!text) throw mailboxProblem(ctx.locale, 'validation', 'text.required', '/text');
  const added = await addMessage(ctx, t.id, { author: 'student', authorId: null, text, clientId: body.clientId });
  if (added.created)
    await ctx.audit(
      ctx.db,
      writeAudit(t.anonymous ? null : t.id, threadPlacement(t), binding, { anonymous: t.anonymous, reply: true }),
    );
  return added;
}

/**
 * The audit row of a student's write. It names the writer, so for an anonymous letter it names neither the
 * thread nor the school: placed at the city only (like a teacher's own self-check), the school's audit
 * readers do not see it beside the letter their psychology teachers read.
 */
function writeAudit(
  threadId: string | null,
  placement: OrgPlacement,
  binding: RoleBinding,
  detail: Record<string, unknown>,
): AuditFacts {
  return threadId
    ? { action: 'mailbox.write', targetType: 'mailbox_thread', targetId: threadId, placement, binding, detail }
    : {
        action: 'mailbox.write',
        targetType: 'mailbox',
        targetId: null,
        placement: { cityId: placement.cityId },
        exactPlacement: true,
        binding,
        detail,
      };
}

/** Adds a message once per (thread, client id); moves the thread's last talk on. */
async function addMessage(
  ctx: ServiceContext,
  threadId: string,
  m: { author: MailboxAuthor; authorId: string | null; text: string; clientId: string },
  after?: (tx: Kysely<Database>, messageId: string) => Promise<void>,
) {
  const found = () =>
    ctx.db
      .selectFrom('mailbox_message')
      .select('id')
      .where('thread_id', '=', threadId)
      .where('client_id', '=', m.clientId)
      .executeTakeFirst();
  const existing = await found();
  if (existing) return { id: existing.id, created: false };
  try {
    return await ctx.db.transaction().execute(async (tx) => {
      const row = await tx
        .insertInto('mailbox_message')
        .values({
          thread_id: threadId,
          author: m.author,
          author_id: m.authorId,
          body_enc: encryptText(m.text),
          client_id: m.clientId,
        })
        .returning(['id', 'created_at'])
        .executeTakeFirstOrThrow();
      await tx.updateTable('mailbox_thread').set({ last_at: row.created_at }).where('id', '=', threadId).execute();
      if (after) await after(tx, row.id);
      return { id: row.id, created: true };
    });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    const won = await found();
    if (!won) throw err;
    return { id: won.id, created: false };
  }
}

// ---------------------------------------------------------------------------------------------------------
// The psychology teachers' side

/**
 * The school's letters, unanswered first (the longest waiting on top). Named ones show the student's name
 * and class, anonymous ones nothing of the writer. No letter text here; the listing is audited with the
 * threads it showed.
 */
export async function listSchoolThreads(ctx: ServiceContext) {
  const rows = await threadQuery(ctx.db)
    .where(ctx.access.filter('mailbox.answer', { school: 't.school_id' }))
    .orderBy('t.last_at', 'desc')
    .limit(QUEUE_LIMIT)
    .execute();
  const msgs = await messagesOf(
    ctx.db,
    rows.map((r) => r.id),
  );
  const items = rows
    .map((r) => {
      const m = msgs.get(r.id) ?? [];
      return { r, m, state: mailboxThreadState(m), lastAt: r.last_at };
    })
    .sort(compareMailboxThreads)
    .map(({ r, m, state }) => ({
      id: r.id,
      anonymous: r.anonymous,
      student: r.student_id ? { name: r.student_name ?? '', className: r.class_name ?? '' } : null,
      state,
      messageCount: m.length,
      riskMarked: r.risk_marked_at !== null,
      createdAt: r.created_at.toISOString(),
      lastAt: r.last_at.toISOString(),
    }));
  for (const schoolId of new Set(rows.map((r) => r.school_id))) {
    const ofSchool = rows.filter((r) => r.school_id === schoolId);
    await ctx.audit(ctx.db, {
      action: 'mailbox.list',
      targetType: 'school',
      targetId: schoolId,
      placement: { cityId: ofSchool[0]!.city_id, districtId: ofSchool[0]!.district_id, schoolId },
      detail: { threadIds: ofSchool.map((r) => r.id) },
    });
  }
  return { items };
}

async function staffThread(db: Db, id: string) {
  const t = await threadQuery(db).where('t.id', '=', id).executeTakeFirst();
  if (!t) throw notFound();
  return t;
}

/** One letter with its answers, for the school's psychology teachers; every read is audited. */
export async function readThread(ctx: ServiceContext, id: string) {
  const t = await staffThread(ctx.db, id);
  const binding = ctx.access.require('mailbox.answer', threadPlacement(t));
  await ctx.audit(ctx.db, {
    action: 'mailbox.thread.read',
    targetType: 'mailbox_thread',
    targetId: t.id,
    placement: threadPlacement(t),
    binding,
    detail: { anonymous: t.anonymous, ...(t.student_id ? { studentId: t.student_id } : {}) },
  });
  return threadView(ctx.db, t);
}

async function threadView(db: Db, t: Awaited<ReturnType<typeof staffThread>>) {
  const m = (await messagesOf(db, [t.id])).get(t.id) ?? [];
  const markedBy = t.risk_marked_by ? await userNames(db, [t.risk_marked_by]) : new Map<string, string>();
  return {
    id: t.id,
    anonymous: t.anonymous,
    student: t.student_id ? { id: t.student_id, name: t.student_name ?? '', className: t.class_name ?? '' } : null,
    state: mailboxThreadState(m),
    createdAt: t.created_at.toISOString(),
    messages: await messageViews(db, m),
    risk: t.risk_marked_at
      ? {
          reason: decryptOptional(t.risk_reason_enc) ?? '',
          markedBy: markedBy.get(t.risk_marked_by!) ?? '',
          markedAt: t.risk_marked_at.toISOString(),
          alertId: t.alert_id,
        }
      : null,
  };
}

/**
 * A teacher answers. The writer is told in the app; the notice names neither the letter nor the writer
 * (an anonymous writer's account is known to the server only, from the encrypted reply-to).
 */
export async function answerThread(ctx: ServiceContext, id: string, body: { text: string; clientId: string }) {
  const t = await staffThread(ctx.db, id);
  const binding = ctx.access.require('mailbox.answer', threadPlacement(t));
  const text = body.text.trim();
  if (!text) throw mailboxProblem(ctx.locale, 'validation', 'text.required', '/text');
  const added = await addMessage(
    ctx,
    t.id,
    { author: 'teacher', authorId: ctx.actorId, text, clientId: body.clientId },
    async (tx, messageId) => {
      const { channels } = await getWarningSettings(tx, t.city_id);
      const both = (key: 'notice.title' | 'notice.body') => ({ 'zh-CN': mm(key, 'zh-CN'), en: mm(key, 'en') });
      await enqueueNotifications(tx, {
        users: [decryptText(t.reply_to_enc)],
        payload: { kind: 'mailbox.answered', title: both('notice.title'), body: both('notice.body') },
        channels,
        // Keyed by a pseudonym of the message, so the outbox does not pair the writer's account with the letter.
        dedupePrefix: `mailbox:${pseudonym('mailbox-notice', messageId)}`,
      });
      await ctx.audit(tx, {
        action: 'mailbox.answer',
        targetType: 'mailbox_thread',
        targetId: t.id,
        placement: threadPlacement(t),
        binding,
        detail: { messageId, anonymous: t.anonymous },
      });
    },
  );
  return added;
}

/**
 * A teacher judges a letter at risk. A named one becomes the student's alert, raised like every other (the
 * school's deadline, notices, escalation and 复核); an anonymous one is refused with why, and the refusal
 * audited: nothing here, nor in the refusal, points to who wrote it.
 */
export async function markRisk(
  ctx: ServiceContext,
  id: string,
  body: { reason: string; urgency: 'crisis' | 'high' | 'attention' },
) {
  const t = await staffThread(ctx.db, id);
  const binding = ctx.access.require('mailbox.answer', threadPlacement(t));
  const refusal = mailboxRiskRefusal(t);
  if (refusal) {
    await ctx.audit(ctx.db, {
      action: 'mailbox.risk',
      targetType: 'mailbox_thread',
      targetId: t.id,
      placement: threadPlacement(t),
      binding,
      outcome: 'denied',
      detail: { refusal },
    });
    throw mailboxProblem(ctx.locale, 'conflict', `risk.${refusal}`);
  }
  const reason = body.reason.trim();
  if (!reason) throw mailboxProblem(ctx.locale, 'validation', 'reason.required', '/reason');
  return ctx.db.transaction().execute(async (tx) => {
    const locked = await tx
      .selectFrom('mailbox_thread')
      .select(['alert_id'])
      .where('id', '=', t.id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (locked.alert_id) throw mailboxProblem(ctx.locale, 'conflict', 'risk.already');
    const student = await tx
      .selectFrom('student')
      .select(['id', 'city_id', 'district_id', 'school_id', 'grade_id', 'class_id'])
      .where('id', '=', t.student_id!)
      .executeTakeFirstOrThrow();
    const reasonEnc = encryptText(reason);
    const alertId = await raiseStudentAlert(tx, {
      student,
      source: 'mailbox',
      urgency: body.urgency,
      reasons: [{ kind: 'mailbox', threadId: t.id, reasonEnc }],
      now: ctx.clock(),
    });
    await tx
      .updateTable('mailbox_thread')
      .set({ risk_reason_enc: reasonEnc, risk_marked_by: ctx.actorId, risk_marked_at: ctx.clock(), alert_id: alertId })
      .where('id', '=', t.id)
      .execute();
    await ctx.audit(tx, {
      action: 'mailbox.risk',
      targetType: 'mailbox_thread',
      targetId: t.id,
      placement: threadPlacement(t),
      binding,
      detail: { studentId: student.id, alertId, urgency: body.urgency },
    });
    return { alertId };
  });
}
