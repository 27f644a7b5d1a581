import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../../src/db/client';
import { buildApp } from '../../../src/server/app';
import { loadConfig } from '../../../src/server/config';
import { TEST_SECRET_KEY } from '../../support/harness';

/** The built web app as the server serves it: pages, files, and files that are not there. */
describe('the web app’s files', () => {
  let webDir: string;
  let db: Db;
  let app: FastifyInstance;

  beforeAll(async () => {
    webDir = mkdtempSync(join(tmpdir(), 'staircase-web-'));
    mkdirSync(join(webDir, 'assets'));
    writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>Staircase</title>');
    writeFileSync(join(webDir, 'assets', 'app-1.js'), 'console.log(1)');
    // No query reaches the database here: an in-memory PGlite that is never migrated will do.
    db = openDatabase({});
    app = await buildApp({
      db,
      config: { ...loadConfig({}), webDir, seedDemo: false, secretKeys: [TEST_SECRET_KEY] },
    });
    await app.ready();
  });

  afterAll(async () => {
    await app.close();
    await db.close();
    rmSync(webDir, { recursive: true, force: true });
  });

  it('answers a page of the web app with its index.html, and a file with itself', async () => {
    const page = await app.inject({ method: 'GET', url: '/families/3f1c2b8e-0000-4000-8000-000000000000' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    const script = await app.inject({ method: 'GET', url: '/assets/app-1.js' });
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-type']).toContain('javascript');
  });

  it('answers a file that is not there 404, not with the page (which a browser would run as a script)', async () => {
    for (const url of ['/assets/app-0.js', '/assets/missing.css', '/favicon.ico']) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(404);
      expect(response.headers['content-type'], url).not.toContain('text/html');
    }
  });

  it('serves a file written after the server started (the web app built again)', async () => {
    writeFileSync(join(webDir, 'assets', 'app-2.js'), 'console.log(2)');
    const script = await app.inject({ method: 'GET', url: '/assets/app-2.js' });
    expect(script.statusCode).toBe(200);
    expect(script.body).toBe('console.log(2)');
  });
});
