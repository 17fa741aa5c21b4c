import type pg from 'pg';

/**
 * The tables a screening window rewrites: the report fact queue (every submit appends, every fold deletes),
 * the count cells, the audit chain heads, assignments and tiers. A city's PostgreSQL vacuums them as it goes;
 * a server with autovacuum off (the CI machine's) lets their dead rows pile up, and each later step then pays
 * for every earlier step's, which no city would. So where autovacuum is off the bench vacuums them before each
 * step, outside the step's measured time, and says so.
 */
const REWRITTEN = [
  'report_delta',
  'report_cell',
  'audit_head',
  'screening_assignment',
  'tier_assessment',
  'user_session',
];

export async function autovacuumIsOff(pool: pg.Pool): Promise<boolean> {
  const { rows } = await pool.query<{ autovacuum: string }>('show autovacuum');
  return rows[0]?.autovacuum === 'off';
}

export async function vacuumRewrittenTables(pool: pg.Pool): Promise<void> {
  await pool.query(`vacuum (analyze) ${REWRITTEN.join(', ')}`);
}
