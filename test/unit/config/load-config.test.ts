import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/server/config';

describe('numeric settings', () => {
  it('take their defaults when unset or empty, and whole numbers as given', () => {
    expect(loadConfig({})).toMatchObject({
      port: 3000,
      idleTimeoutMinutes: 30,
      absoluteTimeoutHours: 12,
      sessionCacheSeconds: 5,
      databasePoolSize: 20,
    });
    expect(
      loadConfig({
        PORT: '8080',
        SESSION_IDLE_MINUTES: ' 15 ',
        SESSION_ABSOLUTE_HOURS: '8',
        STAIRCASE_SESSION_CACHE_SECONDS: '0',
        DATABASE_POOL_SIZE: '4',
      }),
    ).toMatchObject({
      port: 8080,
      idleTimeoutMinutes: 15,
      absoluteTimeoutHours: 8,
      sessionCacheSeconds: 0,
      databasePoolSize: 4,
    });
    expect(loadConfig({ SESSION_IDLE_MINUTES: '' }).idleTimeoutMinutes).toBe(30);
  });

  it.each([
    ['SESSION_IDLE_MINUTES', '30m', 'SESSION_IDLE_MINUTES must be a whole number from 1 to 1440, not "30m".'],
    ['SESSION_IDLE_MINUTES', '0', 'SESSION_IDLE_MINUTES must be a whole number from 1 to 1440, not "0".'],
    [
      'SESSION_ABSOLUTE_HOURS',
      '12h',
      'SESSION_ABSOLUTE_HOURS must be a whole number from 1 to 168, not "12h".',
    ],
    [
      'SESSION_ABSOLUTE_HOURS',
      '1.5',
      'SESSION_ABSOLUTE_HOURS must be a whole number from 1 to 168, not "1.5".',
    ],
    ['DATABASE_POOL_SIZE', '0', 'DATABASE_POOL_SIZE must be a whole number from 1 to 500, not "0".'],
    ['PORT', 'abc', 'PORT must be a whole number from 0 to 65535, not "abc".'],
    ['PORT', '70000', 'PORT must be a whole number from 0 to 65535, not "70000".'],
    [
      'STAIRCASE_SESSION_CACHE_SECONDS',
      '-1',
      'STAIRCASE_SESSION_CACHE_SECONDS must be a whole number from 0 to 300, not "-1".',
    ],
  ])('%s=%s stops the start with a sentence naming it', (name, value, sentence) => {
    expect(() => loadConfig({ [name]: value })).toThrow(new ConfigError(sentence));
  });
});

describe('TRUST_PROXY', () => {
  it('trusts no proxy by default, a proxy on this machine for true, or the addresses given', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toEqual(['loopback']);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.2, 10.1.0.0/16,::1' }).trustProxy).toEqual([
      '10.0.0.2',
      '10.1.0.0/16',
      '::1',
    ]);
  });

  it.each(['1', 'abc', '10.0.0.2/x', 'yes'])('refuses TRUST_PROXY=%s with a sentence naming it', (value) => {
    expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(ConfigError);
    expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(/^TRUST_PROXY must be/);
  });

  it('takes the client address the trusted proxy saw, not the leftmost entry a client can forge', async () => {
    const app = Fastify({ trustProxy: loadConfig({ TRUST_PROXY: 'true' }).trustProxy });
    app.get('/ip', (request) => ({ ip: request.ip }));
    const behindProxy = await app.inject({
      url: '/ip',
      remoteAddress: '127.0.0.1',
      headers: { 'x-forwarded-for': '6.6.6.6, 203.0.113.9' },
    });
    expect(behindProxy.json()).toEqual({ ip: '203.0.113.9' });
    // A client reaching the server directly cannot choose its address at all.
    const direct = await app.inject({
      url: '/ip',
      remoteAddress: '198.51.100.7',
      headers: { 'x-forwarded-for': '6.6.6.6' },
    });
    expect(direct.json()).toEqual({ ip: '198.51.100.7' });
    await app.close();
  });
});

describe('PUBLIC_URL and ALLOWED_ORIGINS (the Origin check, issue 12)', () => {
  it('says whether PUBLIC_URL was set: only a default one has localhost twins', () => {
    expect(loadConfig({}).publicUrlIsDefault).toBe(true);
    expect(loadConfig({ PUBLIC_URL: 'https://staircase.example.dk/' })).toMatchObject({
      publicUrl: 'https://staircase.example.dk',
      publicUrlIsDefault: false,
    });
  });

  it('keeps ALLOWED_ORIGINS as origins and refuses an entry that is not one', () => {
    expect(
      loadConfig({ ALLOWED_ORIGINS: ' https://A.example:443/ , http://localhost:5173' }).allowedOrigins,
    ).toEqual(['https://a.example', 'http://localhost:5173']);
    expect(() => loadConfig({ ALLOWED_ORIGINS: 'https://a.example/path' })).toThrow(ConfigError);
    expect(() => loadConfig({ ALLOWED_ORIGINS: 'a.example' })).toThrow(/ALLOWED_ORIGINS/);
  });

  it('refuses a PUBLIC_URL that is not an address', () => {
    expect(() => loadConfig({ PUBLIC_URL: 'staircase.example.dk' })).toThrow(/PUBLIC_URL/);
  });
});
