import { once } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/db/client';
import { databaseProblem } from '../../../src/db/errors';
import { buildApp } from '../../../src/server/app';
import { loadConfig } from '../../../src/server/config';
import { TEST_SECRET_KEY } from '../../support/harness';

/**
 * A PostgreSQL address that takes the connection and never answers — what a firewall that drops
 * packets, or a hung server, looks like to the driver. Without a connect timeout pg waits for
 * ever (the operating system's two minutes for dropped packets); with one, a start says so in a
 * sentence and a request is answered 503 to be tried again. Needs no PostgreSQL server.
 */
describe('a database server that never answers', () => {
  let silent: Server;
  const sockets: Socket[] = [];
  let url = '';

  beforeAll(async () => {
    silent = createServer((socket) => sockets.push(socket));
    silent.listen(0, '127.0.0.1');
    await once(silent, 'listening');
    const address = silent.address();
    if (!address || typeof address === 'string') throw new Error('no port');
    url = `postgres://staff:s3cret-pw@127.0.0.1:${address.port}/staircase`;
  });

  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    silent.close();
  });

  it('gives up connecting after the connect timeout, with a sentence that names the server and not the password', async () => {
    const db = openDatabase({ url, connectTimeoutMillis: 200, onConnectionError: () => {} });
    try {
      const failure = await sql`select 1`.execute(db.kysely).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(Error);
      const said = databaseProblem(failure, url);
      expect(said).toBe(
        `The PostgreSQL server at 127.0.0.1:${new URL(url).port} did not answer in time (timeout). Is it running, does DATABASE_URL name it, and does a firewall let this host through?`,
      );
      expect(said).not.toContain('s3cret-pw');
    } finally {
      await db.close();
    }
  });

  it('answers a request that needs it 503 problem+json, translated, with Retry-After; /readyz says unavailable', async () => {
    const db = openDatabase({ url, connectTimeoutMillis: 200, onConnectionError: () => {} });
    const app = await buildApp({
      db,
      config: { ...loadConfig({}), webDir: '/nonexistent', seedDemo: false, secretKeys: [TEST_SECRET_KEY] },
    });
    try {
      // The sign-in page's first request: it reads the demo logins from the database.
      const signIn = await app.inject({
        method: 'GET',
        url: '/api/auth/config',
        headers: { 'accept-language': 'en' },
      });
      expect(signIn.statusCode).toBe(503);
      expect(signIn.headers['content-type']).toContain('application/problem+json');
      expect(signIn.headers['retry-after']).toBe('5');
      expect(signIn.json()).toEqual({
        type: '/problems/unavailable',
        title: 'Staircase cannot reach its database just now – try again in a moment',
        status: 503,
      });
      const danish = await app.inject({ method: 'GET', url: '/api/auth/config' });
      expect(danish.json().title).toBe(
        'Staircase kan ikke nå sin database lige nu – prøv igen om et øjeblik',
      );
      const ready = await app.inject({ method: 'GET', url: '/readyz' });
      expect(ready.statusCode).toBe(503);
    } finally {
      await app.close();
      await db.close();
    }
  });
});
