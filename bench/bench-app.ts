import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { type Config, loadConfig } from '../src/server/config';
import { BENCH_PASSWORD } from './settings';

/**
 * The app's configuration under the benchmark: production's (no response check unless `env`
 * asks, decision 0015), no web app, no demo data, and a key of this run only — the benchmark
 * stores no TOTP secrets worth keeping.
 */
export function benchConfig(env: NodeJS.ProcessEnv = {}): Config {
  return {
    ...loadConfig({ NODE_ENV: 'production', ...env }),
    webDir: '/nonexistent',
    seedDemo: false,
    secretKeys: [randomBytes(32)],
  };
}

/** Signs a benchmark account in through inject; its session cookie (`name=value`). */
export async function sessionCookie(app: FastifyInstance, username: string): Promise<string> {
  const login = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password: BENCH_PASSWORD },
  });
  if (login.statusCode !== 200) throw new Error(`sign-in of ${username}: ${login.statusCode}`);
  return ([] as string[])
    .concat(login.headers['set-cookie'] as string[])
    .map((c) => c.split(';')[0] ?? '')
    .find((c) => c.startsWith('staircase_session='))!;
}
