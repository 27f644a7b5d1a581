import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GeneratedMunicipality } from '../../../src/demo/generate';
import { fixToday } from '../../../src/shared/common/today';
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

  // "Today" is fixed, so no test depends on the wall clock (the server runs in this process).
  const TODAY = '2026-11-30';
  beforeAll(async () => {
    fixToday(TODAY);
    m = await h().municipality({ families: 1, adults: 1, children: 1 });
    leader = await h().signIn(staffOf(m).leader.username);
  });
  afterAll(() => fixToday(null));

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

  describe('dates', () => {
    it('refuses a birth date in the future or before 1900, naming the member’s field, and saves nothing', async () => {
      const before = await familyCount();
      const future = await leader.post(
        '/api/families',
        buildFamily(m.areas[0]!.id, { members: [buildMember({ birthDate: '2099-05-05' })] }),
      );
      expect(future.statusCode).toBe(400);
      expect(errorsOf(future)).toEqual([['members.0.birthDate', 'errors.dateInFuture']]);
      const old = await leader.post(
        '/api/families',
        buildFamily(m.areas[0]!.id, { members: [buildMember({ birthDate: '1899-12-31' })] }),
      );
      expect(errorsOf(old)).toEqual([['members.0.birthDate', 'errors.birthDateTooEarly']]);
      expect(await familyCount()).toBe(before);
    });

    it('refuses an enrolment date after today or before 2000, and accepts today', async () => {
      const before = await familyCount();
      const tomorrow = await leader.post(
        '/api/families',
        buildFamily(m.areas[0]!.id, { enrolledOn: '2026-12-01' }),
      );
      expect(tomorrow.statusCode).toBe(400);
      expect(errorsOf(tomorrow)).toEqual([['enrolledOn', 'errors.dateInFuture']]);
      const old = await leader.post(
        '/api/families',
        buildFamily(m.areas[0]!.id, { enrolledOn: '1999-12-31' }),
      );
      expect(errorsOf(old)).toEqual([['enrolledOn', 'errors.dateBeforeProgramme']]);
      expect(await familyCount()).toBe(before);
      await enroll({ enrolledOn: TODAY });
    });

    it('refuses consent given or withdrawn in the future or long ago, and records nothing', async () => {
      const family = await enroll();
      const url = `/api/families/${family.id}/consents`;
      for (const [givenOn, code] of [
        ['2026-12-01', 'errors.dateInFuture'],
        ['1800-01-01', 'errors.dateBeforeProgramme'],
      ] as const) {
        const response = await leader.post(url, { purpose: 'evaluation', givenOn });
        expect(response.statusCode).toBe(400);
        expect(errorsOf(response)).toEqual([['givenOn', code]]);
      }
      expect((await reload(family.id)).consents).toEqual([]);

      const given = await leader.post(url, { purpose: 'evaluation', givenOn: '2026-03-01' });
      const consent = (given.json() as FamilyDetail).consents[0]!;
      const withdraw = await leader.post(`${url}/${consent.id}/withdraw`, { withdrawnOn: '2099-01-01' });
      expect(withdraw.statusCode).toBe(400);
      expect(errorsOf(withdraw)).toEqual([['withdrawnOn', 'errors.dateInFuture']]);
      expect((await reload(family.id)).consents[0]!.withdrawnOn).toBeNull();
    });

    it('says on withdrawnOn that a withdrawal cannot come before the consent was given', async () => {
      const family = await enroll();
      const url = `/api/families/${family.id}/consents`;
      const given = await leader.post(url, { purpose: 'evaluation', givenOn: '2026-03-01' });
      const consent = (given.json() as FamilyDetail).consents[0]!;
      const response = await leader.post(
        `${url}/${consent.id}/withdraw`,
        { withdrawnOn: '2026-02-28' },
        { 'accept-language': 'en' },
      );
      expect(response.statusCode).toBe(400);
      expect((response.json() as { errors: unknown[] }).errors).toEqual([
        {
          field: 'withdrawnOn',
          code: 'errors.withdrawBeforeGiven',
          message: 'Must be on or after the date the consent was given',
        },
      ]);
      expect((await reload(family.id)).consents[0]!.withdrawnOn).toBeNull();
    });
  });

  describe('status and exit date', () => {
    it('refuses "exited" without an exit date, judged with the stored family, and changes nothing', async () => {
      const family = await enroll({ enrolledOn: '2025-05-01' });
      const response = await leader.patch(`/api/families/${family.id}`, {
        version: family.version,
        status: 'exited',
      });
      expect(response.statusCode).toBe(400);
      expect(errorsOf(response)).toEqual([['exitedOn', 'errors.exitDateRequired']]);
      expect(await reload(family.id)).toMatchObject({
        status: 'enrolled',
        exitedOn: null,
        version: family.version,
      });
    });

    it('refuses an exit date on an enrolled family, and a return to enrolled that keeps the exit date', async () => {
      const family = await enroll({ enrolledOn: '2025-05-01' });
      const url = `/api/families/${family.id}`;
      const dateOnly = await leader.patch(url, { version: family.version, exitedOn: '2026-01-31' });
      expect(dateOnly.statusCode).toBe(400);
      expect(errorsOf(dateOnly)).toEqual([['exitedOn', 'errors.exitDateWhileEnrolled']]);

      const exited = await leader.patch(url, {
        version: family.version,
        status: 'exited',
        exitedOn: '2026-01-31',
      });
      expect(exited.statusCode, exited.body).toBe(200);
      const version = (exited.json() as FamilyDetail).version;
      const back = await leader.patch(url, { version, status: 'enrolled' });
      expect(back.statusCode).toBe(400);
      expect(errorsOf(back)).toEqual([['exitedOn', 'errors.exitDateWhileEnrolled']]);
      expect(await reload(family.id)).toMatchObject({ status: 'exited', exitedOn: '2026-01-31', version });

      const reenrolled = await leader.patch(url, { version, status: 'enrolled', exitedOn: null });
      expect(reenrolled.statusCode, reenrolled.body).toBe(200);
      expect(reenrolled.json()).toMatchObject({ status: 'enrolled', exitedOn: null });
    });

    it('refuses an exit date before the stored enrolment date, on exitedOn', async () => {
      const family = await enroll({ enrolledOn: '2025-05-01' });
      const response = await leader.patch(`/api/families/${family.id}`, {
        version: family.version,
        status: 'exited',
        exitedOn: '2025-04-30',
      });
      expect(errorsOf(response)).toEqual([['exitedOn', 'errors.exitBeforeEnrol']]);
    });

    it('names enrolledOn when a moved enrolment date passes the stored exit date', async () => {
      const family = await enroll({ enrolledOn: '2025-05-01' });
      const url = `/api/families/${family.id}`;
      const exited = await leader.patch(url, {
        version: family.version,
        status: 'exited',
        exitedOn: '2026-01-31',
      });
      const version = (exited.json() as FamilyDetail).version;
      const response = await leader.patch(url, { version, enrolledOn: '2026-02-01' });
      expect(response.statusCode).toBe(400);
      expect(errorsOf(response)).toEqual([['enrolledOn', 'errors.exitBeforeEnrol']]);
      expect(await reload(family.id)).toMatchObject({ enrolledOn: '2025-05-01', version });
    });
  });

  describe('household', () => {
    it('refuses a new family whose only member is a child, on members, and saves nothing', async () => {
      const before = await familyCount();
      const response = await leader.post(
        '/api/families',
        buildFamily(m.areas[0]!.id, { members: [buildMember({ role: 'child', birthDate: '2015-03-04' })] }),
      );
      expect(response.statusCode).toBe(400);
      expect(errorsOf(response)).toEqual([['members', 'errors.noAdult']]);
      expect(await familyCount()).toBe(before);
    });

    it('refuses a child born before a parent, on the child’s birth date, and saves nothing', async () => {
      const before = await familyCount();
      const response = await leader.post(
        '/api/families',
        buildFamily(m.areas[0]!.id, {
          members: [
            buildMember({ birthDate: '2025-01-01' }),
            buildMember({ firstName: 'Sami', role: 'child', birthDate: '1940-01-01' }),
          ],
        }),
      );
      expect(response.statusCode).toBe(400);
      expect(errorsOf(response)).toEqual([['members.1.birthDate', 'errors.childOlderThanParent']]);
      expect(await familyCount()).toBe(before);
    });

    it('refuses an added child older than a parent, and adds nobody', async () => {
      const family = await enroll();
      const response = await leader.post(
        `/api/families/${family.id}/members`,
        buildMember({ firstName: 'Lulu', role: 'child', birthDate: '1980-01-01' }),
      );
      expect(response.statusCode).toBe(400);
      expect(errorsOf(response)).toEqual([['birthDate', 'errors.childOlderThanParent']]);
      expect((await reload(family.id)).members).toHaveLength(2);
    });

    it('refuses edits that make a child older than a parent, or leave the family without an adult', async () => {
      const family = await enroll({
        members: [buildMember(), buildMember({ firstName: 'Sami', role: 'child', birthDate: '2015-03-04' })],
      });
      const parentOf = (f: FamilyDetail) => f.members.find((x) => x.role === 'parent')!;
      const childOf = (f: FamilyDetail) => f.members.find((x) => x.role === 'child')!;
      const url = (id: string) => `/api/families/${family.id}/members/${id}`;

      const child = childOf(family);
      const older = await leader.patch(url(child.id), { version: child.version, birthDate: '1980-01-01' });
      expect(errorsOf(older)).toEqual([['birthDate', 'errors.childOlderThanParent']]);

      const parent = parentOf(family);
      const younger = await leader.patch(url(parent.id), {
        version: parent.version,
        birthDate: '2016-01-01',
      });
      expect(errorsOf(younger)).toEqual([['birthDate', 'errors.parentYoungerThanChild']]);

      const noAdult = await leader.patch(url(parent.id), { version: parent.version, role: 'child' });
      expect(noAdult.statusCode).toBe(400);
      expect(errorsOf(noAdult)).toEqual([['role', 'errors.noAdult']]);

      const after = await reload(family.id);
      expect(after.members.map((x) => [x.role, x.birthDate.slice(0, 10), x.version])).toEqual(
        family.members.map((x) => [x.role, x.birthDate.slice(0, 10), x.version]),
      );
    });
  });

  describe('CPR number and birth date', () => {
    it('refuses a CPR number whose date part or century is not the birth date, on the cpr field', async () => {
      const before = await familyCount();
      for (const [cpr, birthDate] of [
        ['010100-1234', '2000-01-01'],
        ['010185-1234', '1985-02-01'],
      ] as const) {
        const response = await leader.post(
          '/api/families',
          buildFamily(m.areas[0]!.id, { members: [buildMember({ cpr, birthDate })] }),
        );
        expect(response.statusCode).toBe(400);
        expect(errorsOf(response)).toEqual([['members.0.cpr', 'errors.cprBirthDate']]);
      }
      expect(await familyCount()).toBe(before);
    });

    it('checks a changed CPR number against the stored birth date, and a changed birth date against the stored number', async () => {
      const family = await enroll();
      const parent = family.members.find((x) => x.role === 'parent')!;
      const url = `/api/families/${family.id}/members/${parent.id}`;
      const cpr = await leader.patch(url, { version: parent.version, cpr: uniqueCpr('1985-02-02') });
      expect(errorsOf(cpr)).toEqual([['cpr', 'errors.cprBirthDate']]);
      const birthDate = await leader.patch(url, { version: parent.version, birthDate: '1985-02-02' });
      expect(errorsOf(birthDate)).toEqual([['birthDate', 'errors.cprBirthDate']]);
      const both = await leader.patch(url, {
        version: parent.version,
        birthDate: '1985-02-02',
        cpr: uniqueCpr('1985-02-02'),
      });
      expect(both.statusCode, both.body).toBe(200);
      expect((both.json() as FamilyDetail).members.find((x) => x.id === parent.id)!.cprMasked).toBe(
        '020285-****',
      );
    });
  });
});
