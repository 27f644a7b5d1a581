import { beforeAll, describe, expect, it } from 'vitest';
import type { GeneratedMunicipality } from '../../../src/demo/generate';
import type { FamilyDetail } from '../../../src/shared/families/families.contract';
import { buildFamily, buildMember, staffOf } from '../../support/factories';
import { type Client, describeEachDatabase } from '../../support/harness';

/**
 * Issue 12, point 1, as the probe found it: what a person types is well-formed Unicode, NFC, and —
 * in names and addresses — free of bidi controls and invisible characters; free text keeps a
 * bidi control. The fuzz test (test/integration/http/text-fuzz.test.ts) covers every route; these
 * are the probe's own requests, the messages in both languages, and the sign-in.
 */
describeEachDatabase('one text type', (h) => {
  let m: GeneratedMunicipality;
  let member: Client;
  let family: FamilyDetail;

  const errorsOf = (response: { body: string }) =>
    (
      (JSON.parse(response.body) as { errors?: { field: string; code: string; message: string }[] }).errors ??
      []
    ).map((e) => [e.field, e.code, e.message]);

  beforeAll(async () => {
    m = await h().municipality({ families: 1, adults: 1, children: 0 });
    const pair = m.pairs[0]!;
    const pairMember = m.users.find((u) => u.id === pair.first_member_id)!;
    member = await h().signIn(pairMember.username);
    family = (await member.get(`/api/families/${m.households[0]!.id}`)).json();
  });
  const reload = async () => (await member.get(`/api/families/${family.id}`)).json() as FamilyDetail;

  describe('a lone surrogate', () => {
    it('in a street is a 400 naming the field, in Danish and in English, and nothing is saved', async () => {
      const before = await reload();
      const da = await member.patch(`/api/families/${family.id}`, {
        version: before.version,
        street: 'Vej\ud800x',
      });
      expect(da.statusCode, da.body).toBe(400);
      expect(errorsOf(da)).toEqual([
        [
          'street',
          'errors.malformedText',
          'Indeholder et ødelagt tegn – skriv teksten igen eller indsæt den som ren tekst',
        ],
      ]);
      const en = await member.patch(
        `/api/families/${family.id}`,
        { version: before.version, street: 'Vej\ud800x' },
        { 'accept-language': 'en' },
      );
      expect(errorsOf(en)).toEqual([
        [
          'street',
          'errors.malformedText',
          'Contains a broken character – type the text again or paste it as plain text',
        ],
      ]);
      const after = await reload();
      expect([after.street, after.version]).toEqual([before.street, before.version]);
    });

    it('in a new member’s first name, an edited last name and a consent’s scope is a 400 naming it', async () => {
      const count = (await reload()).members.length;
      const added = await member.post(
        `/api/families/${family.id}/members`,
        buildMember({ firstName: 'A\ud800' }),
      );
      expect(added.statusCode, added.body).toBe(400);
      expect(errorsOf(added).map((e) => e.slice(0, 2))).toEqual([['firstName', 'errors.malformedText']]);
      const person = (await reload()).members[0]!;
      const edited = await member.patch(`/api/families/${family.id}/members/${person.id}`, {
        version: person.version,
        lastName: '\udc00B',
      });
      expect(errorsOf(edited).map((e) => e.slice(0, 2))).toEqual([['lastName', 'errors.malformedText']]);
      const consent = await member.post(`/api/families/${family.id}/consents`, {
        purpose: 'evaluation',
        givenOn: '2024-01-01',
        scope: 'Skolen\ud800',
      });
      expect(errorsOf(consent).map((e) => e.slice(0, 2))).toEqual([['scope', 'errors.malformedText']]);
      expect((await reload()).members).toHaveLength(count);
    });

    it('in a new family’s street and names is a 400 naming each', async () => {
      const created = await member.post(
        '/api/families',
        buildFamily(m.areas[0]!.id, {
          street: 'Vej\ud800',
          members: [buildMember({ firstName: 'A\ud800', lastName: 'B\ud800' })],
        }),
      );
      expect(created.statusCode, created.body).toBe(400);
      expect(errorsOf(created).map((e) => e.slice(0, 2))).toEqual([
        ['street', 'errors.malformedText'],
        ['members.0.firstName', 'errors.malformedText'],
        ['members.0.lastName', 'errors.malformedText'],
      ]);
    });
  });

  describe('bidi controls and zero-width characters', () => {
    it('are refused in a name and an address (400 naming the field) and kept in free text', async () => {
      const person = (await reload()).members[0]!;
      const name = await member.patch(`/api/families/${family.id}/members/${person.id}`, {
        version: person.version,
        firstName: 'Ali\u202eced',
      });
      expect(errorsOf(name).map((e) => e.slice(0, 2))).toEqual([['firstName', 'errors.invisibleCharacter']]);
      const before = await reload();
      const street = await member.patch(`/api/families/${family.id}`, {
        version: before.version,
        street: 'Gade\u200bvej',
      });
      expect(errorsOf(street).map((e) => e.slice(0, 2))).toEqual([['street', 'errors.invisibleCharacter']]);

      const scope = 'Skolen og \u202bمدرسة\u202c\nFritidshjemmet';
      const consent = await member.post(`/api/families/${family.id}/consents`, {
        purpose: 'evaluation',
        givenOn: '2024-01-01',
        scope,
      });
      expect(consent.statusCode, consent.body).toBe(201);
      expect((consent.json() as FamilyDetail).consents.find((c) => c.purpose === 'evaluation')?.scope).toBe(
        scope,
      );
    });
  });

  describe('normalisation', () => {
    it('stores a name typed with a combining mark in NFC, and finds it by the composed form', async () => {
      const added = await member.post(
        `/api/families/${family.id}/members`,
        buildMember({ firstName: 'Zoe\u0308', lastName: 'Ha\u030asen' }),
      );
      expect(added.statusCode, added.body).toBe(201);
      const stored = (added.json() as FamilyDetail).members.find((p) => p.firstName.startsWith('Zo'))!;
      expect([stored.firstName, stored.lastName]).toEqual(['Zo\u00eb', 'H\u00e5sen']);
      const found = await member.post('/api/families/search', { q: 'H\u00e5sen' });
      expect(found.json().items.map((f: { id: string }) => f.id)).toContain(family.id);
    });
  });

  describe('sign-in', () => {
    it('answers a malformed or invisible-character username with the same 400 whether the account exists or not, never a 500', async () => {
      const known = staffOf(m).leader.username;
      const answers = [];
      for (const username of [`${known}\ud800`, 'nobody\ud800', `${known}\u200b`, 'nobody\u200b']) {
        const response = await h().app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username, password: 'whatever it is' },
        });
        answers.push([response.statusCode, errorsOf(response).map((e) => e.slice(0, 2))]);
      }
      expect(answers).toEqual([
        [400, [['username', 'errors.malformedText']]],
        [400, [['username', 'errors.malformedText']]],
        [400, [['username', 'errors.invisibleCharacter']]],
        [400, [['username', 'errors.invisibleCharacter']]],
      ]);
    });
  });
});
