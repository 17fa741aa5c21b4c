import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { STUDENT_PATH } from './scripts/student-path.mjs';

// The icons the student path draws (lib/nav's too); any other stays in a chunk of its own.
const STUDENT_ICONS = [
  'AlertOutlined',
  'ApartmentOutlined',
  'AuditOutlined',
  'BarChartOutlined',
  'BellOutlined',
  'CalendarOutlined',
  'CarryOutOutlined',
  'CheckCircleOutlined',
  'CheckSquareOutlined',
  'ClockCircleOutlined',
  'CloseCircleOutlined',
  'CloseOutlined',
  'CloudSyncOutlined',
  'CoffeeOutlined',
  'DownOutlined',
  'ExclamationCircleOutlined',
  'EyeInvisibleOutlined',
  'EyeOutlined',
  'FileProtectOutlined',
  'FileSearchOutlined',
  'FormOutlined',
  'FundOutlined',
  'GlobalOutlined',
  'HeartOutlined',
  'HomeOutlined',
  'IdcardOutlined',
  'InfoCircleOutlined',
  'KeyOutlined',
  'LockOutlined',
  'LogoutOutlined',
  'MedicineBoxOutlined',
  'MenuOutlined',
  'PhoneOutlined',
  'PoweroffOutlined',
  'SafetyCertificateOutlined',
  'SafetyOutlined',
  'SaveOutlined',
  'ScheduleOutlined',
  'SmileOutlined',
  'SolutionOutlined',
  'TeamOutlined',
  'UnorderedListOutlined',
  'UploadOutlined',
  'UserOutlined',
];

// The modules of the student path (its pages, the light components and what they use beyond React).
const STUDENT_MODULES = new RegExp(
  [
    ...STUDENT_PATH.map((p) => `/${p.replace(/\./g, '\\.')}$`),
    String.raw`/src/components/(LightLayout|LightUserMenu|AuthShell|CalmShell|TiersPanel|LanguageSwitch|BrandMark|PageHeading|StatusTag|FullPageSpin)\.tsx$`,
    String.raw`/src/components/light/`,
    String.raw`/src/hooks/(useAsync|useTitle|useQuestionnaire)\.ts$`,
    String.raw`/src/lib/(format|localDraft|questionnaire|roleLabels|prefetch|nav)\.tsx?$`,
    // What the entry shares with the lazy staff pages would otherwise be small chunks of their own, each a
    // request before the first screen: the API client, the UI strings (Chinese is built in) and i18next.
    String.raw`/src/api/(screening|client|problem|auth|org|orgCache)\.ts$`,
    String.raw`/src/i18n/(index|zh-CN|compliance\.zh-CN|security\.zh-CN)\.ts$`,
    String.raw`/node_modules/(i18next|react-i18next)/`,
    String.raw`vite/preload-helper`,
    String.raw`/src/session/useCan\.ts$`,
    String.raw`/src/theme\.ts$`,
    String.raw`/core/src/time/zone\.ts$`,
    String.raw`/node_modules/idb-keyval/`,
    String.raw`/node_modules/@ant-design/icons-svg/es/asn/(${STUDENT_ICONS.join('|')})\.js$`,
  ].join('|'),
);

/**
 * Writes which chunk holds each module (paths from the web package) to dist/.vite/chunk-modules.json, for
 * check-bundle-budget.mjs: the student path's pages share one chunk, which Vite's manifest does not name
 * after them, and the check refuses staff-only modules on the path.
 */
function chunkModules(): Plugin {
  return {
    name: 'yuxin-chunk-modules',
    apply: 'build',
    generateBundle(_options, bundle) {
      const root = fileURLToPath(new URL('.', import.meta.url));
      const chunks: Record<string, string[]> = {};
      for (const c of Object.values(bundle))
        if (c.type === 'chunk') chunks[c.fileName] = c.moduleIds.map((id) => id.replace(root, '').replace(/\0/g, ''));
      this.emitFile({ type: 'asset', fileName: '.vite/chunk-modules.json', source: JSON.stringify(chunks) });
    },
  };
}

export default defineConfig({
  base: '/',
  plugins: [react(), chunkModules()],
  // Core's pure rules (enums, labels, tiers) come from its sources, so no build of core is needed first.
  resolve: { alias: { '@yuxin/core': fileURLToPath(new URL('../core/src/index.ts', import.meta.url)) } },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: 'http://localhost:8080', changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    // The budget check (scripts/check-bundle-budget.mjs) reads which chunks each page needs from here.
    manifest: true,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // The student path's pages and what they share, as one chunk instead of some thirty small ones, which
          // the entry imports: on a slow mobile network a lazy page would cost a round trip after the entry
          // ran, and every small file a request. Staff load it too (it holds the sign-in page anyway).
          includeDependenciesRecursively: false,
          groups: [{ name: 'student', test: STUDENT_MODULES }],
        },
      },
    },
  },
});
