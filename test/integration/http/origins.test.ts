import { expect, it } from 'vitest';
import { loadConfig } from '../../../src/server/config';
import { auditSince, lastAuditId, staffOf } from '../../support/factories';
import { type Client, describeEachDatabase, type Harness } from '../../support/harness';

/**
 * Unsafe requests are accepted only from PUBLIC_URL's origin, the operator's ALLOWED_ORIGINS and
 * the origins the municipality's administrator lists — never from one derived from the request
 * (issue 12, point 4). A valid session cookie and CSRF token are sent every time: the Origin is
 * what is tested.
 */
const search = (client: Client, headers: Record<string, string>) =>
  client.post('/api/families/search', {}, headers);

async function memberAndAdmin(h: Harness) {
  const m = await h.municipality();
  const { members, admin } = staffOf(m);
  const member = members[0]!;
  return {
    m,
    member: await h.signIn(member.username),
    memberId: member.id,
    admin: await h.signIn(admin.username),
  };
}

// The harness's PUBLIC_URL is the default, http://127.0.0.1:3000.
describeEachDatabase('the Origin check of unsafe requests', (h) => {
  it('refuses an origin made from the Host header (403, audited as a foreign origin)', async () => {
    const { m, member, memberId } = await memberAndAdmin(h());
    const since = await lastAuditId(h().db);
    const response = await search(member, { host: 'evil.example', origin: 'http://evil.example' });
    expect(response.statusCode).toBe(403);
    expect(response.json().type).toBe('/problems/csrf');
    const denied = (await auditSince(h().db, m.municipality.id, since)).filter((r) => r.action === 'denied');
    expect(denied).toEqual([
      expect.objectContaining({ actor_id: memberId, entity: 'route', purpose: 'foreign_origin' }),
    ]);
  });

  it('refuses the public origin with the other scheme (http/https swapped)', async () => {
    const { member } = await memberAndAdmin(h());
    const response = await search(member, { host: '127.0.0.1:3000', origin: 'https://127.0.0.1:3000' });
    expect(response.statusCode).toBe(403);
  });

  it('refuses an origin it cannot read, and the opaque origin "null"', async () => {
    const { member } = await memberAndAdmin(h());
    for (const origin of ['null', 'not a url', 'http://127.0.0.1:3000.evil.example']) {
      expect((await search(member, { origin })).statusCode, origin).toBe(403);
    }
  });

  it('accepts PUBLIC_URL’s origin, whatever the Host header says', async () => {
    const { member } = await memberAndAdmin(h());
    expect((await search(member, { origin: 'http://127.0.0.1:3000' })).statusCode).toBe(200);
    expect((await search(member, { host: 'evil.example', origin: 'http://127.0.0.1:3000' })).statusCode).toBe(
      200,
    );
  });

  it('accepts the localhost twin of a PUBLIC_URL that was not set (npm start, opened at localhost)', async () => {
    const { member } = await memberAndAdmin(h());
    expect((await search(member, { origin: 'http://localhost:3000' })).statusCode).toBe(200);
    expect((await search(member, { origin: 'http://localhost:3001' })).statusCode).toBe(403);
  });

  it('accepts an origin the administrator lists after it is added, and refuses it after it is removed', async () => {
    const { member, admin } = await memberAndAdmin(h());
    const origin = 'https://staircase.other.example';
    expect((await search(member, { origin })).statusCode).toBe(403);

    const added = await admin.post('/api/admin/allowed-origins', {
      origin: 'https://Staircase.Other.example:443/',
    });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({ origin });
    expect((await admin.get('/api/admin/allowed-origins')).json().items).toEqual([
      expect.objectContaining({ id: added.json().id, origin }),
    ]);
    expect((await search(member, { origin })).statusCode).toBe(200);

    const removed = await admin.delete(`/api/admin/allowed-origins/${added.json().id}`);
    expect(removed.statusCode).toBe(204);
    expect((await search(member, { origin })).statusCode).toBe(403);
  });

  it('keeps one municipality’s listed origin from another municipality’s sessions', async () => {
    const first = await memberAndAdmin(h());
    const second = await memberAndAdmin(h());
    const origin = 'https://first-only.example';
    expect((await first.admin.post('/api/admin/allowed-origins', { origin })).statusCode).toBe(201);
    expect((await search(first.member, { origin })).statusCode).toBe(200);
    expect((await search(second.member, { origin })).statusCode).toBe(403);
  });

  it('audits adding and removing an origin', async () => {
    const { m, admin } = await memberAndAdmin(h());
    const since = await lastAuditId(h().db);
    const added = await admin.post('/api/admin/allowed-origins', { origin: 'https://audited.example' });
    await admin.delete(`/api/admin/allowed-origins/${added.json().id}`);
    const rows = (await auditSince(h().db, m.municipality.id, since)).filter(
      (r) => r.entity === 'allowed_origin',
    );
    expect(rows.map((r) => [r.action, r.entity_id])).toEqual([
      ['create', added.json().id],
      ['delete', added.json().id],
    ]);
  });

  it('refuses a value that is not an origin with a translated 400 naming the field', async () => {
    const { admin } = await memberAndAdmin(h());
    for (const origin of [
      'not a url',
      'ftp://files.example',
      'https://x.example/path',
      'https://u:p@x.example',
      '',
    ]) {
      const response = await admin.post(
        '/api/admin/allowed-origins',
        { origin },
        { 'accept-language': 'en' },
      );
      expect(response.statusCode, origin).toBe(400);
      expect(response.json().errors, origin).toEqual([
        {
          field: 'origin',
          code: 'errors.origin',
          message: 'Write a web address’s origin, like https://staircase.example.dk',
        },
      ]);
    }
    const da = await admin.post('/api/admin/allowed-origins', { origin: 'nope' });
    expect(da.json().errors[0]).toMatchObject({ field: 'origin', message: expect.stringMatching(/^Skriv/) });
    expect((await admin.get('/api/admin/allowed-origins')).json().items).toEqual([]);
  });

  it('refuses an origin listed twice, naming the field', async () => {
    const { admin } = await memberAndAdmin(h());
    expect(
      (await admin.post('/api/admin/allowed-origins', { origin: 'https://twice.example' })).statusCode,
    ).toBe(201);
    const again = await admin.post('/api/admin/allowed-origins', { origin: 'https://twice.example/' });
    expect(again.statusCode).toBe(400);
    expect(again.json().errors).toEqual([
      expect.objectContaining({ field: 'origin', code: 'errors.originListed' }),
    ]);
  });
});

