import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChains } from '../../audit/verify.js';
import { demoCampaignId } from '../../seed/demo-screening.js';
import { ensureStudentAccount } from '../../testing/account-fixtures.js';
import { demoFixtures, startTestApp, type Agent, type TestContext } from '../../testing/harness.js';
import type { Fixtures } from '../../testing/matrix.js';

let ctx: TestContext;
let f: Fixtures;
let psych: Agent;
let head: Agent;
let guardian: Agent;
let student: Agent;
let demoStudentId: string;
let classIds: string[];
let peerId: string;

// The hand-checked class: 八年级1班 in a campaign of its own, opened a minute ago.
let campaignId: string;
const roles: Record<'completed' | 'inProgress' | 'paperGranted' | 'paperRefused' | 'stillPending', string[]> = {
  completed: [],
  inProgress: [],
  paperGranted: [],
  paperRefused: [],
  stillPending: [],
};

beforeAll(async () => {
  ctx = await startTestApp();
  f = await demoFixtures(ctx.db);
  [psych, head, guardian, student] = await Promise.all([
    ctx.signIn('psych03'),
    ctx.signIn('head03-8-1'),
    ctx.signIn(roleUser('guardian')),
    ctx.signIn(roleUser('student')),
  ]);
  const demoStudentNo = roleUser('student');
  demoStudentId = (
    await ctx.db.selectFrom('student').select('id').where('student_no', '=', demoStudentNo).executeTakeFirstOrThrow()
  ).id;
  peerId = (
    await ctx.db
      .selectFrom('student')
      .select('id')
      .where('student_no', '=', roleUser('peer_supporter'))
      .executeTakeFirstOrThrow()
  ).id;
  // The peer supporter (a student of the class too) is kept out of the groups: it finishes later on.
  const classmates = await ctx.db
    .selectFrom('student')
    .select('id')
    .where('class_id', '=', f.homeClass.id)
    .where('id', 'not in', [demoStudentId, peerId])
    .orderBy('student_no')
    .execute();
  classIds = [demoStudentId, peerId, ...classmates.map((s) => s.id)];

  // Everyone 14 on the opening day except five (the demo student among them), who need a guardian.
  const under14 = [demoStudentId, ...classmates.slice(0, 4).map((s) => s.id)];
  await ctx.db
    .updateTable('student')
    .set({ birth_date: '2010-06-01' })
    .where('class_id', '=', f.homeClass.id)
    .execute();
  await ctx.db.updateTable('student').set({ birth_date: '2014-06-01' }).where('id', 'in', under14).execute();
  roles.paperGranted = [under14[1]!];
  roles.paperRefused = [under14[2]!];
  roles.stillPending = [under14[3]!, under14[4]!];
  roles.completed = classmates.slice(4, 7).map((s) => s.id);
  roles.inProgress = classmates.slice(7, 9).map((s) => s.id);

  const created = await psych.post('/api/v1/campaigns', {
    ownerId: f.home.id,
    kind: 'targeted',
    name: '八年级1班分类测',
    opensAt: new Date(Date.now() - 60_000).toISOString(),
    targetIds: [f.homeClass.id],
  });
  campaignId = created.json().id;
  expect((await psych.post(`/api/v1/campaigns/${campaignId}/publish`)).statusCode).toBe(200);
  // Answering is the questionnaire's job; here its outcome is written directly.
  const now = new Date();
  await ctx.db
    .updateTable('screening_assignment')
    .set({ status: 'completed', started_at: now, completed_at: now })
    .where('campaign_id', '=', campaignId)
    .where('student_id', 'in', roles.completed)
    .execute();
  await ctx.db
    .updateTable('screening_assignment')
    .set({ status: 'in_progress', started_at: now })
    .where('campaign_id', '=', campaignId)
    .where('student_id', 'in', roles.inProgress)
    .execute();
});
afterAll(() => ctx?.close());

