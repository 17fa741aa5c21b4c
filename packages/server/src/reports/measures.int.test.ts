import { randomUUID } from 'node:crypto';
import { bandMeasureKey, isReportKey, REPORT_MEASURE_NAMES, REPORT_MEASURES } from '@yuxin/core';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/connect.js';
import { migrate } from '../db/migrate.js';
import { createTestDatabase } from '../testing/test-db.js';

/**
 * Report counts are computed in PL/pgSQL (migrations 0009, 0011); core names the measures and their keys.
 * The fact functions the triggers use are fed one made-up row of each source table, and what they count
 * must be what core defines — no more, no less.
 */
let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
  await migrate(handle.db);
});
afterAll(() => handle?.close());

type Fact = { measure: string; key: string };
const ids = () => ({ campaign_id: randomUUID(), student_id: randomUUID(), grade_id: randomUUID() });

/** The facts a fact function counts for one row of its table, built from JSON. */
async function factsOf(fn: string, table: string, row: Record<string, unknown>): Promise<Fact[]> {
  const { rows } = await sql<Fact>`
    select f.measure, f.key
      from ${sql.id(fn)}(array[jsonb_populate_record(null::${sql.id(table)}, ${JSON.stringify(row)}::jsonb)], 1) f
  `.execute(handle.db);
  return rows;
}

describe('report measures', () => {
  it("are the measures report_cell accepts, exactly core's list", async () => {
    const { rows } = await sql<{ def: string }>`
      select pg_get_constraintdef(oid) as def from pg_constraint
       where conrelid = 'report_cell'::regclass and contype = 'c' and pg_get_constraintdef(oid) like '%measure%'
    `.execute(handle.db);
    expect(rows).toHaveLength(1);
    const names = [...rows[0]!.def.matchAll(/'([a-z_]+)'/g)].map((m) => m[1]);
    expect(names.sort()).toEqual([...REPORT_MEASURE_NAMES].sort());
  });

  it("count under core's keys, every fixed key of core and nothing else", async () => {
    const now = Date.now();
    const facts: Fact[] = [
      ...(await factsOf('report_assignment_facts', 'screening_assignment', { ...ids(), status: 'completed' })),
      ...(await factsOf('report_response_facts', 'screening_response', {
        ...ids(),
        assignment_id: randomUUID(),
        instrument_code: 'phqa',
        band: 'moderate',
        critical_flags: ['phqa_item9'],
        valid: false,
      })),
      ...(
        await Promise.all(
          [1, 2, 3].map((tier) =>
            factsOf('report_tier_facts', 'tier_assessment', { ...ids(), status: 'confirmed', confirmed_tier: tier }),
          ),
        )
      ).flat(),
      ...(await factsOf('report_alert_facts', 'alert', {
        ...ids(),
        source: 'screening',
        reasons: [],
        created_at: new Date(now - 30 * 60_000).toISOString(),
        due_at: new Date(now + 30 * 60_000).toISOString(),
        acknowledged_at: new Date(now).toISOString(),
      })),
    ];
    for (const f of facts) expect(isReportKey(f.measure, f.key), `${f.measure} ${f.key}`).toBe(true);
    expect(facts).toContainEqual({ measure: 'band', key: bandMeasureKey('phqa', 'moderate') });
    expect(facts).toContainEqual({ measure: 'critical', key: 'phqa_item9' });

    // The alert's link to a case is counted by its own trigger on case_alert.
    const { rows } = await sql<{ src: string }>`
      select prosrc as src from pg_proc where proname = 'report_on_case_alert'
    `.execute(handle.db);
    const caseLinkKeys = [...rows[0]!.src.matchAll(/'([a-z_]+)'::text/g)]
      .map((m) => m[1]!)
      .filter((k) => k !== 'alert');
    expect(caseLinkKeys).toEqual(['case_opened']);

    const keysOf = (measure: string) =>
      [...new Set(facts.filter((f) => f.measure === measure).map((f) => f.key))].sort();
    expect(keysOf('participation')).toEqual([...REPORT_MEASURES.participation].sort());
    expect(keysOf('tier')).toEqual([...REPORT_MEASURES.tier].sort());
    expect([...keysOf('alert'), ...caseLinkKeys].sort()).toEqual([...REPORT_MEASURES.alert].sort());
  });
});
