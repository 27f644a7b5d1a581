import { beforeAll, describe, expect, it } from 'vitest';
import type { GeneratedMunicipality } from '../../../src/db/demo/generate';
import type { FamilyDetail } from '../../../src/shared/families/families.contract';
import { buildFamily, buildMember, staffOf, uniqueCpr } from '../../support/factories';
import { type Client, describeEachDatabase } from '../../support/harness';

/**
 * What the acceptance test found accepted: each is now a 400 naming the field with a code, and
 * nothing is saved. Rules themselves are unit-tested in test/unit/families/contract.test.ts.
 */
describeEachDatabase('family validation', (h) => {
  let m: GeneratedMunicipality;
  let leader: Client;

  beforeAll(async () => {
    m = await h().municipality({ families: 1, adults: 1, children: 1 });
    leader = await h().signIn(staffOf(m).leader.username);
  });

  const familyCount = async () => (await leader.post('/api/families/search', {})).json().total as number;
  const errorsOf = (response: { json(): unknown }) =>
    ((response.json() as { errors?: { field: string; code: string }[] }).errors ?? []).map((e) => [
      e.field,
      e.code,
    ]);

  /** Enrolls a family with a parent (with a CPR number) and a child. */
  async function enroll(overrides: Parameters<typeof buildFamily>[1] = {}) {
    const created = await leader.post(
      '/api/families',
      buildFamily(m.areas[0]!.id, {
        members: [
          buildMember({ cpr: uniqueCpr('1985-02-01') }),
          buildMember({ firstName: 'Sami', role: 'child', birthDate: '2015-03-04' }),
        ],
        ...overrides,
      }),
    );
    expect(created.statusCode, created.body).toBe(201);
    return created.json() as FamilyDetail;
  }
  const reload = async (id: string) => (await leader.get(`/api/families/${id}`)).json() as FamilyDetail;

  describe('text', () => {
    it('refuses a NUL in a name with a 400 naming the field instead of a 500, and saves nothing', async () => {
      const before = await familyCount();
      const response = await leader.post(
        '/api/families',
        buildFamily(m.areas[0]!.id, { members: [buildMember({ firstName: 'a\u0000b' })] }),
      );
      expect(response.statusCode, response.body).toBe(400);
      expect(errorsOf(response)).toEqual([['members.0.firstName', 'errors.controlCharacter']]);
      expect(await familyCount()).toBe(before);
    });

    it('refuses a control character in an edited name and in a search', async () => {
      const family = await enroll();
      const member = family.members[0]!;
      const edit = await leader.patch(`/api/families/${family.id}/members/${member.id}`, {
        version: member.version,
        lastName: 'Odeh\u0000',
      });
      expect(edit.statusCode).toBe(400);
      expect(errorsOf(edit)).toEqual([['lastName', 'errors.controlCharacter']]);
      expect((await reload(family.id)).members[0]!.lastName).toBe('Odeh');

      const search = await leader.post('/api/families/search', { q: 'Od\u0000eh' });
      expect(search.statusCode).toBe(400);
      expect(errorsOf(search)).toEqual([['q', 'errors.controlCharacter']]);
    });
  });

  describe('country of origin and languages', () => {
    it('refuses an unknown country and language code, naming the fields, and saves nothing', async () => {
      const before = await familyCount();
      const response = await leader.post(
        '/api/families',
        buildFamily(m.areas[0]!.id, {
          members: [buildMember({ countryOfOrigin: 'XX', languages: ['da', 'zzz'] })],
        }),
      );
      expect(response.statusCode).toBe(400);
      expect(errorsOf(response)).toEqual([
        ['members.0.countryOfOrigin', 'errors.country'],
        ['members.0.languages.1', 'errors.language'],
      ]);
      expect(await familyCount()).toBe(before);
    });

    it('stores codes in the standard case and each language once', async () => {
      const family = await enroll();
      const member = family.members[0]!;
      const response = await leader.patch(`/api/families/${family.id}/members/${member.id}`, {
        version: member.version,
        countryOfOrigin: 'so',
        languages: ['da', 'da', 'DA', 'So'],
      });
      expect(response.statusCode, response.body).toBe(200);
      expect((await reload(family.id)).members[0]).toMatchObject({
        countryOfOrigin: 'SO',
        languages: ['da', 'so'],
      });
    });
  });
});
