import type { Kysely } from 'kysely';
import type { Database } from '../db/types.js';
import type { Locale } from '../http/locale.js';
import { forbidden, notFound, Problem } from '../http/problem.js';
import { fill } from '../jobs/messages.js';
import { placementOfUnit } from '../org/placement.js';
import type { ServiceContext } from '../services/context.js';
import type { ResolvedScope } from './scope-resolver.js';
import { findBinding, grantBinding, revokeBinding } from './staff-writes.js';

/**
 * A class's peer supporters (心理委员, issue 14): students of the class whose account is bound to the
 * `peer_supporter` role on the class, so they report what they see to the warning network. Chosen by the
 * class's head teacher or the school's psychology teachers (`peer.appoint`), never by the student. The
 * binding is the same one the staff page grants, so either place shows and removes it.
 */

const MESSAGES = {
  'not-in-class': {
    'zh-CN': '该学生不在本班，只能从本班在读学生中选任心理委员。',
    en: 'This student is not in the class: peer supporters are chosen from its enrolled students.',
  },
  'no-account': {
    'zh-CN': '该学生还没有登录账号，请先在账号页面为其开通。',
    en: 'This student has no sign-in account yet; create one on the accounts page first.',
  },
} as const;

function studentProblem(key: keyof typeof MESSAGES, locale: Locale): Problem {
  return new Problem('validation', {
    errors: [{ field: '/studentId', key: 'field.invalid', message: fill(MESSAGES[key][locale]) }],
  });
}

export interface PeerSupporter {
  studentId: string;
  name: string;
  studentNo: string;
  appointedAt: string;
}

async function classOf(ctx: ServiceContext, classId: string) {
  const unit = await ctx.db
    .selectFrom('org_unit')
    .selectAll()
    .where('id', '=', classId)
    .where('kind', '=', 'class')
    .executeTakeFirst();
  if (!unit) throw notFound();
  const binding = ctx.access.require('peer.appoint', placementOfUnit(unit));
  const target: ResolvedScope = {
    scope: { level: 'class', id: unit.id },
    placement: placementOfUnit(unit),
    name: unit.name_zh,
  };
  return { unit, binding, target };
}

function listOf(db: Kysely<Database>, classId: string) {
  return db
    .selectFrom('role_binding as b')
    .innerJoin('user_account as a', 'a.id', 'b.user_id')
    .innerJoin('student as s', 's.id', 'a.student_id')
    .select(['b.id as bindingId', 's.id as studentId', 's.name', 's.student_no', 'b.created_at'])
    .where('b.role', '=', 'peer_supporter')
    .where('b.scope_level', '=', 'class')
    .where('b.scope_id', '=', classId)
    .orderBy('s.name')
    .execute();
}

export async function listPeerSupporters(ctx: ServiceContext, classId: string): Promise<PeerSupporter[]> {
  await classOf(ctx, classId);
  return (await listOf(ctx.db, classId)).map((r) => ({
    studentId: r.studentId,
    name: r.name,
    studentNo: r.student_no,
    appointedAt: new Date(r.created_at).toISOString(),
  }));
}

export async function appointPeerSupporter(
  ctx: ServiceContext,
  classId: string,
  studentId: string,
): Promise<{ created: boolean }> {
  const { binding, target } = await classOf(ctx, classId);
  const student = await ctx.db
    .selectFrom('student')
    .select(['id', 'class_id', 'status'])
    .where('id', '=', studentId)
    .executeTakeFirst();
  if (!student || student.class_id !== classId || student.status !== 'active')
    throw studentProblem('not-in-class', ctx.locale);
  const account = await ctx.db
    .selectFrom('user_account')
    .select(['id'])
    .where('student_id', '=', student.id)
    .where('kind', '=', 'student')
    .executeTakeFirst();
  if (!account) throw studentProblem('no-account', ctx.locale);
  // Nobody grants a role to themselves (a staff account is never a student's, but the rule is kept here too).
  if (account.id === ctx.actorId) throw forbidden();
  return ctx.db.transaction().execute(async (tx) => {
    const result = await grantBinding(tx, account.id, 'peer_supporter', target, ctx.actorId);
    await ctx.audit(tx, {
      action: 'peer.appoint',
      targetType: 'account',
      targetId: account.id,
      placement: { ...target.placement, personId: student.id },
      binding,
      detail: { bindingId: result.id, studentId: student.id, classId, created: result.created },
    });
    return { created: result.created };
  });
}

export async function removePeerSupporter(ctx: ServiceContext, classId: string, studentId: string): Promise<void> {
  const { binding, target } = await classOf(ctx, classId);
  const held = (await listOf(ctx.db, classId)).find((r) => r.studentId === studentId);
  // Removing one who is not (or no longer) a peer supporter of the class changes nothing.
  if (!held) return;
  const found = await findBinding(ctx.db, held.bindingId);
  if (!found || found.revoked) return;
  await ctx.db.transaction().execute(async (tx) => {
    await revokeBinding(tx, found, ctx.actorId);
    await ctx.audit(tx, {
      action: 'peer.remove',
      targetType: 'role_binding',
      targetId: found.id,
      placement: { ...target.placement, personId: studentId },
      binding,
      detail: { userId: found.user_id, studentId, classId },
    });
  });
}
