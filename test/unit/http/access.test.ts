import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../../src/db/client';
import { adminPolicy } from '../../../src/server/admin/admin.policy';
import { loadConfig } from '../../../src/server/config';
import type { Actor, RoutePolicy } from '../../../src/server/http/access';
import { needsAccess, registerAccess } from '../../../src/server/plugins/access';
import { teamPolicy } from '../../../src/server/team/team.policy';
import type { Role } from '../../../src/shared/auth/auth.contract';

/** The gate refuses, at registration, any /api route that declares no access. */
describe('access gate registration', () => {
  // The gate's hooks would use the database per request; these tests register routes only.
  let db: Db;
  beforeAll(() => {
    db = openDatabase({});
  });
  afterAll(async () => {
    await db.close();
  });

  const gatedApp = () => {
    const app = Fastify();
    registerAccess(app, db, loadConfig({}));
    return app;
  };

  it('throws when an /api route declares no access', async () => {
    const app = gatedApp();
    expect(() => app.get('/api/unguarded', async () => ({}))).toThrow(
      'Route GET /api/unguarded declares no access policy',
    );
    await app.close();
  });

  it('throws when an /api route has a config without access', async () => {
    const app = gatedApp();
    expect(() => app.post('/api/unguarded', { config: {} }, async () => ({}))).toThrow(/declares no access/);
    await app.close();
  });

  it('fails start-up when a plugin under the /api prefix registers a route without access', async () => {
    const app = gatedApp();
    app.register(
      async (child) => {
        child.get('/things', async () => ({}));
      },
      { prefix: '/api' },
    );
    await expect(app.ready()).rejects.toThrow('Route GET /api/things declares no access policy');
    await app.close();
  });

  it('accepts routes that declare public, partial or a RoutePolicy access', async () => {
    const app = gatedApp();
    app.get('/api/a', { config: { access: 'public' } }, async () => ({}));
    app.get('/api/b', { config: { access: 'partial' } }, async () => ({}));
    app.get('/api/c', { config: { access: teamPolicy.areas } }, async () => ({}));
    await expect(app.ready()).resolves.toBeDefined();
    await app.close();
  });

  it('needs no access for the web app, health checks and API docs', async () => {
    const app = gatedApp();
    app.get('/healthz', async () => ({}));
    app.get('/families/123', async () => ({}));
    app.get('/api/docs/json', async () => ({}));
    await expect(app.ready()).resolves.toBeDefined();
    await app.close();
  });

  // biome-ignore format: table
  const urls: [string, boolean][] = [
    ['/api/families',      true],
    ['/api/audit',         true],
    ['/api/docs',          false],
    ['/api/docs/json',     false],
    ['/healthz',           false],
    ['/families',          false],
    ['/apix',              false],
    ['/api/docsets',       true],
    ['/api/docs?x=1',      false],
  ];
  it.each(urls)('needsAccess(%s) is %s', (url, needed) => {
    expect(needsAccess(url)).toBe(needed);
  });
});

describe('team and admin route gates', () => {
  const actor = (role: Role): Actor => ({
    userId: 'u',
    municipalityId: 'm',
    role,
    teamId: role === 'team_member' || role === 'team_leader' ? 't' : null,
    displayName: 'x',
  });

  // biome-ignore format: table
  const table: [Role, { staff: boolean; areas: boolean; auditSearch: boolean }][] = [
    ['team_member',   { staff: true,  areas: true, auditSearch: false }],
    ['team_leader',   { staff: true,  areas: true, auditSearch: true  }],
    ['analyst',       { staff: false, areas: true, auditSearch: false }],
    ['administrator', { staff: false, areas: true, auditSearch: true  }],
  ];

  it.each(table)('%s: %o', (role, want) => {
    expect({
      staff: teamPolicy.staff.allows(actor(role)),
      areas: (teamPolicy.areas as RoutePolicy).allows(actor(role)),
      auditSearch: adminPolicy.auditSearch.allows(actor(role)),
    }).toEqual(want);
  });
});
