import { readFileSync } from 'node:fs';
import type pg from 'pg';

/**
 * Whether the PostgreSQL the bench measures keeps its shared buffers on huge pages. Without them every
 * backend maps the buffers it touches 4 KiB at a time, and on these VMs a page-table fault is dear: an
 * interleaved A/B of `bench:profile` (submit, 4 GB of buffers, a million-student city) read 4.6–5.1 ms of
 * PostgreSQL CPU per submit on 4 KiB pages and 1.5–2.5 ms on huge pages. The table says which it measured.
 * PostgreSQL runs on this machine in the bench (its CPU is read from /proc), so /proc/meminfo is its host's.
 */
export interface HugePages {
  /** Huge pages the shared memory needs (PostgreSQL 15's shared_memory_size_in_huge_pages), or null. */
  needed: number | null;
  total: number;
  /** Pages mapped or promised to a mapping: HugePages_Total − HugePages_Free + HugePages_Rsvd. */
  committed: number;
  sharedBuffers: string;
}

export function parseMeminfo(meminfo: string): { total: number; committed: number } {
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(meminfo)?.[1] ?? 0);
  const total = field('HugePages_Total');
  return { total, committed: total - field('HugePages_Free') + field('HugePages_Rsvd') };
}

export async function postgresHugePages(pool: pg.Pool): Promise<HugePages> {
  const { rows } = await pool.query<{ buffers: string; needed: string | null }>(
    // null before PostgreSQL 15, which added the setting
    `select current_setting('shared_buffers') as buffers,
            current_setting('shared_memory_size_in_huge_pages', true) as needed`,
  );
  const sharedBuffers = rows[0]?.buffers ?? '?';
  const n = Number(rows[0]?.needed);
  const needed = Number.isFinite(n) && n > 0 ? n : null;
  let meminfo = '';
  try {
    meminfo = readFileSync('/proc/meminfo', 'utf8');
  } catch {
    // not Linux
  }
  return { needed, sharedBuffers, ...parseMeminfo(meminfo) };
}

/** One line for the table's header. */
export function describeHugePages(h: HugePages): string {
  const onThem = h.total > 0 && h.committed >= 0.9 * (h.needed ?? h.total);
  if (onThem)
    return `PostgreSQL's shared memory (shared_buffers ${h.sharedBuffers}) on huge pages: ${h.committed.toLocaleString('en')} of ${h.total.toLocaleString('en')} in use`;
  const need = h.needed === null ? '' : ` (it needs ${h.needed.toLocaleString('en')})`;
  return `PostgreSQL's shared memory (shared_buffers ${h.sharedBuffers}) on 4 KiB pages: vm.nr_hugepages is ${h.total.toLocaleString('en')}${need}; on these VMs that costs PostgreSQL about twice the CPU per submit (bench/README.md)`;
}