function roleUser(role: string) {
  return ctx.demo.accounts.find((a) => a.role === role)!.username;
}

describe('consent', () => {
  it('lets a guardian decide for their own child only, online', async () => {
    const url = `/api/v1/campaigns/${campaignId}/consents`;
    const mine = await guardian.get('/api/v1/my/consents');
    expect(mine.statusCode).toBe(200);
    const asked = mine.json().items.find((i: { campaignId: string }) => i.campaignId === campaignId);
    expect(asked).toMatchObject({
      student: { id: demoStudentId },
      consentStatus: 'pending',
      needsDecision: true,
      lastDecision: null,
      status: 'open',
    });
    expect(asked.noticeZh.length).toBeGreaterThan(20);
    expect(asked.instruments.map((i: { code: string }) => i.code)).toEqual(['phqa', 'gad7', 'asq']);

    const granted = await guardian.post(url, { studentId: demoStudentId, decision: 'granted' });
    expect(granted.statusCode, granted.body).toBe(200);
    expect(granted.json()).toMatchObject({ consentStatus: 'granted', method: 'online' });
    expect(
      (await guardian.post(url, { studentId: demoStudentId, decision: 'granted', method: 'paper' })).json().errors[0]
        .field,
    ).toBe('/method');
    // Another child, in the same class or elsewhere, is not theirs.
    expect((await guardian.post(url, { studentId: classIds[1], decision: 'refused' })).statusCode).toBe(404);
    expect(
      (
        await guardian.post(`/api/v1/campaigns/${demoCampaignId(f.home.city_id)}/consents`, {
          studentId: f.otherStudent.id,
          decision: 'refused',
        })
      ).statusCode,
    ).toBe(404);
    const after = (await guardian.get('/api/v1/my/consents'))
      .json()
      .items.find((i: { campaignId: string }) => i.campaignId === campaignId);
    expect(after).toMatchObject({
      consentStatus: 'granted',
      needsDecision: false,
      lastDecision: { decision: 'granted', method: 'online' },
    });
  });

  it('takes a withdrawal as refusal, keeping every decision on record', async () => {
    const url = `/api/v1/campaigns/${demoCampaignId(f.home.city_id)}/consents`;
    const res = await guardian.post(url, { studentId: demoStudentId, decision: 'withdrawn', note: '孩子最近住院' });
    expect(res.json()).toMatchObject({ decision: 'withdrawn', consentStatus: 'refused' });
    await guardian.post(url, { studentId: demoStudentId, decision: 'granted' });
    const history = await ctx.db
      .selectFrom('consent_record')
      .select(['decision', 'method', 'note', 'guardian_id'])
      .where('campaign_id', '=', demoCampaignId(f.home.city_id))
      .where('student_id', '=', demoStudentId)
      .orderBy('recorded_at')
      .execute();
    // The seed's grant, the withdrawal, the grant again.
    expect(history.map((h) => h.decision)).toEqual(['granted', 'withdrawn', 'granted']);
    // Each decision made online is the signed-in guardian's, recorded in their name: a guardian of this child.
    const guardians = await ctx.db
      .selectFrom('student_guardian')
      .select('guardian_id')
      .where('student_id', '=', demoStudentId)
      .execute();
    for (const h of history.slice(1)) expect(guardians.map((g) => g.guardian_id)).toContain(h.guardian_id);
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select(['action', 'role'])
      .where('target_id', '=', demoStudentId)
      .where('action', '=', 'consent.record')
      .execute();
    expect(audit).toHaveLength(3);
    expect(audit.every((a) => a.role === 'guardian')).toBe(true);
  });

  it('lets the head teacher record paper forms for the class, not online ones, and not for other classes', async () => {
    const url = `/api/v1/campaigns/${campaignId}/consents`;
    expect(
      (await head.post(url, { studentId: roles.paperGranted[0], decision: 'granted', method: 'paper' })).json()
        .consentStatus,
    ).toBe('granted');
    expect((await head.post(url, { studentId: roles.paperRefused[0], decision: 'refused' })).json()).toMatchObject({
      consentStatus: 'refused',
      method: 'paper',
    });
    expect(
      (await head.post(url, { studentId: roles.stillPending[0], decision: 'granted', method: 'online' })).statusCode,
    ).toBe(400);
    // A paper form is the guardian's decision but recorded by staff: no guardian account is named.
    const paper = await ctx.db
      .selectFrom('consent_record')
      .select(['guardian_id', 'method'])
      .where('campaign_id', '=', campaignId)
      .where('student_id', '=', roles.paperGranted[0]!)
      .executeTakeFirstOrThrow();
    expect(paper).toEqual({ guardian_id: null, method: 'paper' });
    expect(
      (
        await head.post(`/api/v1/campaigns/${demoCampaignId(f.home.city_id)}/consents`, {
          studentId: f.homeOtherClassStudent.id,
          decision: 'granted',
        })
      ).statusCode,
    ).toBe(404);
  });
});

