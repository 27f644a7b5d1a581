import { beforeAll, describe, expect, it } from 'vitest';
import type { GeneratedMunicipality } from '../../../src/demo/generate';
import type { FamilyDetail } from '../../../src/shared/families/families.contract';
import {
  auditSince,
  buildFamily,
  buildMember,
  lastAuditId,
  staffOf,
  uniqueCpr,
} from '../../support/factories';
import { type Client, describeEachDatabase } from '../../support/harness';

/**
 * Contact details per person (issue 13, point 8): phone, e-mail, preferred way and language of
 * contact — stored, edited with history, validated with translated messages naming the field,
 * and personal data: shown only with full access, named in the audit record of a full read.
 */
describeEachDatabase('contact details per person', (h) => {
  let m: GeneratedMunicipality;
  let leader: Client;
  let pairMember: Client;
  let sameTeam: Client;
  let pairIds: [string, string];

  beforeAll(async () => {
    m = await h().municipality({ families: 1, adults: 1, children: 1 });
    const { members } = staffOf(m);
    pairIds = [members[0]!.id, members[1]!.id];
    leader = await h().signIn(staffOf(m).leader.username);
    pairMember = await h().signIn(members[0]!.username);
    sameTeam = await h().signIn(members[5]!.username);
  });

  const contact = {
    phone: '+45 12 34 56 78',
    email: 'amal.odeh@example.dk',
    preferredContact: 'sms' as const,
    contactLanguage: 'ar',
  };

  /** Enrolls a family (parent with contact details, and a child) and gives it a pair. */
  async function enroll(parent: Parameters<typeof buildMember>[0] = contact) {
    const created = await leader.post(
      '/api/families',
      buildFamily(m.areas[0]!.id, {
        members: [
          buildMember({ cpr: uniqueCpr('1985-02-01'), ...parent }),
          buildMember({ firstName: 'Sami', role: 'child', birthDate: '2015-03-04' }),
        ],
      }),
    );
    expect(created.statusCode, created.body).toBe(201);
    const paired = await leader.put(`/api/families/${created.json().id}/pair`, {
      memberIds: pairIds,
      version: created.json().version,
    });
    expect(paired.statusCode, paired.body).toBe(200);
    return paired.json() as FamilyDetail;
  }

  const history = async (id: string) =>
    (await leader.get(`/api/families/${id}/history?pageSize=200`)).json().items as {
      action: string;
      entity: string;
      entityId: string;
      changes: { field: string; from: unknown; to: unknown }[];
    }[];

  it('stores an adult’s contact details at enrolment and shows them to the pair and the leader', async () => {
    const family = await enroll();
    expect(family.members[0]).toMatchObject(contact);
    expect(family.members[1]).toMatchObject({
      phone: null,
      email: null,
      preferredContact: null,
      contactLanguage: null,
    });
    const asPair = (await pairMember.get(`/api/families/${family.id}`)).json() as FamilyDetail;
    expect(asPair.members[0]).toMatchObject(contact);
    const created = (await history(family.id)).find(
      (e) => e.entity === 'person' && e.entityId === family.members[0]!.id && e.action === 'create',
    );
    expect(created?.changes).toEqual(
      expect.arrayContaining([
        { field: 'phone', from: null, to: contact.phone },
        { field: 'email', from: null, to: contact.email },
        { field: 'preferredContact', from: null, to: 'sms' },
        { field: 'contactLanguage', from: null, to: 'ar' },
      ]),
    );
  });

  it('edits a phone number, keeps the rest, and records the change in the history by field name', async () => {
    const family = await enroll();
    const parent = family.members[0]!;
    const edit = await pairMember.patch(`/api/families/${family.id}/members/${parent.id}`, {
      version: parent.version,
      phone: '  87 65 43 21  ',
      preferredContact: 'phone',
    });
    expect(edit.statusCode, edit.body).toBe(200);
    const after = (edit.json() as FamilyDetail).members[0]!;
    // Trimmed, otherwise as typed.
    expect(after).toMatchObject({ ...contact, phone: '87 65 43 21', preferredContact: 'phone' });
    const update = (await history(family.id)).find((e) => e.action === 'update' && e.entityId === parent.id);
    expect(update?.changes).toEqual([
      { field: 'phone', from: contact.phone, to: '87 65 43 21' },
      { field: 'preferredContact', from: 'sms', to: 'phone' },
    ]);
    // An empty field removes the detail.
    const cleared = await pairMember.patch(`/api/families/${family.id}/members/${parent.id}`, {
      version: after.version,
      email: '',
    });
    expect(cleared.statusCode, cleared.body).toBe(200);
    expect((cleared.json() as FamilyDetail).members[0]!.email).toBeNull();
  });

  it('lets a child have contact details too (a teenager may have a phone)', async () => {
    const family = await enroll();
    const child = family.members[1]!;
    const edit = await leader.patch(`/api/families/${family.id}/members/${child.id}`, {
      version: child.version,
      phone: '22 33 44 55',
    });
    expect(edit.statusCode, edit.body).toBe(200);
    expect((edit.json() as FamilyDetail).members[1]!.phone).toBe('22 33 44 55');
  });

  describe('validation', () => {
    const errorsOf = (response: { json(): unknown }) =>
      ((response.json() as { errors?: { field: string; code: string; message: string }[] }).errors ?? []).map(
        (e) => [e.field, e.code],
      );

    it('refuses a bad phone, e-mail, way and language of contact at enrolment, naming each field', async () => {
      const before = (await leader.post('/api/families/search', {})).json().total as number;
      const response = await leader.post(
        '/api/families',
        buildFamily(m.areas[0]!.id, {
          members: [
            buildMember({
              phone: '12-34-56',
              email: 'amal@',
              preferredContact: 'pigeon' as 'sms',
              contactLanguage: 'xx',
            }),
          ],
        }),
      );
      expect(response.statusCode, response.body).toBe(400);
      expect(errorsOf(response)).toEqual([
        ['members.0.phone', 'errors.phone'],
        ['members.0.email', 'errors.email'],
        ['members.0.preferredContact', 'errors.preferredContact'],
        ['members.0.contactLanguage', 'errors.language'],
      ]);
      expect((await leader.post('/api/families/search', {})).json().total).toBe(before);
    });

    it.each([
      ['too few digits', '1234 567'],
      ['too many digits', '+45 1234 5678 9012 34'],
      ['a plus inside', '12+345678'],
      ['letters', 'ring 12345678'],
    ])('refuses a phone number with %s', async (_why, phone) => {
      const family = await enroll({});
      const parent = family.members[0]!;
      const edit = await leader.patch(`/api/families/${family.id}/members/${parent.id}`, {
        version: parent.version,
        phone,
      });
      expect(edit.statusCode).toBe(400);
      expect(errorsOf(edit)).toEqual([['phone', 'errors.phone']]);
    });

    it('accepts a Danish number without spaces and an international one', async () => {
      const family = await enroll({});
      let parent = family.members[0]!;
      for (const phone of ['12345678', '+46 70 123 45 67']) {
        const edit = await leader.patch(`/api/families/${family.id}/members/${parent.id}`, {
          version: parent.version,
          phone,
        });
        expect(edit.statusCode, edit.body).toBe(200);
        parent = (edit.json() as FamilyDetail).members[0]!;
        expect(parent.phone).toBe(phone);
      }
    });

    it('says what is wrong in Danish by default and in English when asked', async () => {
      const family = await enroll({});
      const parent = family.members[0]!;
      const body = { version: parent.version, phone: '123' };
      const url = `/api/families/${family.id}/members/${parent.id}`;
      const da = await leader.patch(url, body);
      const en = await leader.patch(url, body, { 'accept-language': 'en' });
      expect(da.json().errors[0]).toEqual({
        field: 'phone',
        code: 'errors.phone',
        message: 'Skal være et telefonnummer med 8 til 15 cifre, evt. med + foran (fx +45 12 34 56 78)',
      });
      expect(en.json().errors[0].message).toBe(
        'Must be a phone number of 8 to 15 digits, optionally starting with + (e.g. +45 12 34 56 78)',
      );
    });
  });

  describe('privacy', () => {
    it('does not show contact details to the rest of the team (basic view)', async () => {
      const family = await enroll();
      const asTeam = await sameTeam.get(`/api/families/${family.id}`);
      expect(asTeam.statusCode).toBe(200);
      const detail = asTeam.json() as FamilyDetail;
      expect(detail.abilities.readFull).toBe(false);
      expect(detail.members[0]).toMatchObject({
        phone: null,
        email: null,
        preferredContact: null,
        contactLanguage: null,
      });
      for (const value of [contact.phone, contact.email]) expect(asTeam.body).not.toContain(value);
    });

    it('names the contact details in the audit record of a full read, and not in a basic one', async () => {
      const family = await enroll();
      let since = await lastAuditId(h().db);
      await pairMember.get(`/api/families/${family.id}`);
      const [full] = await auditSince(h().db, m.municipality.id, since);
      expect(full?.fields).toContain('contact');
      since = await lastAuditId(h().db);
      await sameTeam.get(`/api/families/${family.id}`);
      const [basic] = await auditSince(h().db, m.municipality.id, since);
      expect(basic?.action).toBe('read');
      expect(basic?.fields).not.toContain('contact');
    });

    it('names the contact fields in the audit record of an edit', async () => {
      const family = await enroll();
      const parent = family.members[0]!;
      const since = await lastAuditId(h().db);
      await leader.patch(`/api/families/${family.id}/members/${parent.id}`, {
        version: parent.version,
        email: 'new@example.dk',
      });
      const rows = await auditSince(h().db, m.municipality.id, since);
      expect(rows.find((r) => r.action === 'update')?.fields).toEqual(['email']);
    });
  });
});
