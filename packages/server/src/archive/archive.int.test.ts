import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoFixtures, startTestApp, type Agent, type TestContext } from '../testing/harness.js';

/**
 * Issue 14, 一生一档: one archive per student, each role reading only its sections (the others absent),
 * each section read audited; the PDF for the psychology teacher audited as an export; head teachers record
 * family situation (versioned, encrypted) and home contacts for their own class only.
 */
let ctx: TestContext;
let f: Awaited<ReturnType<typeof demoFixtures>>;
let psych: Agent;
let psychOther: Agent;
let head: Agent;
let leader: Agent;
let student: Agent;
let guardian: Agent;
let schoolAdmin: Agent;

beforeAll(async () => {
  ctx = await startTestApp();
  f = await demoFixtures(ctx.db);
  const by = (role: string) => ctx.demo.accounts.find((a) => a.role === role)!.username;
  psych = await ctx.signIn('psych03');
  psychOther = await ctx.signIn('psych07');
  head = await ctx.signIn(by('head_teacher'));
  leader = await ctx.signIn(by('school_leader'));
  student = await ctx.signIn(by('student'));
  guardian = await ctx.signIn(by('guardian'));
  schoolAdmin = await ctx.signIn('sadmin03');
});
afterAll(() => ctx?.close());

const archiveOf = (id: string) => `/api/v1/students/${id}/archive`;

async function auditRows(targetId: string, action: string) {
  return ctx.db
    .selectFrom('audit_log')
    .select(['action', 'target_type', 'payload', 'role'])
    .where('target_id', '=', targetId)
    .where('action', '=', action)
    .execute();
}

describe('archive sections per role', () => {
  it('gives the psychology teacher every section and audits each section read', async () => {
    const before = (await auditRows(f.demoStudent.id, 'archive.read')).length;
    const res = await psych.get(archiveOf(f.demoStudent.id));
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    const all = [
      'profile',
      'screenings',
      'tiers',
      'observations',
      'cases',
      'referrals',
      'handover',
      'family',
      'homeContacts',
    ];
    expect(body.readable).toEqual(all);
    expect(Object.keys(body.sections).sort()).toEqual([...all].sort());
    expect(body.may).toEqual({ recordFamily: true, export: true });
    expect(body.sections.profile.name).toBe(f.demoStudent.name);
    expect(body.sections.handover).toEqual({ items: [] });
    const rows = await auditRows(f.demoStudent.id, 'archive.read');
    expect(rows.length - before).toBe(all.length);
    expect(new Set(rows.map((r) => r.target_type))).toEqual(
      new Set([
        'student',
        'screening_response',
        'tier',
        'observation',
        'case',
        'referral',
        'handover_summary',
        'family_background',
        'home_contact',
      ]),
    );
    expect(rows.every((r) => r.role === 'psych_teacher')).toBe(true);
  });

  it('gives the head teacher profile, family, home contacts and only their own observations', async () => {
    await psych.post('/api/v1/observations', {
      clientId: randomUUID(),
      studentId: f.demoStudent.id,
      signs: ['mood_change'],
      seenAt: new Date(Date.now() - 3_600_000).toISOString(),
      urgency: 'attention',
      text: '心理教师的观察',
    });
    const filed = await head.post('/api/v1/observations', {
      clientId: randomUUID(),
      studentId: f.demoStudent.id,
      signs: ['mood_change'],
      seenAt: new Date(Date.now() - 1_800_000).toISOString(),
      urgency: 'attention',
      text: '班主任的观察',
    });
    expect(filed.statusCode, filed.body).toBeLessThan(300);
    const res = await head.get(archiveOf(f.demoStudent.id));
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.readable).toEqual(['profile', 'observations', 'family', 'homeContacts']);
    expect(Object.keys(body.sections).sort()).toEqual(['family', 'homeContacts', 'observations', 'profile']);
    expect(body.may).toEqual({ recordFamily: true, export: false });
    const notes = body.sections.observations.items.map((o: { note: string | null }) => o.note);
    expect(notes).toContain('班主任的观察');
    expect(notes).not.toContain('心理教师的观察');
    expect(res.body).not.toContain('screenings');
  });

  it('gives the school leader profile, the current tier and the state of cases only', async () => {
    const res = await leader.get(archiveOf(f.demoStudent.id));
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.readable).toEqual(['profile', 'tiers', 'cases']);
    expect(body.sections.tiers.history).toEqual([]);
    for (const c of body.sections.cases.items)
      expect(Object.keys(c).sort()).toEqual(['id', 'openedAt', 'state', 'updatedAt']);
    expect(body.may).toEqual({ recordFamily: false, export: false });
  });

  it('refuses students, guardians and administrators, and hides other schools and classes', async () => {
    for (const refused of [student, guardian, schoolAdmin])
      expect((await refused.get(archiveOf(f.demoStudent.id))).statusCode).toBe(403);
    expect((await psychOther.get(archiveOf(f.demoStudent.id))).statusCode).toBe(404);
    expect((await psych.get(archiveOf(f.otherStudent.id))).statusCode).toBe(404);
    expect((await head.get(archiveOf(f.homeOtherClassStudent.id))).statusCode).toBe(404);
    expect((await psych.get(archiveOf(randomUUID()))).statusCode).toBe(404);
  });
});

