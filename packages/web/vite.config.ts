import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The Fastify server serves dist/ at `/` (SPA fallback) and the API under `/api`.
// In development, `npm run dev -w @yuxin/web` proxies `/api` to the server on port 8080.
export default defineConfig({
  base: '/',
  plugins: [react()],
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
    chunkSizeWarningLimit: 1500,
  },
});
