import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `npm run dev` proxies the API to the server on its PORT (default 3000), as in production.
const api = `http://127.0.0.1:${process.env.PORT ?? '3000'}`;

/** The web app: built into dist/web, which the server serves under a strict Content-Security-Policy. */
export default defineConfig({
  root: 'src/web',
  plugins: [react()],
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
