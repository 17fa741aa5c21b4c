import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import { verifyAuditChains, type VerifyReport } from '../audit/verify.js';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/connect.js';
import type { Database } from '../db/types.js';

const SHOWN_PROBLEMS = 50;

export function formatReport(report: VerifyReport): string[] {
  const lines = [`audit chains: ${report.chains}, entries: ${report.entries}, problems: ${report.problems.length}`];
  for (const p of report.problems.slice(0, SHOWN_PROBLEMS)) lines.push(`  ${p.chain} #${p.seq}: ${p.problem}`);
  if (report.problems.length > SHOWN_PROBLEMS) lines.push(`  … and ${report.problems.length - SHOWN_PROBLEMS} more`);
  lines.push(report.problems.length ? 'AUDIT LOG TAMPERED OR DAMAGED' : 'audit log intact');
  return lines;
}

/** Verifies every chain and answers the process exit code: 1 when anything does not add up. */
export async function verifyAuditCommand(db: Kysely<Database>, print: (line: string) => void): Promise<number> {
  const report = await verifyAuditChains(db);
  for (const line of formatReport(report)) print(line);
  return report.problems.length ? 1 : 0;
}

async function main() {
  const config = loadConfig();
  // The same database the server would open. Embedded PGlite allows one process at a time: stop the
  // server before checking its data directory.
  const handle = await openDatabase({
    url: config.databaseUrl,
    dataDir: config.databaseUrl ? undefined : config.dataDir,
  });
  let code = 2;
  try {
    code = await verifyAuditCommand(handle.db, (line) => console.log(line));
  } catch (err) {
    console.error(`audit verification could not run: ${(err as Error).message}`);
  } finally {
    await handle.close();
  }
  process.exit(code);
}

const invokedDirectly =
  process.argv[1] !== undefined && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) await main();
