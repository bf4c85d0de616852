import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { precompressAssets } from './precompress.js';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/**
 * Builds two pages into web/dist, which the Fastify server serves: the technician wizard
 * (index.html, at `/`) and the admin control center (admin.html, at `/admin/...`). Separate
 * entries keep the wizard's JavaScript free of the admin code technicians never use.
 * `npm run dev:web` serves both with hot reload and forwards /api to a server on port 3000.
 */
export default defineConfig({
  root: webRoot,
  base: '/',
  plugins: [react(), precompressAssets()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // What the client takes from the server side lives in src/shared; its size counts like our own code.
    reportCompressedSize: true,
    target: 'es2022',
    rolldownOptions: {
      input: {
        wizard: fileURLToPath(new URL('index.html', import.meta.url)),
        admin: fileURLToPath(new URL('admin.html', import.meta.url)),
      },
      // What both pages use (React, the base styles, shared rules) goes into one chunk named
      // for what it is; each page's own code stays in its entry.
      output: { codeSplitting: { groups: [{ name: 'shared', minShareCount: 2 }] } },
    },
  },
  server: {
    fs: { allow: [repoRoot] },
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
