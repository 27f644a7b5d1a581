import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { GeneratedMunicipality } from '../../../src/demo/generate';
import { buildApp } from '../../../src/server/app';
import type { Clock } from '../../../src/server/auth/sign-in-pace';
import { describeEachDatabase } from '../../support/harness';
import { freshIp, login } from './auth-support';

/**
 * Failed password sign-ins are answered no earlier than a floor from their start, whether or
 * not the username exists. The app's clock is injected: `now` moves 40 ms at each reading and
 * `sleep` only records, so nothing here depends on real time.
 */
describeEachDatabase('the pace of failed sign-ins', (h) => {
  let app: FastifyInstance;
  let m: GeneratedMunicipality;
  let reading = 0;
  let events: string[] = [];
  const clock: Clock = {
    now: () => {
      reading += 40;
      return reading;
    },
    sleep: async (ms) => {
      events.push(`sleep ${ms}`);
    },
  };

  beforeAll(async () => {
    app = await buildApp({ db: h().db, config: h().config, clock });
    app.addHook('onSend', async () => {
      events.push('send');
    });
    await app.ready();
    m = await h().municipality({ families: 1, adults: 2, children: 1 });
  });
  afterAll(async () => {
    await app?.close();
  });

  const attempt = async (username: string, password?: string) => {
    events = [];
    const result = await login(app, freshIp(), username, password, { 'accept-language': 'en' });
    return { ...result, events };
  };

  it('answers an unknown username and a wrong password alike, each after waiting out the floor', async () => {
    const known = m.users[1]!.username;
    const unknown = await attempt(`nobody_${known}`, 'a wrong password');
    const wrong = await attempt(known, 'a wrong password');
    // Started at one reading, waited at the next (40 ms later): the rest of the 300 ms floor.
    expect(unknown.events).toEqual(['sleep 260', 'send']);
    expect(wrong.events).toEqual(['sleep 260', 'send']);
    expect(wrong.response.statusCode).toBe(401);
    expect(unknown.response.statusCode).toBe(401);
    expect(wrong.response.headers['content-type']).toBe(unknown.response.headers['content-type']);
    expect(wrong.response.body).toBe(unknown.response.body);
    expect(wrong.cookie).toBeUndefined();
    expect(unknown.cookie).toBeUndefined();
  });

  it('also waits before refusing the right password of a locked or a disabled account', async () => {
    const { db } = h();
    const [locked, disabled] = [m.users[2]!, m.users[3]!];
    await db.kysely
      .updateTable('app_user')
      .set({ locked_until: new Date(Date.now() + 10 * 60_000) })
      .where('id', '=', locked.id)
      .execute();
    await db.kysely
      .updateTable('app_user')
      .set({ disabled_at: new Date() })
      .where('id', '=', disabled.id)
      .execute();
    for (const user of [locked, disabled]) {
      const refused = await attempt(user.username);
      expect(refused.response.statusCode).toBe(401);
      expect(refused.events).toEqual(['sleep 260', 'send']);
    }
  });

  it('does not slow down a successful sign-in', async () => {
    const ok = await attempt(m.users[4]!.username);
    expect(ok.response.json()).toEqual({ stage: 'done' });
    expect(ok.events).toEqual(['send']);
  });
});
