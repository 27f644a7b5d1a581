import { beforeAll, describe, expect, it } from 'vitest';
import type { GeneratedMunicipality } from '../../../src/demo/generate';
import { problemOf, relationsOf, staffOf } from '../../support/factories';
import { type Client, describeEachDatabase } from '../../support/harness';

describeEachDatabase('HTTP hygiene', (h) => {
  let member: Client;
  let m: GeneratedMunicipality;

  beforeAll(async () => {
    m = await h().municipality({ families: 1, adults: 1, children: 1 });
    member = await h().signIn(staffOf(m).members[0]!.username);
  });

  /** A signed-in POST to the family search with a raw body and headers of our choosing. */
  const rawPost = (payload: string, headers: Record<string, string> = {}) =>
    h().app.inject({
      method: 'POST',
      url: '/api/families/search',
      headers: {
        cookie: member.cookie,
        'x-csrf-token': member.csrf,
        'content-type': 'application/json',
        ...headers,
      },
      payload,
    });

  describe('bad requests get a problem document', () => {
    it('malformed JSON → 400 /problems/bad-json', async () => {
      const response = await rawPost('{"q": "Odeh"');
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json()).toMatchObject({ type: '/problems/bad-json', status: 400 });
    });

    it('a body that is not JSON (text/plain) → 415', async () => {
      const response = await rawPost('q=Odeh', { 'content-type': 'text/plain' });
      expect(response.statusCode).toBe(415);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(problemOf(response).type).toBe('/problems/unsupported-media-type');
    });

    it('a body over 256 KiB → 413', async () => {
      const response = await rawPost(JSON.stringify({ q: 'x'.repeat(256 * 1024) }));
      expect(response.statusCode).toBe(413);
      expect(problemOf(response).type).toBe('/problems/payload-too-large');
    });

    it('a body just under the limit is read (and judged on its content)', async () => {
      const response = await rawPost(JSON.stringify({ q: 'x'.repeat(200 * 1024) }));
      expect(response.statusCode).toBe(400);
      expect(problemOf(response)).toMatchObject({ type: '/problems/validation', fields: ['q'] });
    });

    it('an unknown field → 400 naming it', async () => {
      const response = await member.post('/api/families/search', { q: 'Odeh', colour: 'red' });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({
        type: '/problems/validation',
        errors: [{ field: 'colour', code: 'errors.unknownField' }],
      });
    });

    it('an unknown query parameter on a route that takes none → 400 naming it (GET and POST alike)', async () => {
      const family = m.households[0]!.id;
      for (const response of [
        await member.get(`/api/families/${family}?x=1`),
        await member.post('/api/families/search?x=1', {}),
        await member.get('/api/team/staff?x=1'),
      ]) {
        expect(response.statusCode, response.body).toBe(400);
        expect(response.json()).toMatchObject({
          type: '/problems/validation',
          errors: [{ field: 'x', code: 'errors.unknownField' }],
        });
      }
      expect((await member.get(`/api/families/${family}`)).statusCode).toBe(200);
    });

    it('a body on a write that takes none → 400 naming the field, and nothing is done', async () => {
      const { household, pair } = relationsOf(m, 0);
      const adult = m.persons.find((p) => p.household_id === household.id && p.household_role !== 'child')!;
      const partner = await h().signIn(pair[0]!.username);
      const reveals = () =>
        h()
          .db.kysely.selectFrom('audit_event')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('municipality_id', '=', m.municipality.id)
          .where('actor_id', '=', pair[0]!.id)
          .where('action', '=', 'reveal')
          .where('entity_id', '=', adult.id)
          .executeTakeFirstOrThrow();
      const before = await reveals();
      const url = `/api/families/${household.id}/members/${adult.id}/cpr`;
      const refused = await partner.post(url, { x: 1 });
      expect(refused.statusCode, refused.body).toBe(400);
      expect(refused.json()).toMatchObject({ errors: [{ field: 'x', code: 'errors.unknownField' }] });
      expect(await reveals()).toEqual(before);
      // Without a body, or with an empty one, the reveal works as before.
      expect((await partner.post(url)).statusCode).toBe(200);
      expect((await partner.post(url, {})).statusCode).toBe(200);
      expect(Number((await reveals()).n)).toBe(Number(before.n) + 2);
    });

    it('a number out of range is a value, a list a count, in the problem’s words', async () => {
      const response = await member.post(
        '/api/families/search',
        { pageSize: 500 },
        { 'accept-language': 'en' },
      );
      expect(response.statusCode).toBe(400);
      expect(response.json().errors).toEqual([
        { field: 'pageSize', code: 'errors.tooLargeNumber', message: 'Is above the largest allowed value' },
      ]);
    });

    it('an unknown /api path → 404 problem', async () => {
      const response = await member.get('/api/nothing-here');
      expect(response.statusCode).toBe(404);
      expect(response.headers['content-type']).toContain('application/problem+json');
    });
  });

  describe('errors in the user’s language', () => {
    // biome-ignore format: table
    const languages: [string, string | undefined, string, string][] = [
      ['Danish by default',            undefined,          'Nogle felter er ikke udfyldt rigtigt',   'Er ikke et kendt felt'],
      ['Danish when asked',            'da',               'Nogle felter er ikke udfyldt rigtigt',   'Er ikke et kendt felt'],
      ['English when asked',           'en',               'Some fields are not filled in correctly', 'Is not a known field'],
      ['English from a region tag',    'en-GB,en;q=0.9',   'Some fields are not filled in correctly', 'Is not a known field'],
      ['Danish for other languages',   'de-DE',            'Nogle felter er ikke udfyldt rigtigt',   'Er ikke et kendt felt'],
    ];
    it.each(languages)('%s', async (_name, language, title, message) => {
      const response = await member.post(
        '/api/families/search',
        { colour: 'red' },
        language ? { 'accept-language': language } : {},
      );
      expect(response.statusCode).toBe(400);
      expect(response.json().title).toBe(title);
      expect(response.json().errors[0].message).toBe(message);
    });

    it('translates problems before sign-in too', async () => {
      const da = await h().app.inject({ method: 'GET', url: '/api/team/staff' });
      const en = await h().app.inject({
        method: 'GET',
        url: '/api/team/staff',
        headers: { 'accept-language': 'en' },
      });
      expect(da.json().title).toBe('Du skal logge ind');
      expect(en.json().title).toBe('You need to sign in');
    });
  });

  describe('sessions, CSRF and origin', () => {
    it('no session → 401 /problems/unauthenticated', async () => {
      for (const request of [
        { method: 'GET' as const, url: '/api/team/staff' },
        { method: 'POST' as const, url: '/api/families/search', payload: {} },
      ]) {
        const response = await h().app.inject(request);
        expect(response.statusCode).toBe(401);
        expect(problemOf(response).type).toBe('/problems/unauthenticated');
      }
    });

    it('an unknown session cookie → 401, and the cookie is cleared', async () => {
      const response = await h().app.inject({
        method: 'GET',
        url: '/api/team/staff',
        headers: { cookie: 'staircase_session=not-a-session' },
      });
      expect(response.statusCode).toBe(401);
      const cleared = response.cookies.find((c) => c.name === 'staircase_session');
      expect(cleared?.value).toBe('');
    });

    it('a POST without the CSRF header → 403 /problems/csrf', async () => {
      const response = await h().app.inject({
        method: 'POST',
        url: '/api/families/search',
        headers: { cookie: member.cookie },
        payload: {},
      });
      expect(response.statusCode).toBe(403);
      expect(problemOf(response).type).toBe('/problems/csrf');
    });

    it('a POST with another CSRF token → 403 /problems/csrf', async () => {
      const response = await member.post('/api/families/search', {}, { 'x-csrf-token': 'guessed' });
      expect(response.statusCode).toBe(403);
      expect(problemOf(response).type).toBe('/problems/csrf');
    });

    it('a GET needs no CSRF header', async () => {
      const response = await h().app.inject({
        method: 'GET',
        url: '/api/team/staff',
        headers: { cookie: member.cookie },
      });
      expect(response.statusCode).toBe(200);
    });

    it('a POST from another origin → 403, even with the right token', async () => {
      const response = await member.post('/api/families/search', {}, { origin: 'https://evil.example' });
      expect(response.statusCode).toBe(403);
      expect(problemOf(response).type).toBe('/problems/csrf');
    });

    it('a POST from PUBLIC_URL’s origin is accepted', async () => {
      const response = await member.post('/api/families/search', {}, { origin: 'http://127.0.0.1:3000' });
      expect(response.statusCode).toBe(200);
    });
  });

  describe('health, docs and headers', () => {
    it('/healthz and /readyz answer 200', async () => {
      const health = await h().app.inject({ method: 'GET', url: '/healthz' });
      const ready = await h().app.inject({ method: 'GET', url: '/readyz' });
      expect(health.statusCode).toBe(200);
      expect(health.json()).toEqual({ status: 'ok' });
      expect(ready.statusCode).toBe(200);
      expect(ready.json()).toEqual({ status: 'ready', database: h().kind });
    });

    it('/api/docs/json is an OpenAPI 3 document listing the families paths', async () => {
      const response = await h().app.inject({ method: 'GET', url: '/api/docs/json' });
      expect(response.statusCode).toBe(200);
      const doc = response.json();
      expect(doc.openapi).toMatch(/^3\./);
      const paths = Object.keys(doc.paths);
      expect(paths).toEqual(
        expect.arrayContaining([
          '/api/families/search',
          '/api/families/{familyId}',
          '/api/families/{familyId}/members',
          '/api/families/{familyId}/history',
          '/api/families/{familyId}/break-glass',
          '/api/audit',
        ]),
      );
      expect(Object.keys(doc.paths['/api/families/{familyId}'])).toEqual(
        expect.arrayContaining(['get', 'patch']),
      );
      expect(paths).not.toContain('/healthz');
    });

    it.each(['/healthz', '/api/team/staff'])('sends the security headers on %s', async (url) => {
      const response = await h().app.inject({ method: 'GET', url, headers: { cookie: member.cookie } });
      const csp = String(response.headers['content-security-policy']);
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("default-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('unsafe-eval');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['referrer-policy']).toBe('same-origin');
    });

    it('sends the whole set of security headers, exactly, on a page that does not exist', async () => {
      const response = await h().app.inject({ method: 'GET', url: '/api/nothing-here' });
      expect(response.statusCode).toBe(404);
      const security = Object.fromEntries(
        Object.entries(response.headers).filter(
          ([name]) => !['content-type', 'content-length', 'date', 'connection'].includes(name),
        ),
      );
      expect(security).toEqual({
        // The API's answers are never stored by a browser or proxy cache.
        'cache-control': 'no-store',
        'content-security-policy':
          "default-src 'self';script-src 'self';style-src 'self';img-src 'self' data:;font-src 'self' data:;connect-src 'self';frame-ancestors 'none';form-action 'self';base-uri 'none';object-src 'none'",
        'cross-origin-opener-policy': 'same-origin',
        'cross-origin-resource-policy': 'same-origin',
        'origin-agent-cluster': '?1',
        'referrer-policy': 'same-origin',
        'strict-transport-security': 'max-age=31536000; includeSubDomains',
        'x-content-type-options': 'nosniff',
        'x-dns-prefetch-control': 'off',
        'x-download-options': 'noopen',
        'x-frame-options': 'SAMEORIGIN',
        'x-permitted-cross-domain-policies': 'none',
        'x-xss-protection': '0',
      });
    });

    it('keeps the answers of the API, signed in or not, out of every cache, and not the docs or the web app', async () => {
      const client = await h().signIn(staffOf(await h().municipality()).leader.username);
      for (const response of [
        await client.get('/api/auth/me'),
        await client.post('/api/families/search', {}),
        await h().app.inject({ method: 'GET', url: '/api/auth/config' }),
      ]) {
        expect(response.headers['cache-control']).toBe('no-store');
      }
      for (const url of ['/api/docs/json', '/healthz']) {
        const other = await h().app.inject({ method: 'GET', url });
        expect(other.headers['cache-control'], url).toBeUndefined();
      }
    });

    it('lets only the API docs page (Swagger UI) use inline styles', async () => {
      const docs = await h().app.inject({ method: 'GET', url: '/api/docs/' });
      expect(docs.statusCode).toBe(200);
      const csp = String(docs.headers['content-security-policy']);
      expect(csp).toContain("style-src 'self' 'unsafe-inline'");
      expect(csp).toContain("script-src 'self';");
      for (const url of ['/healthz', '/api/docsX', '/healthz?next=/api/docs']) {
        const other = await h().app.inject({ method: 'GET', url });
        expect(String(other.headers['content-security-policy']), url).toContain("style-src 'self';");
      }
    });

    it('sends the security headers on error responses too', async () => {
      const response = await h().app.inject({ method: 'GET', url: '/api/team/staff' });
      expect(response.statusCode).toBe(401);
      expect(String(response.headers['content-security-policy'])).toContain("script-src 'self'");
      expect(response.headers['x-content-type-options']).toBe('nosniff');
    });
  });
});
