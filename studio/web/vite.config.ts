/**
 * The studio's build: `npm run build:studio` writes studio/web/dist, which the hono server serves
 * at `/`. In development (`npx vite --config studio/web/vite.config.ts`) /api is proxied to a
 * server started with `npm start` on port 8080.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../..');

export default defineConfig({
  root: here,
  base: '/',
  plugins: [react()],
  worker: { format: 'es' },
  build: {
    outDir: resolve(here, 'dist'),
    emptyOutDir: true,
    // Monaco alone is ~2.5 MB of JS; the warning would fire on every build.
    chunkSizeWarningLimit: 4000,
    reportCompressedSize: false,
    // Rolldown's note on slow plugins names vite's own worker plugin: nothing to act on.
    rolldownOptions: { checks: { pluginTimings: false } },
  },
  server: {
    fs: { allow: [repo] },
    proxy: {
      '/api': { target: 'http://127.0.0.1:8080', ws: true },
    },
  },
});