// A PUBLIC_URL set with a trailing slash and the default port: the browser's origin has neither.
describeEachDatabase(
  'the Origin check with PUBLIC_URL set',
  (h) => {
    it('accepts PUBLIC_URL’s origin however PUBLIC_URL was written, and no localhost twin', async () => {
      const { member } = await memberAndAdmin(h());
      expect((await search(member, { origin: 'https://staircase.example.dk' })).statusCode).toBe(200);
      expect((await search(member, { origin: 'http://staircase.example.dk' })).statusCode).toBe(403);
      expect((await search(member, { origin: 'https://staircase.example.dk:8443' })).statusCode).toBe(403);
      expect((await search(member, { origin: 'http://localhost:3000' })).statusCode).toBe(403);
      expect((await search(member, { origin: 'http://127.0.0.1:3000' })).statusCode).toBe(403);
    });

    it('accepts the operator’s ALLOWED_ORIGINS', async () => {
      const { member } = await memberAndAdmin(h());
      expect((await search(member, { origin: 'http://localhost:5173' })).statusCode).toBe(200);
      expect((await search(member, { origin: 'http://localhost:5174' })).statusCode).toBe(403);
    });
  },
  (() => {
    const { allowedOrigins, publicUrlIsDefault } = loadConfig({
      PUBLIC_URL: 'https://Staircase.example.dk:443/',
      ALLOWED_ORIGINS: 'http://localhost:5173/',
    });
    // PUBLIC_URL as written, not as loadConfig tidied it: the check itself must compare origins.
    return { publicUrl: 'https://Staircase.example.dk:443/', allowedOrigins, publicUrlIsDefault };
  })(),
);
