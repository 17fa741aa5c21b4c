/**
 * `npm run bench:report [-- bench/out/bench-….json]`: writes the capacity report of a bench run (the newest
 * when none is named) as HTML, and as PDF when Chromium is on the machine. `npm run bench` calls it itself.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { capacityReportHtml, type BenchRun } from './capacity-report.js';

const CHROMIUM = process.env.CHROME_PATH ?? '/usr/bin/chromium';

export function writeCapacityReport(jsonFile: string): { html: string; pdf: string | null } {
  const run = JSON.parse(readFileSync(jsonFile, 'utf8')) as BenchRun;
  const html = jsonFile.replace(/\.json$/, '.html');
  writeFileSync(html, capacityReportHtml(run));
  if (!existsSync(CHROMIUM)) return { html, pdf: null };
  const pdf = jsonFile.replace(/\.json$/, '.pdf');
  execFileSync(
    CHROMIUM,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-pdf-header-footer',
      `--print-to-pdf=${pdf}`,
      pathToFileURL(html).href,
    ],
    { stdio: 'ignore', timeout: 60_000 },
  );
  return { html, pdf: existsSync(pdf) ? pdf : null };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const outDir = new URL('../out/', import.meta.url).pathname;
  const named = process.argv[2];
  const newest = existsSync(outDir)
    ? readdirSync(outDir)
        .filter((f) => /^bench-.*\.json$/.test(f))
        .sort()
        .at(-1)
    : undefined;
  const file = named ?? (newest ? `${outDir}${newest}` : undefined);
  if (!file) {
    console.error('no bench run found: run `npm run bench` first, or name its JSON file');
    process.exit(1);
  }
  const { html, pdf } = writeCapacityReport(file);
  console.log(`capacity report: ${html}${pdf ? `\n                 ${pdf}` : ' (no Chromium here, so no PDF)'}`);
}
