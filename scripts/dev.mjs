#!/usr/bin/env node
// `npm run dev`: the API with reload (tsx watch) and the web app with Vite's dev server (it
// proxies /api to the API). Open the URL Vite prints.
import { spawn } from 'node:child_process';

// The browser's origin is Vite's, not the API's: the API accepts writes from PUBLIC_URL's origin
// and ALLOWED_ORIGINS only (docs/operations.md), so Vite's port is fixed (--strictPort: another
// program on it is an error, not a silently different origin) and listed for the API.
const vitePort = process.env.VITE_PORT ?? '5173';
const viteOrigins = `http://localhost:${vitePort},http://127.0.0.1:${vitePort}`;

const children = [
  spawn('npx', ['tsx', 'watch', '--clear-screen=false', 'bin/staircase.mjs', 'start'], {
    stdio: 'inherit',
    env: {
      ...process.env,
      STAIRCASE_WEB_DIR: process.env.STAIRCASE_WEB_DIR ?? 'dist/web',
      ALLOWED_ORIGINS: [process.env.ALLOWED_ORIGINS, viteOrigins].filter(Boolean).join(','),
    },
  }),
  spawn('npx', ['vite', '--port', vitePort, '--strictPort'], { stdio: 'inherit' }),
];
const stop = () => {
  for (const child of children) child.kill('SIGTERM');
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
