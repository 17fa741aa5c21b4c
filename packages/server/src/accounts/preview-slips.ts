/**
 * Renders sample credential slips (zh-CN and en) and, when poppler's pdftoppm is installed, their first
 * pages as PNG, so a person can look at what a head teacher will print:
 *   npx tsc -b packages/server && node packages/server/dist/accounts/preview-slips.js [outDir]
 * A broken CJK font shows as empty boxes or blank names, which no byte-level test catches.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Locale } from '../http/locale.js';
import { generateInitialPassword } from '../auth/passwords.js';
import { renderSlipsPdf } from './slips-pdf.js';
import type { CredentialSlip } from './slips.js';

const NAMES = [
  '王欣怡',
  '李子轩',
  '张雨桐',
  '刘浩然',
  '陈思琪',
  '杨梓涵',
  '赵一诺',
  '黄俊杰',
  '周语嫣',
  '吴宇航',
  '欧阳明轩',
  '司马静',
];

function sampleSlips(): CredentialSlip[] {
  return NAMES.map((name, i) => ({
    studentName: name,
    username: `G20120103${String(i + 1).padStart(5, '0')}`,
    password: generateInitialPassword(),
  }));
}

async function main() {
  const outDir = resolve(process.argv[2] ?? 'slip-preview');
  mkdirSync(outDir, { recursive: true });
  for (const locale of ['zh-CN', 'en'] as Locale[]) {
    const pdf = await renderSlipsPdf({
      schoolName: locale === 'en' ? 'Dongcheng No.1 Junior Middle School' : '东城第一初级中学',
      className: locale === 'en' ? 'Grade 8 Class 1' : '八年级1班',
      signInUrl: 'https://yuxin.example.edu.cn/login',
      locale,
      slips: sampleSlips(),
    });
    const file = join(outDir, `slips-${locale}.pdf`);
    writeFileSync(file, pdf);
    console.log(`wrote ${file} (${pdf.length} bytes)`);
    try {
      execFileSync('pdftoppm', ['-png', '-r', '110', '-f', '1', '-l', '1', file, join(outDir, `slips-${locale}`)]);
      console.log(`wrote ${join(outDir, `slips-${locale}-1.png`)}`);
    } catch {
      console.log('pdftoppm not found (apt-get install poppler-utils): only the PDF was written');
    }
  }
}

await main();