describe('declining', () => {
  it('lets a student decline their own questionnaire and take it back; a finished one cannot be declined', async () => {
    const url = `/api/v1/campaigns/${campaignId}/decline`;
    expect((await student.post(url, {})).json()).toEqual({ campaignId, status: 'declined' });
    expect((await student.post(url, {})).json().status).toBe('declined');
    expect((await student.post(url, { undo: true })).json().status).toBe('pending');
    expect((await student.post(url, {})).json().status).toBe('declined');
    expect((await guardian.post(url, {})).statusCode).toBe(404);
    const records = await ctx.db
      .selectFrom('consent_record')
      .select('decision')
      .where('campaign_id', '=', campaignId)
      .where('kind', '=', 'student_decline')
      .orderBy('recorded_at')
      .execute();
    expect(records.map((r) => r.decision)).toEqual(['declined', 'withdrawn', 'declined']);

    const peer = await ctx.signIn(roleUser('peer_supporter'));
    await ctx.db
      .updateTable('screening_assignment')
      .set({ status: 'completed' })
      .where('campaign_id', '=', campaignId)
      .where('student_id', '=', peerId)
      .execute();
    roles.completed.push(peerId);
    const late = await peer.post(url, {});
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('assignment.completed');
  });
});

// Hand count for 八年级1班: everyone but the five under-14s needs no consent.
const expected = () => {
  const n = classIds.length;
  const completed = roles.completed.length; // 3 + the peer supporter
  const declined = 1; // the demo student
  const consentRefused = roles.paperRefused.length;
  const inProgress = roles.inProgress.length;
  return {
    invited: n,
    completed,
    inProgress,
    declined,
    consentRefused,
    consentPending: roles.stillPending.length,
    notStarted: n - completed - inProgress - declined - consentRefused,
    completionRate: Math.round((completed / n) * 1000) / 1000,
  };
};

