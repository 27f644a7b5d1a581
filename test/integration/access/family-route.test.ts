import type { FastifyInstance } from 'fastify';
import { expect, it } from 'vitest';
import { familyRoutes } from '../../../src/server/access/family-route';
import { buildApp } from '../../../src/server/app';
import { familiesPolicy, familyActions } from '../../../src/server/families/families.policy';
import { describeEachDatabase } from '../../support/harness';

/**
 * Issue 13, point 2: a family-scoped route cannot be registered without an action and an audit
 * description — neither through the helper nor around it. Each app below fails at start-up.
 */
describeEachDatabase('a family-scoped route must name its action and its audit', (h) => {
  const schema = {};
  const handler = async () => ({});
  const tasks = {
    method: 'GET' as const,
    url: '/api/families/:familyId/tasks',
    access: familiesPolicy.record,
    schema,
    handler,
  };

  /** Expects registering on a fresh app to throw `message`; the app is closed whatever happens. */
  const refusesToRegister = async (register: (app: FastifyInstance) => unknown, message: RegExp) => {
    const app = await buildApp({ db: h().db, config: h().config });
    try {
      expect(() => register(app)).toThrow(message);
    } finally {
      await app.close();
    }
  };

  it('refuses to start with a route under /api/families/:familyId registered around the helper', async () => {
    await refusesToRegister(
      (app) =>
        app.get('/api/families/:familyId/tasks', { config: { access: familiesPolicy.record } }, handler),
      /names a family but was not registered with familyRoutes/,
    );
  });

  it('refuses a family route without an action', async () => {
    await refusesToRegister(
      (app) =>
        familyRoutes(
          app as never,
          h().db,
        )({
          ...tasks,
          action: undefined as never,
          audit: { action: 'read', entity: 'task', fields: ['tasks'] },
        }),
      /names no action/,
    );
  });

  it('refuses a family route without an audit description', async () => {
    await refusesToRegister(
      (app) =>
        familyRoutes(
          app as never,
          h().db,
        )({ ...tasks, action: familyActions.read, audit: undefined as never }),
      /gives no audit description/,
    );
  });
});