describe('archive PDF', () => {
  it('exports a PDF for the psychology teacher, audited as an export', async () => {
    const res = await psych.get(`${archiveOf(f.demoStudent.id)}.pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/pdf');
    expect(res.rawPayload.subarray(0, 4).toString('latin1')).toBe('%PDF');
    const rows = await auditRows(f.demoStudent.id, 'archive.export');
    expect(rows.length).toBeGreaterThanOrEqual(1);
    expect(rows[0]!.role).toBe('psych_teacher');
    for (const refused of [head, leader])
      expect((await refused.get(`${archiveOf(f.demoStudent.id)}.pdf`)).statusCode).toBe(403);
    expect((await psychOther.get(`${archiveOf(f.demoStudent.id)}.pdf`)).statusCode).toBe(404);
  });
});

describe('family situation and home contacts', () => {
  it('keeps every version of the family situation, encrypted, and shows the newest', async () => {
    const url = `/api/v1/students/${f.demoStudent.id}/family-background`;
    const first = await head.post(url, { family: '父母离异，随母亲生活。', growth: '幼儿园在外地。' });
    expect(first.statusCode, first.body).toBe(201);
    const second = await psych.post(url, {
      family: '父母离异，随母亲与外婆生活。',
      growth: '幼儿园在外地，三年级转回。',
    });
    expect(second.statusCode, second.body).toBe(201);
    expect(second.json().version).toBe(first.json().version + 1);
    const rows = await ctx.db
      .selectFrom('family_background')
      .selectAll()
      .where('student_id', '=', f.demoStudent.id)
      .execute();
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(rows)).not.toContain('父母离异');
    const family = (await head.get(archiveOf(f.demoStudent.id))).json().sections.family;
    expect(family.current.family).toBe('父母离异，随母亲与外婆生活。');
    expect(family.versions.length).toBe(rows.length);
    const audit = await auditRows(first.json().id, 'family_background.record');
    expect(audit).toHaveLength(1);
    expect(audit[0]!.payload).not.toContain('父母离异');
  });

  it('records a home contact for the own class, counted for supervision, refused elsewhere', async () => {
    const url = (id: string) => `/api/v1/students/${id}/home-contacts`;
    const body = {
      contactedOn: '2026-03-02',
      mode: 'visit',
      participants: '班主任、母亲',
      summary: '孩子近来睡眠不好。',
    };
    const res = await head.post(url(f.demoStudent.id), body);
    expect(res.statusCode, res.body).toBe(201);
    const row = await ctx.db
      .selectFrom('home_contact')
      .selectAll()
      .where('id', '=', res.json().id)
      .executeTakeFirstOrThrow();
    expect(row.summary_enc).toMatch(/^v1\./);
    expect(row.supervision_record_id).not.toBeNull();
    const counted = await ctx.db
      .selectFrom('supervision_record')
      .select(['kind', 'student_id'])
      .where('id', '=', row.supervision_record_id!)
      .executeTakeFirstOrThrow();
    expect(counted).toEqual({ kind: 'family_contact', student_id: f.demoStudent.id });
    const items = (await psych.get(archiveOf(f.demoStudent.id))).json().sections.homeContacts.items;
    expect(items.some((h: { summary: string }) => h.summary === body.summary)).toBe(true);
    expect((await auditRows(res.json().id, 'home_contact.record')).length).toBe(1);

    expect((await head.post(url(f.homeOtherClassStudent.id), body)).statusCode).toBe(404);
    expect((await psychOther.post(url(f.demoStudent.id), body)).statusCode).toBe(404);
    for (const refused of [leader, student, guardian])
      expect((await refused.post(url(f.demoStudent.id), body)).statusCode).toBe(403);
  });

  it('answers bad input with a localized 400 naming the field, and saves nothing', async () => {
    const url = `/api/v1/students/${f.demoStudent.id}/home-contacts`;
    const count = async () =>
      (await ctx.db.selectFrom('home_contact').select('id').where('student_id', '=', f.demoStudent.id).execute())
        .length;
    const before = await count();
    const blank = await head.post(url, {
      contactedOn: '2026-03-02',
      mode: 'visit',
      participants: '母亲',
      summary: '   ',
    });
    expect(blank.statusCode).toBe(400);
    expect(blank.headers['content-type']).toContain('application/problem+json');
    expect(JSON.stringify(blank.json().errors)).toContain('/summary');
    const future = await head.post(url, {
      contactedOn: '2099-01-01',
      mode: 'visit',
      participants: '母亲',
      summary: '好',
    });
    expect(future.statusCode).toBe(400);
    expect(JSON.stringify(future.json().errors)).toContain('/contactedOn');
    const mode = await head.post(url, {
      contactedOn: '2026-03-02',
      mode: 'letter',
      participants: '母亲',
      summary: '好',
    });
    expect(mode.statusCode).toBe(400);
    expect(await count()).toBe(before);
  });
});