describe('completion', () => {
  it('counts a class by hand, the same at every level', async () => {
    const byClass = await psych.get(`/api/v1/campaigns/${campaignId}/completion?level=class&unitId=${f.home.id}`);
    expect(byClass.statusCode).toBe(200);
    expect(byClass.json().rows).toEqual([
      { unitId: f.homeClass.id, kind: 'class', name: '八年级1班', nameEn: 'Grade 8 Class 1', ...expected() },
    ]);
    expect(byClass.json().total).toEqual(expected());
    expect(expected()).toMatchObject({
      invited: classIds.length,
      completed: 4,
      inProgress: 2,
      declined: 1,
      consentRefused: 1,
      consentPending: 2,
    });
    const own = await head.get(`/api/v1/campaigns/${campaignId}/completion?level=class`);
    expect(own.json().rows).toHaveLength(1);
    expect(own.json().rows[0]).toMatchObject(expected());
    // A head teacher is never shown a school or district total built from their own class.
    expect((await head.get(`/api/v1/campaigns/${campaignId}/completion?level=school`)).json().rows).toEqual([]);
    expect(
      (await head.get(`/api/v1/campaigns/${campaignId}/completion?level=school&unitId=${f.home.id}`)).statusCode,
    ).toBe(404);
  });

  it('gives district staff the counts and never a name', async () => {
    const district = await ctx.signIn('district01');
    const res = await district.get(`/api/v1/campaigns/${campaignId}/completion?unitId=${f.home.district_id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ level: 'school', rows: [{ unitId: f.home.id, ...expected() }] });
    const names = await ctx.db.selectFrom('student').select('name').where('class_id', '=', f.homeClass.id).execute();
    for (const { name } of names) expect(res.body).not.toContain(name);
    expect(
      (await district.get(`/api/v1/campaigns/${campaignId}/completion/students?classId=${f.homeClass.id}`)).statusCode,
    ).toBe(403);
    const city = await ctx.signIn('citycenter');
    expect(
      (await city.get(`/api/v1/campaigns/${campaignId}/completion/students?classId=${f.homeClass.id}`)).statusCode,
    ).toBe(403);
    // The city campaign, counted per district for the city.
    const cityRows = (await city.get(`/api/v1/campaigns/${demoCampaignId(f.home.city_id)}/completion`)).json();
    expect(cityRows.rows).toHaveLength(3);
    const students = await ctx.db
      .selectFrom('student')
      .select(ctx.db.fn.countAll<number>().as('n'))
      .where('status', '=', 'active')
      .executeTakeFirstOrThrow();
    expect(cityRows.total.invited).toBe(students.n);
  });

  it('lists the unfinished students of the class for the head teacher, declines left out, and audits the read', async () => {
    const res = await head.get(`/api/v1/campaigns/${campaignId}/completion/students?classId=${f.homeClass.id}`);
    expect(res.statusCode).toBe(200);
    const items = res.json().items as Array<{ studentId: string; status: string; consentStatus: string; name: string }>;
    const e = expected();
    expect(items).toHaveLength(e.invited - e.completed - e.declined);
    expect(items.map((i) => i.studentId)).not.toContain(demoStudentId);
    expect(items.find((i) => i.studentId === roles.paperRefused[0])!.consentStatus).toBe('refused');
    expect(
      items
        .filter((i) => i.status === 'in_progress')
        .map((i) => i.studentId)
        .sort(),
    ).toEqual([...roles.inProgress].sort());
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select(['username', 'payload'])
      .where('action', '=', 'completion.students')
      .where('target_id', '=', f.homeClass.id)
      .execute();
    expect(audit.map((a) => a.username)).toEqual(['head03-8-1']);
    expect(JSON.parse(audit[0]!.payload).detail.returned).toHaveLength(items.length);
  });
});

describe('reminders', () => {
  it('records one reminder per unfinished, not refused student, once an hour at most', async () => {
    const url = `/api/v1/campaigns/${campaignId}/reminders`;
    const e = expected();
    const due = e.notStarted + e.inProgress;
    // A student who has an account of their own is told on it.
    await ensureStudentAccount(ctx.db, roles.paperGranted[0]!, 'Reminded-2026');
    const res = await head.post(url, { classId: f.homeClass.id });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ count: due, skipped: 0 });
    expect((await head.post(url, { classId: f.homeClass.id })).json()).toEqual({ count: 0, skipped: due });

    const reminders = await ctx.db
      .selectFrom('screening_reminder')
      .select(['id', 'student_id', 'recipient', 'purpose'])
      .where('campaign_id', '=', campaignId)
      .execute();
    expect(reminders).toHaveLength(due);
    const reminded = new Set(reminders.map((r) => r.student_id));
    for (const id of [...roles.completed, ...roles.paperRefused, demoStudentId]) expect(reminded.has(id)).toBe(false);
    // Consent still pending: the guardian is asked to decide; everyone else is asked to answer.
    for (const id of roles.stillPending)
      expect(reminders.find((r) => r.student_id === id)).toMatchObject({ recipient: 'guardian', purpose: 'consent' });
    expect(reminders.find((r) => r.student_id === roles.paperGranted[0])).toMatchObject({
      recipient: 'student',
      purpose: 'answer',
    });
    // Each reminder reaches the accounts it names through the notification outbox: the student's own, or
    // every guardian account of the student; no child's name in what is sent.
    const notified = await ctx.db
      .selectFrom('notification as n')
      .innerJoin('user_account as u', 'u.id', 'n.user_id')
      .leftJoin('student_guardian as sg', 'sg.guardian_id', 'u.guardian_id')
      .select(['u.kind', 'u.student_id', 'sg.student_id as ward_id', 'n.payload', 'n.id'])
      .where('n.kind', '=', 'screening.reminder')
      .execute();
    const mine = notified.filter((n) => (n.payload as { campaignId: string }).campaignId === campaignId);
    const toStudents = mine.filter((n) => n.kind === 'student');
    const studentAccounts = await ctx.db
      .selectFrom('user_account')
      .select('student_id')
      .where(
        'student_id',
        'in',
        reminders.filter((r) => r.recipient === 'student').map((r) => r.student_id),
      )
      .where('disabled_at', 'is', null)
      .execute();
    expect(studentAccounts.map((a) => a.student_id)).toContain(roles.paperGranted[0]);
    expect(toStudents.map((n) => n.student_id).sort()).toEqual(studentAccounts.map((a) => a.student_id).sort());
    for (const n of mine.filter((x) => x.kind === 'guardian')) {
      const r = reminders.find((x) => x.student_id === n.ward_id && x.recipient === 'guardian');
      expect(r).toBeDefined();
      expect((n.payload as { purpose: string }).purpose).toBe(r!.purpose);
    }
    const names = await ctx.db
      .selectFrom('student')
      .select('name')
      .where('id', 'in', [...reminded])
      .execute();
    for (const n of mine) for (const { name } of names) expect(JSON.stringify(n.payload)).not.toContain(name);
    const outbox = await ctx.db
      .selectFrom('notification_outbox')
      .select('notification_id')
      .where(
        'notification_id',
        'in',
        mine.map((n) => n.id),
      )
      .execute();
    expect(new Set(outbox.map((o) => o.notification_id)).size).toBe(mine.length);
    const counted = await ctx.db
      .selectFrom('screening_assignment')
      .select(['reminder_count', 'last_reminded_at'])
      .where('campaign_id', '=', campaignId)
      .where('student_id', 'in', [...reminded])
      .execute();
    expect(counted.every((a) => a.reminder_count === 1 && a.last_reminded_at !== null)).toBe(true);
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select('payload')
      .where('action', '=', 'completion.remind')
      .where('target_id', '=', f.homeClass.id)
      .execute();
    expect(audit.map((a) => JSON.parse(a.payload).detail.count)).toEqual([due, 0]);

    // Nothing to remind before a campaign opens; and a teacher of another school cannot remind this class.
    const later = (
      await psych.post('/api/v1/campaigns', {
        ownerId: f.home.id,
        kind: 'targeted',
        name: '下周',
        opensAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
        targetIds: [f.homeClass.id],
      })
    ).json();
    await psych.post(`/api/v1/campaigns/${later.id}/publish`);
    expect((await head.post(`/api/v1/campaigns/${later.id}/reminders`, { classId: f.homeClass.id })).json().code).toBe(
      'campaign.not-open',
    );
    expect(
      (
        await (
          await ctx.signIn('psych07')
        ).post(`/api/v1/campaigns/${demoCampaignId(f.home.city_id)}/reminders`, { classId: f.homeClass.id })
      ).statusCode,
    ).toBe(404);
  });
});

describe('audit chain', () => {
  it('verifies after all of the above', async () => {
    expect((await verifyAuditChains(ctx.db)).problems).toEqual([]);
  });
});
