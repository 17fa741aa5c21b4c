import { readdirSync, readFileSync } from 'node:fs';

const TICK = 100; // USER_HZ on Linux

export interface CpuSnapshot {
  server: number;
  postgres: number;
  client: number;
  /** Seconds of CPU the whole machine spent busy, including other people's work. */
  machineBusy: number;
  at: number;
}

/**
 * CPU seconds of a process; with `reapedChildren`, also of its children that have exited (PostgreSQL's
 * postmaster collects the CPU of every backend that ends, so the sum over postgres processes never drops
 * when a connection closes during a step).
 */
function procCpu(pid: string, reapedChildren = false): { comm: string; seconds: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = stat.lastIndexOf(')');
    const comm = stat.slice(stat.indexOf('(') + 1, close);
    const fields = stat.slice(close + 2).split(' ');
    const children = reapedChildren ? Number(fields[13]) + Number(fields[14]) : 0;
    return { comm, seconds: (Number(fields[11]) + Number(fields[12]) + children) / TICK };
  } catch {
    return null; // the process ended between listing and reading
  }
}

/** CPU seconds used so far by the server process, by every PostgreSQL backend, and by this load generator. */
export function cpuSnapshot(serverPid: number | undefined): CpuSnapshot {
  let postgres = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    const p = procCpu(pid, true);
    if (p?.comm === 'postgres') postgres += p.seconds;
  }
  const cpuLine = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const idle = cpuLine[3]! + cpuLine[4]!;
  const total = cpuLine.reduce((a, b) => a + b, 0);
  return {
    server: serverPid ? (procCpu(String(serverPid))?.seconds ?? 0) : 0,
    postgres,
    client: procCpu(String(process.pid))?.seconds ?? 0,
    machineBusy: (total - idle) / TICK,
    at: Date.now(),
  };
}

export interface CpuUse {
  seconds: number;
  server: number;
  postgres: number;
  client: number;
  /** Busy CPU seconds of processes that are not part of the bench (others working on the machine). */
  others: number;
}

export function cpuBetween(a: CpuSnapshot, b: CpuSnapshot): CpuUse {
  const server = b.server - a.server;
  const postgres = b.postgres - a.postgres;
  const client = b.client - a.client;
  return {
    seconds: (b.at - a.at) / 1000,
    server,
    postgres,
    client,
    others: Math.max(0, b.machineBusy - a.machineBusy - server - postgres - client),
  };
}
