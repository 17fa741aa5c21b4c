import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

// The Fastify server serves dist/ at `/` (SPA fallback) and the API under `/api`.
// In development, `npm run dev -w @yuxin/web` proxies `/api` to the server on port 8080.
export default defineConfig({
  base: '/',
  plugins: [react()],
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
  },
});
