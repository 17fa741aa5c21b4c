import { describe, expect, it } from 'vitest';
import { describeHugePages, parseMeminfo } from './huge-pages.js';

const meminfo = (total: number, free: number, rsvd: number) =>
  `MemTotal:       24683716 kB\nHugePages_Total:    ${total}\nHugePages_Free:     ${free}\nHugePages_Rsvd:     ${rsvd}\nHugePages_Surp:        0\nHugepagesize:       2048 kB\n`;

describe('huge pages of the measured PostgreSQL', () => {
  it('counts pages mapped and pages promised to a mapping', () => {
    expect(parseMeminfo(meminfo(2200, 2144, 2052))).toEqual({ total: 2200, committed: 2108 });
    expect(parseMeminfo('')).toEqual({ total: 0, committed: 0 });
  });

  it('says huge pages when the shared memory is on them', () => {
    const line = describeHugePages({ needed: 2108, sharedBuffers: '4GB', ...parseMeminfo(meminfo(2200, 2144, 2052)) });
    expect(line).toContain('on huge pages: 2,108 of 2,200 in use');
  });

  it('says 4 KiB pages, and what it needs, when none are reserved or PostgreSQL did not take them', () => {
    const none = describeHugePages({ needed: 2108, sharedBuffers: '4GB', ...parseMeminfo(meminfo(0, 0, 0)) });
    expect(none).toContain('on 4 KiB pages: vm.nr_hugepages is 0 (it needs 2,108)');
    // Reserved after PostgreSQL started: the pages sit free and the buffers stay on 4 KiB pages.
    const late = describeHugePages({ needed: 2108, sharedBuffers: '4GB', ...parseMeminfo(meminfo(2200, 2200, 0)) });
    expect(late).toContain('on 4 KiB pages');
  });
});
