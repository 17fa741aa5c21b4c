import type { Kysely } from 'kysely';
import type { Database } from '../db/types.js';
import { genesisHash, sha256 } from './audit.js';

export interface ChainProblem {
  chain: string;
  seq: number;
  problem: 'hash_mismatch' | 'broken_link' | 'gap' | 'column_mismatch' | 'head_mismatch';
}

export interface VerifyReport {
  chains: number;
  entries: number;
  problems: ChainProblem[];
}

const COLUMN_OF: Record<string, string> = {
  userId: 'user_id',
  username: 'username',
  bindingId: 'binding_id',
  role: 'role',
  action: 'action',
  targetType: 'target_type',
  targetId: 'target_id',
  cityId: 'city_id',
  districtId: 'district_id',
  schoolId: 'school_id',
  outcome: 'outcome',
  requestId: 'request_id',
};

/** Walks every chain: each hash must cover its predecessor and its payload, and the searchable columns must match the payload. */
export async function verifyAuditChains(db: Kysely<Database>, batchSize = 5000): Promise<VerifyReport> {
  const heads = await db.selectFrom('audit_head').selectAll().orderBy('chain').execute();
  const report: VerifyReport = { chains: heads.length, entries: 0, problems: [] };
  for (const head of heads) {
    let prev = genesisHash(head.chain);
    let expectedSeq = 1;
    for (;;) {
      const rows = await db
        .selectFrom('audit_log')
        .selectAll()
        .where('chain', '=', head.chain)
        .where('seq', '>=', expectedSeq)
        .orderBy('seq')
        .limit(batchSize)
        .execute();
      if (rows.length === 0) break;
      for (const row of rows) {
        report.entries++;
        if (row.seq !== expectedSeq) report.problems.push({ chain: head.chain, seq: expectedSeq, problem: 'gap' });
        if (row.prev_hash !== prev) report.problems.push({ chain: head.chain, seq: row.seq, problem: 'broken_link' });
        if (sha256(row.prev_hash + row.payload) !== row.hash)
          report.problems.push({ chain: head.chain, seq: row.seq, problem: 'hash_mismatch' });
        const payload = JSON.parse(row.payload) as Record<string, unknown>;
        const rowRecord = row as unknown as Record<string, unknown>;
        for (const [key, column] of Object.entries(COLUMN_OF)) {
          if ((payload[key] ?? null) !== (rowRecord[column] ?? null)) {
            report.problems.push({ chain: head.chain, seq: row.seq, problem: 'column_mismatch' });
            break;
          }
        }
        prev = row.hash;
        expectedSeq = row.seq + 1;
      }
    }
    if (head.seq !== expectedSeq - 1 || head.hash !== prev)
      report.problems.push({ chain: head.chain, seq: head.seq, problem: 'head_mismatch' });
  }
  return report;
}
