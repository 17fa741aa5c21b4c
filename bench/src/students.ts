import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { hashToken, SESSION_COOKIE } from '../../packages/server/src/auth/sessions.js';

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
