#!/usr/bin/env node
// `npm run dev`: the API with reload (tsx watch) and the web app with Vite's dev server (it
// proxies /api to the API). Open the URL Vite prints.
import { spawn } from 'node:child_process';

const children = [
  spawn('npx', ['tsx', 'watch', '--clear-screen=false', 'bin/staircase.mjs', 'start'], {
    stdio: 'inherit',
    env: { ...process.env, STAIRCASE_WEB_DIR: process.env.STAIRCASE_WEB_DIR ?? 'dist/web' },
  }),
  spawn('npx', ['vite'], { stdio: 'inherit' }),
];
const stop = () => {
  for (const child of children) child.kill('SIGTERM');
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
