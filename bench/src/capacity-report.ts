/**
 * The capacity report a bureau reads (zh-CN, one self-contained HTML page, printable to PDF): Jining asks for
 * regular testing that the platform holds a million students signing in at once, so the run's date, the
 * machine, the measured figures and the sizing they imply must be readable without the terminal.
 */
import type { WindowSizing } from './capacity.js';

/** The parts of a bench run's JSON (bench/out/bench-*.json) the report reads. */
export interface BenchRun {
  when: string;
  machine: string;
  students: number;
  duration: number;
  quick: boolean;
  rows: Array<{ metric: string; zh?: string; target: string; measured: string; result: string }>;
  results: Record<
    string,
    { opsPerSec: number; p50: number; p99: number; errors: number; cpuMsPerOp: { server: number; postgres: number } }
  >;
  million?: { input: { coresPerNode: number; students: number }; sizing: WindowSizing[] };
}

const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

interface Bar {
  label: string;
  parts: Array<{ value: number; color: string; name: string }>;
}

/** A horizontal bar chart as inline SVG: the page needs no script, so it prints the same everywhere. */
export function barChart(title: string, unit: string, bars: Bar[]): string {
  const rowHeight = 28;
  const labelWidth = 230;
  const plotWidth = 420;
  const max = Math.max(1e-9, ...bars.map((b) => b.parts.reduce((a, p) => a + p.value, 0)));
  const height = bars.length * rowHeight + 40;
  const legend = [...new Map(bars.flatMap((b) => b.parts.map((p) => [p.name, p.color] as const))).entries()];
  const rows = bars
    .map((b, i) => {
      const y = 10 + i * rowHeight;
      let x = labelWidth;
      const rects = b.parts
        .map((p) => {
          const w = (p.value / max) * plotWidth;
          const r = `<rect x="${x.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="18" fill="${p.color}"><title>${escape(p.name)}: ${p.value.toFixed(2)} ${escape(unit)}</title></rect>`;
          x += w;
          return r;
        })
        .join('');
      const total = b.parts.reduce((a, p) => a + p.value, 0);
      return `<text x="${labelWidth - 8}" y="${y + 14}" text-anchor="end">${escape(b.label)}</text>${rects}<text x="${(x + 6).toFixed(1)}" y="${y + 14}">${Number.isInteger(total) || total >= 100 ? total.toFixed(0) : total.toFixed(2)}</text>`;
    })
    .join('');
  const legendSvg =
    legend.length > 1
      ? legend
          .map(
            ([name, color], i) =>
              `<rect x="${labelWidth + i * 150}" y="${height - 22}" width="12" height="12" fill="${color}"/><text x="${labelWidth + i * 150 + 18}" y="${height - 12}">${escape(name)}</text>`,
          )
          .join('')
      : '';
  return `<figure><figcaption>${escape(title)}（${escape(unit)}）</figcaption><svg role="img" aria-label="${escape(title)}" viewBox="0 0 ${labelWidth + plotWidth + 80} ${height}" width="100%" font-size="13">${rows}${legendSvg}</svg></figure>`;
}

const STEPS: Array<[key: string, zh: string]> = [
  ['signin@200', '密码登录'],
  ['code@200', '测评码登录'],
  ['fetch@200', '取问卷'],
  ['flow@200', '完整测评流程'],
  ['submit@200#1', '提交答卷'],
];

const windowName = (seconds: number) => (seconds >= 120 ? `${seconds / 60} 分钟` : `${seconds} 秒`);

