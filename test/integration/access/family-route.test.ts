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

  it('refuses to start with a route under /api/families/:familyId registered around the helper', async () => {
    const app = await buildApp({ db: h().db, config: h().config });
    try {
      expect(() =>
        app.get('/api/families/:familyId/tasks', { config: { access: familiesPolicy.record } }, handler),
      ).toThrow(/names a family but was not registered with familyRoutes/);
    } finally {
      await app.close();
    }
  });

  it('refuses a family route without an action', async () => {
    const app = await buildApp({ db: h().db, config: h().config });
    try {
      const route = familyRoutes(app as never, h().db);
      expect(() =>
        route({
          method: 'GET',
          url: '/api/families/:familyId/tasks',
          access: familiesPolicy.record,
          action: undefined as never,
          audit: { action: 'read', entity: 'task', fields: ['tasks'] },
          schema,
          handler,
        }),
      ).toThrow(/names no action/);
    } finally {
      await app.close();
    }
  });

  it('refuses a family route without an audit description', async () => {
    const app = await buildApp({ db: h().db, config: h().config });
    try {
      const route = familyRoutes(app as never, h().db);
      expect(() =>
        route({
          method: 'GET',
          url: '/api/families/:familyId/tasks',
          access: familiesPolicy.record,
          action: familyActions.read,
          audit: undefined as never,
          schema,
          handler,
        }),
      ).toThrow(/gives no audit description/);
    } finally {
      await app.close();
    }
  });
});
