import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { hashToken, SESSION_COOKIE } from '../../packages/server/src/auth/sessions.js';
import { generateCode, hashCode, normalizeCode } from '../../packages/server/src/screening/codes/codes.js';

export interface BenchStudent {
  username: string;
  assignmentId: string;
  cookie: string;
  csrf: string;
}

/** Accounts of students who have already submitted: sign-in is measured on them, leaving open assignments for the flows. */
export async function signInUsernames(pool: pg.Pool, campaignId: string, limit: number): Promise<string[]> {
  const { rows } = await pool.query<{ username: string }>(
    `select u.username from screening_assignment a join user_account u on u.student_id = a.student_id
      where a.campaign_id = $1 and a.status = 'completed' order by a.id limit $2`,
    [campaignId, limit],
  );
  return rows.map((r) => r.username);
}

/**
 * Students with an open assignment, each given a live session as the login route would create it (same
 * token hashing, same columns). Signing in 100,000 students through argon2 first would take the bench half
 * an hour; sign-in has its own row. Ordered by assignment id, which is random, so they spread over schools.
 */
export async function studentsWithSessions(
  pool: pg.Pool,
  campaignId: string,
  limit: number,
  absoluteHours = 12,
): Promise<BenchStudent[]> {
  const { rows } = await pool.query<{ username: string; user_id: string; assignment_id: string }>(
    `select u.username, u.id as user_id, a.id as assignment_id
       from screening_assignment a join user_account u on u.student_id = a.student_id
      where a.campaign_id = $1 and a.status = 'pending' order by a.id limit $2`,
    [campaignId, limit],
  );
  const students: BenchStudent[] = [];
  const tokens: string[] = [];
  const csrfs: string[] = [];
  for (const r of rows) {
    const token = randomBytes(32).toString('base64url');
    const csrf = randomBytes(24).toString('base64url');
    tokens.push(hashToken(token));
    csrfs.push(csrf);
    students.push({ username: r.username, assignmentId: r.assignment_id, cookie: `${SESSION_COOKIE}=${token}`, csrf });
  }
  for (let i = 0; i < rows.length; i += 20_000) {
    await pool.query(
      `insert into user_session (token_hash, user_id, csrf_token, last_seen_at, expires_at)
       select t, u, c, now(), now() + make_interval(hours => $4) from unnest($1::text[], $2::uuid[], $3::text[]) as x(t, u, c)`,
      [
        tokens.slice(i, i + 20_000),
        rows.slice(i, i + 20_000).map((r) => r.user_id),
        csrfs.slice(i, i + 20_000),
        absoluteHours,
      ],
    );
  }
  return students;
}

/**
 * Screening codes for students with an open self-report, issued as the class route issues them (same code
 * form, same SHA-256) but in one statement: the bench measures signing in with them, not printing them.
 * Codes issued by an earlier run on the same seed are revoked first (one active code per assignment).
 */
export async function screeningCodes(pool: pg.Pool, campaignId: string, limit: number): Promise<string[]> {
  await pool.query(`update screening_code set revoked_at = now() where campaign_id = $1 and revoked_at is null`, [
    campaignId,
  ]);
  const { rows } = await pool.query<{ assignment_id: string }>(
    `select a.id as assignment_id from screening_assignment a join user_account u on u.student_id = a.student_id
      where a.campaign_id = $1 and a.respondent = 'self' and a.status = 'pending' order by a.id desc limit $2`,
    [campaignId, limit],
  );
  return issueScreeningCodes(
    pool,
    rows.map((r) => r.assignment_id),
  );
}

/** Codes for the given assignments, in their order, issued as the class route issues them (same form, same SHA-256). */
export async function issueScreeningCodes(pool: pg.Pool, assignmentIds: string[]): Promise<string[]> {
  if (assignmentIds.length === 0) return [];
  const codes = assignmentIds.map(() => generateCode());
  await pool.query(
    `insert into screening_code (assignment_id, campaign_id, student_id, city_id, district_id, school_id, class_id, code_hash, issued_by)
     select a.id, a.campaign_id, a.student_id, a.city_id, a.district_id, a.school_id, a.class_id, v.hash,
            (select id from user_account where kind = 'staff' order by id limit 1)
       from unnest($1::uuid[], $2::text[]) as v (assignment_id, hash)
       join screening_assignment a on a.id = v.assignment_id`,
    [assignmentIds, codes.map((c) => hashCode(normalizeCode(c)!))],
  );
  return codes;
}
