import { beforeAll, expect, it } from 'vitest';
import type { GeneratedMunicipality } from '../../../src/demo/generate';
import { staffOf } from '../../support/factories';
import { type Client, describeEachDatabase } from '../../support/harness';

/**
 * The family page's consent list (issue 15 §4, migration 0032): each consent says how it was
 * given, the language it was explained in and whether an interpreter took part — recorded from
 * the family page as from the enrollment flow, and read back with the family.
 */
describeEachDatabase('a consent’s manner: how given, language, interpreter', (h) => {
  let m: GeneratedMunicipality;
  let leader: Client;

  beforeAll(async () => {
    m = await h().municipality({ families: 2, adults: 2, children: 2 });
    leader = await h().signIn(staffOf(m).leader.username);
  });

  const consentsOf = async (familyId: string) =>
    (await leader.get(`/api/families/${familyId}`)).json().consents as Record<string, unknown>[];

  it('records how a consent was given, its language and the interpreter, and the family shows them', async () => {
    const familyId = m.households[0]!.id;
    const res = await leader.post(`/api/families/${familyId}/consents`, {
      purpose: 'evaluation',
      givenOn: '2026-11-02',
      givenHow: 'oral',
      language: 'so',
      interpreter: true,
    });
    expect(res.statusCode, res.body).toBe(201);
    const evaluation = (await consentsOf(familyId)).find((c) => c.purpose === 'evaluation');
    expect(evaluation).toMatchObject({ givenHow: 'oral', language: 'so', interpreter: true });
    // The history says it too, as the enrollment's consents do.
    const history = (await leader.get(`/api/families/${familyId}/history?pageSize=200`)).json();
    const given = history.items.find(
      (e: { action: string; entityId?: string }) => e.action === 'give_consent',
    ) as { changes: { field: string; to: unknown }[] };
    expect(given.changes).toEqual(
      expect.arrayContaining([
        { field: 'givenHow', from: null, to: 'oral' },
        { field: 'language', from: null, to: 'so' },
        { field: 'interpreter', from: null, to: true },
      ]),
    );
  });

  it('a consent recorded without them reads as not known (null) and no interpreter', async () => {
    const familyId = m.households[1]!.id;
    const res = await leader.post(`/api/families/${familyId}/consents`, {
      purpose: 'evaluation',
      givenOn: '2026-11-02',
    });
    expect(res.statusCode, res.body).toBe(201);
    const evaluation = (await consentsOf(familyId)).find((c) => c.purpose === 'evaluation');
    expect(evaluation).toMatchObject({ givenHow: null, language: null, interpreter: false });
  });

  it('refuses an interpreter without the language translated into, naming the field, nothing saved', async () => {
    const familyId = m.households[0]!.id;
    const before = (await consentsOf(familyId)).length;
    const res = await leader.post(
      `/api/families/${familyId}/consents`,
      { purpose: 'employer_contact', givenOn: '2026-11-02', givenHow: 'signed', interpreter: true },
      { 'accept-language': 'en' },
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([expect.objectContaining({ field: 'language' })]);
    expect(await consentsOf(familyId)).toHaveLength(before);
  });
});