export function capacityReportHtml(run: BenchRun): string {
  const steps = STEPS.filter(([k]) => run.results[k]);
  const misses = run.rows.filter((r) => r.result === 'MISS');
  const passes = run.rows.filter((r) => r.result === 'PASS');
  const resultZh = (r: string) => ({ PASS: '达标', MISS: '未达标', info: '参考', 'n/a': '不适用' })[r] ?? r;
  const table = run.rows
    .map(
      (r) =>
        `<tr class="${r.result.toLowerCase().replace('/', '')}"><td>${escape(r.zh ?? r.metric)}</td><td>${escape(r.target)}</td><td>${escape(r.measured)}</td><td>${resultZh(r.result)}</td></tr>`,
    )
    .join('\n');
  const sizing = run.million
    ? `<h2>百万学生同时登录所需资源</h2>
<p>按本次实测的每名学生 CPU 用量（测评码登录 + 取问卷）推算；题目内容为不变的静态资源，由浏览器或 CDN 缓存，不计入节点负担。每个应用节点 ${run.million.input.coresPerNode} 核，负载不超过 60%，另留一个备用节点。</p>
<table><thead><tr><th>时间窗口</th><th>每秒登录学生数</th><th>应用节点（忙碌核数）</th><th>主数据库核数（忙碌核数）</th><th>与本机相同的机器（应用与数据库合一）</th></tr></thead><tbody>
${run.million.sizing
  .map(
    (s) =>
      `<tr><td>${run.million!.input.students.toLocaleString('zh-CN')} 人 / ${windowName(s.windowSeconds)}</td><td>${s.arrivalsPerSec.toFixed(0)}</td><td>${s.appNodes} 个（${s.appCores.toFixed(1)} 核）</td><td>≥ ${s.dbPrimaryCores} 核（${s.dbCores.toFixed(1)} 核）</td><td>${Math.ceil(s.sharedNodes)} 台</td></tr>`,
  )
  .join('\n')}
</tbody></table>
${barChart(
  '所需应用节点数',
  '个',
  run.million.sizing.map((s) => ({
    label: windowName(s.windowSeconds),
    parts: [{ value: s.appNodes, color: '#1677ff', name: '应用节点' }],
  })),
)}`
    : '';
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>育心平台容量测试报告 ${escape(run.when.slice(0, 10))}</title>
<style>
body{font-family:"Noto Sans CJK SC","Noto Sans SC","PingFang SC","Microsoft YaHei",sans-serif;max-width:960px;margin:24px auto;padding:0 16px;color:#1f1f1f;line-height:1.6}
h1{font-size:24px}h2{font-size:18px;margin-top:28px;border-bottom:1px solid #ddd}
table{border-collapse:collapse;width:100%;font-size:13px}td,th{border:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}
td:last-child,th:last-child{white-space:nowrap}td:first-child{min-width:9em}
tr.pass td:last-child{color:#237804;font-weight:600}tr.miss td:last-child{color:#a8071a;font-weight:600}
figure{margin:16px 0}figcaption{font-weight:600;margin-bottom:4px}dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px}dt{color:#595959}
@media print{body{margin:0}h2{break-after:avoid}figure,table{break-inside:avoid}}
</style></head><body>
<h1>育心平台容量测试报告</h1>
<dl>
<dt>测试时间</dt><dd>${escape(new Date(run.when).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' }))}（北京时间）</dd>
<dt>测试机器</dt><dd>${escape(run.machine)}</dd>
<dt>测试城市</dt><dd>${run.students.toLocaleString('zh-CN')} 名学生${run.quick ? '（快速模式：规模与时长缩小，结论仅供参考）' : ''}</dd>
<dt>每步时长</dt><dd>${run.duration} 秒；压测客户端与服务端共用本机 CPU</dd>
<dt>结论</dt><dd>${passes.length} 项达标，${misses.length} 项未达标${misses.length ? `：${misses.map((m) => escape(m.zh ?? m.metric)).join('、')}` : ''}</dd>
</dl>
${sizing}
<h2>各项指标</h2>
<table><thead><tr><th>指标</th><th>目标</th><th>实测</th><th>结果</th></tr></thead><tbody>
${table}
</tbody></table>
<h2>图表</h2>
${barChart(
  '吞吐量（200 并发）',
  '次/秒',
  steps.map(([k, zh]) => ({
    label: zh,
    parts: [{ value: run.results[k]!.opsPerSec, color: '#1677ff', name: '吞吐量' }],
  })),
)}
${barChart(
  'p99 响应时间（200 并发）',
  '毫秒',
  steps.map(([k, zh]) => ({ label: zh, parts: [{ value: run.results[k]!.p99, color: '#fa8c16', name: 'p99' }] })),
)}
${barChart(
  '每次操作的 CPU 用量',
  '毫秒',
  steps.map(([k, zh]) => ({
    label: zh,
    parts: [
      { value: run.results[k]!.cpuMsPerOp.server, color: '#1677ff', name: '应用进程' },
      { value: run.results[k]!.cpuMsPerOp.postgres, color: '#52c41a', name: 'PostgreSQL' },
    ],
  })),
)}
<h2>测试方法</h2>
<p>由 <code>npm run bench</code> 一条命令完成：生成测试城市，以生产模式启动平台，在本机回环网络上施加负载，逐项测量吞吐量、响应时间和每次操作的 CPU 用量，并检查每一份已确认的答卷恰好保存一次。资源推算以实测 CPU 用量为依据，应用层与数据库分别计算。</p>
</body></html>
`;
}
