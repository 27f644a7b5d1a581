import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { isUniqueViolation } from '../../../src/db/errors';
import type { GeneratedMunicipality } from '../../../src/demo/generate';
import * as familyQueries from '../../../src/server/families/families.queries';
import { problemOf, relationsOf, staffOf } from '../../support/factories';
import { type Client, describeEachDatabase } from '../../support/harness';

/** Decision 0019: at most one consent in force (not withdrawn) per family and purpose. */
describeEachDatabase('one consent in force per family and purpose', (h) => {
  let m: GeneratedMunicipality;
  let leader: Client;
  let next = 0;
  /** Each test takes a family of its own; the generated ones hold case_work and cross_department_sharing. */
  const family = () => m.households[next++]!.id;

  beforeAll(async () => {
    m = await h().municipality({ families: 8, adults: 10, children: 8 });
    leader = await h().signIn(staffOf(m).leader.username);
  });
  afterEach(() => vi.restoreAllMocks());

  const give = (client: Client, familyId: string, body: Record<string, unknown>) =>
    client.post(
      `/api/families/${familyId}/consents`,
      { givenOn: '2026-03-01', ...body },
      { 'accept-language': 'en' },
    );

  const inForce = (familyId: string, purpose: string) =>
    h()
      .db.kysely.selectFrom('consent')
      .select(['id', 'scope'])
      .where('municipality_id', '=', m.municipality.id)
      .where('household_id', '=', familyId)
      .where('purpose', '=', purpose)
      .where('withdrawn_on', 'is', null)
      .execute();

  const historyCount = async (familyId: string) =>
    Number(
      (
        await h()
          .db.kysely.selectFrom('change_record')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('municipality_id', '=', m.municipality.id)
          .where('household_id', '=', familyId)
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('refuses a second consent for a purpose already in force: 409 naming purpose, translated, nothing recorded', async () => {
    const f = family();
    expect((await give(leader, f, { purpose: 'evaluation', scope: 'First' })).statusCode).toBe(201);
    const before = await historyCount(f);

    const second = await give(leader, f, { purpose: 'evaluation', scope: 'Second' });
    expect(second.statusCode).toBe(409);
    expect(second.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(second.json()).toMatchObject({
      type: '/problems/conflict',
      title: 'This conflicts with the saved data',
      errors: [
        {
          field: 'purpose',
          code: 'errors.consentInForce',
          message:
            'The family already has a consent in force for this purpose – withdraw it first if the family has given a new one',
        },
      ],
    });
    expect(await inForce(f, 'evaluation')).toEqual([{ id: expect.any(String), scope: 'First' }]);
    expect(await historyCount(f)).toBe(before);
  });

  it('answers in Danish by default', async () => {
    const f = family();
    // The generated family already has case work in force.
    const response = await leader.post(`/api/families/${f}/consents`, {
      purpose: 'case_work',
      givenOn: '2026-03-01',
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().errors[0]).toEqual({
      field: 'purpose',
      code: 'errors.consentInForce',
      message:
        'Familien har allerede et gældende samtykke til dette formål – træk det tilbage først, hvis familien har givet et nyt',
    });
  });

  it('counts a consent for one person towards the family’s purpose', async () => {
    const f = family();
    const person = m.persons.find((p) => p.household_id === f)!.id;
    expect((await give(leader, f, { purpose: 'employer_contact', personId: person })).statusCode).toBe(201);
    const whole = await give(leader, f, { purpose: 'employer_contact' });
    expect(whole.statusCode).toBe(409);
    expect(problemOf(whole).fields).toEqual(['purpose']);
  });

  it('lets a new consent be recorded once the one in force is withdrawn, and keeps the withdrawn one', async () => {
    const f = family();
    const first = (await give(leader, f, { purpose: 'evaluation', scope: 'Old' })).json();
    const old = first.consents.find((c: { purpose: string }) => c.purpose === 'evaluation');
    const withdrawn = await leader.post(`/api/families/${f}/consents/${old.id}/withdraw`, {
      withdrawnOn: '2026-04-01',
    });
    expect(withdrawn.statusCode).toBe(200);

    const renewed = await give(leader, f, { purpose: 'evaluation', scope: 'New', givenOn: '2026-04-02' });
    expect(renewed.statusCode, renewed.body).toBe(201);
    const evaluation = renewed
      .json()
      .consents.filter((c: { purpose: string }) => c.purpose === 'evaluation')
      .map((c: { scope: string; withdrawnOn: string | null }) => [c.scope, c.withdrawnOn]);
    expect(evaluation).toEqual([
      ['New', null],
      ['Old', '2026-04-01'],
    ]);
  });

  it('of two consents for one purpose recorded at once, one is saved and the other refused', async () => {
    const f = family();
    const index = m.households.findIndex((household) => household.id === f);
    const pairMember = await h().signIn(relationsOf(m, index).pair[0]!.username);
    const results = await Promise.all([
      give(leader, f, { purpose: 'civil_society_contact', scope: 'Leader' }),
      give(pairMember, f, { purpose: 'civil_society_contact', scope: 'Pair' }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(problemOf(results.find((r) => r.statusCode === 409)!).fields).toEqual(['purpose']);
    expect(await inForce(f, 'civil_society_contact')).toHaveLength(1);
  });

  describe('the unique index consent_in_force (migration 0010)', () => {
    const insert = (familyId: string, withdrawnOn: string | null = null) =>
      h()
        .db.kysely.insertInto('consent')
        .values({
          municipality_id: m.municipality.id,
          household_id: familyId,
          purpose: 'evaluation',
          given_on: '2026-01-05',
          withdrawn_on: withdrawnOn,
          recorded_by: staffOf(m).leader.id,
        })
        .execute()
        .then(
          () => undefined,
          (error: unknown) => error,
        );

    it('refuses a second consent in force for one family and purpose, whoever writes it; withdrawn ones do not count', async () => {
      const f = family();
      expect(await insert(f, '2026-01-06')).toBeUndefined();
      expect(await insert(f)).toBeUndefined();
      expect(isUniqueViolation(await insert(f), 'consent_in_force')).toBe(true);
      expect(await insert(f, '2026-01-07')).toBeUndefined();
    });

    it('decides a race the check did not see, with the same problem on purpose', async () => {
      const f = family();
      expect(await insert(f)).toBeUndefined();
      // As if the other consent was committed just after this request's check had looked.
      const check = vi.spyOn(familyQueries, 'findConsentInForce').mockResolvedValueOnce(undefined);
      const response = await give(leader, f, { purpose: 'evaluation' });
      expect(check).toHaveBeenCalledOnce();
      expect(response.statusCode).toBe(409);
      expect(response.json().errors).toEqual([
        {
          field: 'purpose',
          code: 'errors.consentInForce',
          message:
            'The family already has a consent in force for this purpose – withdraw it first if the family has given a new one',
        },
      ]);
      expect(await inForce(f, 'evaluation')).toHaveLength(1);
    });
  });
});
