import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

// `npm run dev` proxies the API to the server on its PORT (default 3000), as in production.
const api = `http://127.0.0.1:${process.env.PORT ?? '3000'}`;

/**
 * The service worker (decision 0048): src/web/sw/service-worker.js written to dist/web/sw.js with
 * the build's own files to keep, and a version that changes with them, so a new build replaces
 * the kept shell. A plain file at the root, not a hashed chunk: its address is its identity.
 */
function serviceWorker(): Plugin {
  return {
    name: 'staircase-service-worker',
    apply: 'build',
    generateBundle(_options, bundle) {
      const files = Object.keys(bundle)
        .filter((f) => f !== 'index.html' && !f.endsWith('.map'))
        .sort()
        .map((f) => `/${f}`);
      const version = createHash('sha256').update(files.join('\n')).digest('hex').slice(0, 12);
      const source = readFileSync(new URL('./src/web/sw/service-worker.js', import.meta.url), 'utf8')
        .replace('self.__PRECACHE__', JSON.stringify(['/', ...files]))
        .replace("'__VERSION__'", JSON.stringify(version));
      this.emitFile({ type: 'asset', fileName: 'sw.js', source });
    },
  };
}

/** The web app: built into dist/web, which the server serves under a strict Content-Security-Policy. */
export default defineConfig({
  root: 'src/web',
  plugins: [react(), serviceWorker()],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    sourcemap: false,
    // One bundle for a staff app used all day: cached after the first visit. Mostly React and Aksel.
    chunkSizeWarningLimit: 1000,
  },
  server: {
    proxy: {
      '/api': { target: api, changeOrigin: false },
      '/healthz': { target: api, changeOrigin: false },
    },
  },
});
