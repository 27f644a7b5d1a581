import { beforeAll, describe, expect, it } from 'vitest';
import type { GeneratedMunicipality } from '../../../src/demo/generate';
import { checkStoredFamilies } from '../../../src/server/families/families.check';
import type { AuditActor } from '../../../src/server/plugins/audit';
import type { FamilyDetail } from '../../../src/shared/families/families.contract';
import { MAX_MEMBERS } from '../../../src/shared/families/rules';
import { buildFamily, buildMember, staffOf, uniqueCpr } from '../../support/factories';
import { type Client, describeEachDatabase } from '../../support/harness';

/**
 * Issue 12, point 2: every rule `check-data` knows (families.check.ts runs the contract on the
 * stored family) holds on every write path, not on create only. For each rule, each write route
 * that could break it tries: a 400 naming the field, translated, and nothing saved. At the end,
 * check-data finds nothing in this municipality.
 */
describeEachDatabase('the families contract on every write path', (h) => {
  let m: GeneratedMunicipality;
  let leader: Client;
  let operator: AuditActor;

  beforeAll(async () => {
    m = await h().municipality({ families: 1, adults: 1, children: 0 });
    leader = await h().signIn(staffOf(m).leader.username);
    operator = { userId: null, municipalityId: m.municipality.id, role: 'command_line' };
  });

  const errorsOf = (response: { body: string }) =>
    (
      (JSON.parse(response.body) as { errors?: { field: string; code: string; message: string }[] }).errors ??
      []
    ).map((e) => [e.field, e.code]);
  const reload = async (id: string) => (await leader.get(`/api/families/${id}`)).json() as FamilyDetail;
  async function enroll(members = [buildMember({ cpr: uniqueCpr('1985-02-01') })], extra = {}) {
    const created = await leader.post('/api/families', buildFamily(m.areas[0]!.id, { members, ...extra }));
    expect(created.statusCode, created.body).toBe(201);
    return created.json() as FamilyDetail;
  }
  /** Sends a write that breaks a rule: a 400 naming `field` with `key`, in English too, and the family unchanged. */
  async function refused(
    family: FamilyDetail,
    send: (headers: Record<string, string>) => Promise<{ statusCode: number; body: string }>,
    field: string,
    key: string,
  ) {
    const response = await send({});
    expect(response.statusCode, response.body).toBe(400);
    expect(errorsOf(response)).toEqual([[field, key]]);
    const en = await send({ 'accept-language': 'en' });
    const message = (JSON.parse(en.body) as { errors: { message: string }[] }).errors[0]!.message;
    expect(message).not.toMatch(/^errors\./);
    const after = await reload(family.id);
    expect(after.version).toBe(family.version);
    expect(after.members).toEqual(family.members);
    expect(after.consents).toEqual(family.consents);
  }

  type Member = FamilyDetail['members'][number];
  /** Adding `member` breaks a rule (see refused). */
  const refusedAdd = (family: FamilyDetail, member: object, field: string, key: string) =>
    refused(
      family,
      (headers) => leader.post(`/api/families/${family.id}/members`, member, headers),
      field,
      key,
    );
  /** Editing `member` with `changes` (at its version) breaks a rule (see refused). */
  const refusedEdit = (family: FamilyDetail, member: Member, changes: object, field: string, key: string) =>
    refused(
      family,
      (headers) =>
        leader.patch(
          `/api/families/${family.id}/members/${member.id}`,
          { version: member.version, ...changes },
          headers,
        ),
      field,
      key,
    );

  describe('the member cap (at most MAX_MEMBERS people)', () => {
    it('is kept by create and by adding a member', async () => {
      const tooMany = Array.from({ length: MAX_MEMBERS + 1 }, (_, i) =>
        buildMember({ firstName: `P${i}`, role: i === 0 ? 'parent' : 'other_adult' }),
      );
      const create = await leader.post('/api/families', buildFamily(m.areas[0]!.id, { members: tooMany }));
      expect(create.statusCode).toBe(400);
      expect(errorsOf(create)).toEqual([['members', 'errors.tooManyMembers']]);

      const family = await enroll(tooMany.slice(0, MAX_MEMBERS));
      await refusedAdd(family, buildMember({ firstName: 'One more' }), 'members', 'errors.tooManyMembers');
    });

    it('holds when two members are added at once to a family one below it', async () => {
      const family = await enroll(
        Array.from({ length: MAX_MEMBERS - 1 }, (_, i) =>
          buildMember({ firstName: `Q${i}`, role: 'other_adult' }),
        ),
      );
      const [a, b] = await Promise.all([
        leader.post(`/api/families/${family.id}/members`, buildMember({ firstName: 'Twin A' })),
        leader.post(`/api/families/${family.id}/members`, buildMember({ firstName: 'Twin B' })),
      ]);
      expect([a.statusCode, b.statusCode].sort()).toEqual([201, 400]);
      expect((await reload(family.id)).members).toHaveLength(MAX_MEMBERS);
    });
  });

  describe('an adult in every family, each child younger than each parent', () => {
    it('is kept by adding a member and by editing one', async () => {
      const family = await enroll([
        buildMember({ birthDate: '1985-02-01' }),
        buildMember({ firstName: 'Sami', role: 'child', birthDate: '2015-03-04' }),
      ]);
      const [parent, child] = [...family.members].sort((x, y) => (x.birthDate < y.birthDate ? -1 : 1));
      await refusedAdd(
        family,
        buildMember({ role: 'child', birthDate: '1980-01-01' }),
        'birthDate',
        'errors.childOlderThanParent',
      );
      await refusedEdit(
        family,
        child!,
        { birthDate: '1984-01-01' },
        'birthDate',
        'errors.childOlderThanParent',
      );
      await refusedEdit(
        family,
        parent!,
        { birthDate: '2016-01-01' },
        'birthDate',
        'errors.parentYoungerThanChild',
      );
      await refusedEdit(family, parent!, { role: 'child' }, 'role', 'errors.noAdult');
    });
  });

  describe('the CPR number agrees with the birth date', () => {
    it('is kept by adding a member and by editing either', async () => {
      const family = await enroll();
      const person = family.members[0]!;
      await refusedAdd(
        family,
        buildMember({ birthDate: '1990-05-05', cpr: uniqueCpr('1985-02-01') }),
        'cpr',
        'errors.cprBirthDate',
      );
      await refusedEdit(family, person, { birthDate: '1986-02-01' }, 'birthDate', 'errors.cprBirthDate');
      await refusedEdit(family, person, { cpr: uniqueCpr('1990-01-01') }, 'cpr', 'errors.cprBirthDate');
    });
  });

  describe('the status and its dates', () => {
    it('are kept by editing the family (create: validation.test.ts)', async () => {
      const family = await enroll(undefined, { enrolledOn: '2024-03-01' });
      const patch = (body: object) => (headers: Record<string, string>) =>
        leader.patch(`/api/families/${family.id}`, { version: family.version, ...body }, headers);
      await refused(family, patch({ status: 'exited' }), 'exitedOn', 'errors.exitDateRequired');
      await refused(family, patch({ exitedOn: '2024-06-01' }), 'exitedOn', 'errors.exitDateWhileEnrolled');
      await refused(
        family,
        patch({ status: 'exited', exitedOn: '2024-01-01' }),
        'exitedOn',
        'errors.exitBeforeEnrol',
      );
    });
  });

  describe('consents', () => {
    it('are kept by giving and by withdrawing one', async () => {
      const family = await enroll();
      await refused(
        family,
        (headers) =>
          leader.post(
            `/api/families/${family.id}/consents`,
            { purpose: 'evaluation', givenOn: '1999-01-01' },
            headers,
          ),
        'givenOn',
        'errors.dateBeforeProgramme',
      );
      const given = await leader.post(`/api/families/${family.id}/consents`, {
        purpose: 'evaluation',
        givenOn: '2024-05-01',
      });
      expect(given.statusCode, given.body).toBe(201);
      const withConsent = given.json() as FamilyDetail;
      await refused(
        withConsent,
        (headers) =>
          leader.post(
            `/api/families/${family.id}/consents/${withConsent.consents[0]!.id}/withdraw`,
            { withdrawnOn: '2024-04-01' },
            headers,
          ),
        'withdrawnOn',
        'errors.withdrawBeforeGiven',
      );
    });
  });

  it('leaves nothing for check-data to find', async () => {
    const result = await checkStoredFamilies(h().db.kysely, operator);
    expect(result.findings).toEqual([]);
  });
});
