import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { headersWith, replayed } from '../../../src/server/plugins/security';

const responseWithPoweredBy = () => {
  const res = new ServerResponse(new IncomingMessage(new Socket()));
  res.setHeader('X-Powered-By', 'something');
  return res;
};

describe('security headers, replayed', () => {
  for (const styleSrc of [["'self'"], ["'self'", "'unsafe-inline'"]]) {
    it(`set exactly what helmet sets, in its order (style-src ${styleSrc.join(' ')})`, () => {
      const byHelmet = responseWithPoweredBy();
      let called = false;
      headersWith(styleSrc)(byHelmet.req, byHelmet, () => {
        called = true;
      });
      expect(called).toBe(true);
      const byReplay = responseWithPoweredBy();
      replayed(headersWith(styleSrc))(byReplay);
      expect(byReplay.getHeaderNames()).toEqual(byHelmet.getHeaderNames());
      expect(byReplay.getHeaders()).toEqual(byHelmet.getHeaders());
      expect(byReplay.getHeader('x-powered-by')).toBeUndefined();
      expect(byReplay.getHeader('content-security-policy')).toContain(`style-src ${styleSrc.join(' ')}`);
    });
  }

  it('refuses a middleware that does not finish at once, or fails', () => {
    expect(() => replayed(() => undefined)).toThrow(/did not finish/);
    expect(() => replayed((_req, _res, next) => next(new Error('broken')))).toThrow(/broken/);
  });
});
