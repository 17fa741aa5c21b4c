import { describe, expect, it } from 'vitest';
import { millionSignInCapacity } from './capacity.js';
import { barChart, capacityReportHtml, type BenchRun } from './capacity-report.js';

const step = (opsPerSec: number, p99: number) => ({
  opsPerSec,
  p50: p99 / 3,
  p99,
  errors: 0,
  cpuMsPerOp: { server: 0.9, postgres: 0.4 },
});
const input = {
  students: 1_000_000,
  codeSignIn: { perSec: 900, serverMs: 0.9, postgresMs: 0.4 },
  questionnaireFetch: { perSec: 1500, serverMs: 0.6, postgresMs: 0.3 },
  coresPerNode: 2,
  windowsSeconds: [600, 60],
};
const run: BenchRun = {
  when: '2026-12-06T06:00:00.000Z',
  machine: '2 × Test CPU, 23 GiB, Node v20.20.2',
  students: 30_000,
  duration: 3,
  quick: true,
  rows: [
    {
      metric: 'screening-code sign-in @200',
      zh: '测评码登录（200 并发）',
      target: '≥ 2,000 /s',
      measured: '900 /s',
      result: 'MISS',
    },
    {
      metric: 'acknowledged submissions stored exactly once',
      zh: '已确认的答卷恰好保存一次',
      target: 'all',
      measured: '10/10',
      result: 'PASS',
    },
    { metric: 'a <b>new</b> row', target: '—', measured: '1', result: 'info' },
  ],
  results: { 'code@200': step(900, 400), 'fetch@200': step(1500, 250) },
  million: { input, sizing: millionSignInCapacity(input) },
};

describe('capacity report', () => {
  const html = capacityReportHtml(run);

  it('gives the date in Beijing time, the machine and a quick run marked as such', () => {
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('2026/12/6 14:00:00');
    expect(html).toContain('2 × Test CPU');
    expect(html).toContain('快速模式');
  });

  it('names what missed in the conclusion, in Chinese', () => {
    expect(html).toContain('1 项达标，1 项未达标：测评码登录（200 并发）');
    expect(html).toMatch(/<tr class="miss"><td>测评码登录（200 并发）<\/td>/);
  });

  it('tabulates the million sign-ins for each window from the sizing', () => {
    const [ten, one] = millionSignInCapacity(input);
    expect(html).toContain(`<td>1,000,000 人 / 10 分钟</td><td>1667</td><td>${ten!.appNodes} 个`);
    expect(html).toContain(`<td>1,000,000 人 / 60 秒</td><td>16667</td><td>${one!.appNodes} 个`);
  });

  it('escapes what it did not write itself', () => {
    expect(html).toContain('a &lt;b&gt;new&lt;/b&gt; row');
    expect(html).not.toContain('<b>new</b>');
  });

  it('draws bars in proportion to their values', () => {
    const svg = barChart('t', 'u', [
      { label: 'a', parts: [{ value: 10, color: '#000', name: 'x' }] },
      { label: 'b', parts: [{ value: 5, color: '#000', name: 'x' }] },
    ]);
    const widths = [...svg.matchAll(/<rect x="[\d.]+" y="\d+" width="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(widths).toEqual([420, 210]);
  });
});
