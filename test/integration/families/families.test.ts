import { beforeAll, describe, expect, it } from 'vitest';
import type { GeneratedMunicipality } from '../../../src/demo/generate';
import type { FamilyDetail } from '../../../src/shared/families/families.contract';
import {
  addTeam,
  auditRows,
  auditSince,
  breakGlassGrants,
  buildFamily,
  buildMember,
  lastAuditId,
  problemOf,
  staffOf,
  uniqueCpr,
} from '../../support/factories';
import { type Client, describeEachDatabase } from '../../support/harness';

describeEachDatabase('family register', (h) => {
  it('lets a team leader enroll a family with two members, assign a pair, and see it in the history', async () => {
    const m = await h().municipality();
    const leader = await h().signIn(m.users[0]!.username);
    const created = await leader.post('/api/families', {
      areaId: m.areas[0]!.id,
      street: 'Dortesvej',
      buildingNumber: '11',
      floor: '2',
      door: 'th',
      members: [
        { firstName: 'Amal', lastName: 'Odeh', birthDate: '1985-02-01', role: 'parent', cpr: '0102851234' },
        { firstName: 'Sami', lastName: 'Odeh', birthDate: '2015-03-04', role: 'child' },
      ],
    });
    expect(created.statusCode).toBe(201);
    const family = created.json();
    expect(family.members.map((x: { firstName: string }) => x.firstName)).toEqual(['Amal', 'Sami']);
    expect(family.members[0].cprMasked).toBe('010285-****');

    const [a, b] = m.users.filter((u) => u.role === 'team_member');
    const paired = await leader.put(`/api/families/${family.id}/pair`, {
      memberIds: [a!.id, b!.id],
      version: family.version,
    });
    expect(paired.statusCode).toBe(200);
    expect(
      paired
        .json()
        .pair.map((p: { id: string }) => p.id)
        .sort(),
    ).toEqual([a!.id, b!.id].sort());

    const history = await leader.get(`/api/families/${family.id}/history`);
    expect(history.json().items.map((e: { action: string }) => e.action)).toContain('assign_pair');
  });

  it('rejects an invalid CPR number with a translated error naming the field, and saves nothing', async () => {
    const m = await h().municipality();
    const leader = await h().signIn(m.users[0]!.username);
    const before = await leader.post('/api/families/search', {});
    const response = await leader.post(
      '/api/families',
      {
        areaId: m.areas[0]!.id,
        street: 'Dortesvej',
        buildingNumber: '11',
        members: [
          {
            firstName: 'Amal',
            lastName: 'Odeh',
            birthDate: '1985-02-01',
            role: 'parent',
            cpr: '321385-1234',
          },
        ],
      },
      { 'accept-language': 'en' },
    );
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json().errors).toEqual([
      { field: 'members.0.cpr', code: 'errors.cpr', message: 'Must be a valid CPR number (ddmmyy-xxxx)' },
    ]);
    const after = await leader.post('/api/families/search', {});
    expect(after.json().total).toBe(before.json().total);
  });

  describe('family list: search, sort, filter, page', () => {
    // Four families with known names, addresses, dates and sizes (F-0001 … F-0004):
    //   ref     street      adults (sort name)          children  enrolled     status   area  pair
    //   F-0001  Birkevej    Zara Holm                   2         2024-03-01   enrolled  1    A+B
    //   F-0002  Ahornvej    Ali Berg, Sara Berg         0         2023-01-10   enrolled  2    –
    //   F-0003  Egevej      Mona Dahl                   0         2025-06-15   enrolled  1    A+B
    //   F-0004  Cedervej    Omar Eek                    3         2022-09-09   exited    1    –
    let m: GeneratedMunicipality;
    let leader: Client;
    let memberA: Client;
    const ids: Record<string, string> = {};
    const refs = (r: { json(): { items: { reference: string }[] } }) =>
      r.json().items.map((i) => i.reference);

    beforeAll(async () => {
      m = await h().municipality({ families: 0, adults: 0, children: 0 });
      const { members } = staffOf(m);
      leader = await h().signIn(m.users[0]!.username);
      memberA = await h().signIn(members[0]!.username);
      const child = (firstName: string, lastName: string, birthDate: string) =>
        buildMember({ firstName, lastName, birthDate, role: 'child' });
      const families = [
        buildFamily(m.areas[0]!.id, {
          street: 'Birkevej',
          buildingNumber: '12',
          enrolledOn: '2024-03-01',
          members: [
            buildMember({ firstName: 'Zara', lastName: 'Holm', birthDate: '1985-03-01', cpr: '010385-1234' }),
            child('Ida', 'Holm', '2015-01-01'),
            child('Bo', 'Holm', '2017-01-01'),
          ],
        }),
        buildFamily(m.areas[1]!.id, {
          street: 'Ahornvej',
          buildingNumber: '3',
          enrolledOn: '2023-01-10',
          members: [
            buildMember({ firstName: 'Ali', lastName: 'Berg', birthDate: '1980-04-02', cpr: '020480-4321' }),
            buildMember({ firstName: 'Sara', lastName: 'Berg', birthDate: '1982-07-07' }),
          ],
        }),
        buildFamily(m.areas[0]!.id, {
          street: 'Egevej',
          buildingNumber: '5',
          enrolledOn: '2025-06-15',
          members: [buildMember({ firstName: 'Mona', lastName: 'Dahl' })],
        }),
        buildFamily(m.areas[0]!.id, {
          street: 'Cedervej',
          buildingNumber: '40',
          enrolledOn: '2022-09-09',
          members: [
            buildMember({ firstName: 'Omar', lastName: 'Eek' }),
            child('Adam', 'Eek', '2012-02-02'),
            child('Lina', 'Eek', '2014-02-02'),
            child('Sami', 'Eek', '2016-02-02'),
          ],
        }),
      ];
      for (const body of families) {
        const created = await leader.post('/api/families', body);
        expect(created.statusCode, created.body).toBe(201);
        ids[created.json().reference] = created.json().id;
      }
      for (const ref of ['F-0001', 'F-0003']) {
        const paired = await leader.put(`/api/families/${ids[ref]}/pair`, {
          memberIds: [members[0]!.id, members[1]!.id],
          version: (await leader.get(`/api/families/${ids[ref]}`)).json().version,
        });
        expect(paired.statusCode).toBe(200);
      }
      const exited = await leader.patch(`/api/families/${ids['F-0004']}`, {
        version: 1,
        status: 'exited',
        exitedOn: '2026-01-31',
      });
      expect(exited.statusCode, exited.body).toBe(200);
      // Last change times, set in the database (not by waiting): F-0003, F-0002, F-0004, F-0001.
      const updatedAt = {
        'F-0001': '2026-01-04',
        'F-0002': '2026-01-02',
        'F-0003': '2026-01-01',
        'F-0004': '2026-01-03',
      };
      for (const [ref, day] of Object.entries(updatedAt)) {
        await h()
          .db.kysely.updateTable('household')
          .set({ updated_at: new Date(`${day}T10:00:00Z`) })
          .where('municipality_id', '=', m.municipality.id)
          .where('id', '=', ids[ref]!)
          .execute();
      }
    });

    it('lists the team’s families with their adults, counts and pair', async () => {
      const response = await leader.post('/api/families/search', {});
      expect(response.statusCode).toBe(200);
      const list = response.json();
      expect(list).toMatchObject({ total: 4, page: 1, pageSize: 25 });
      const first = list.items[0];
      expect(first).toMatchObject({
        reference: 'F-0001',
        street: 'Birkevej',
        buildingNumber: '12',
        adultNames: ['Zara Holm'],
        adultCount: 1,
        childCount: 2,
        status: 'enrolled',
      });
      expect(first.pair.map((p: { id: string }) => p.id).sort()).toEqual(
        [staffOf(m).members[0]!.id, staffOf(m).members[1]!.id].sort(),
      );
    });

    // biome-ignore format: table
    const searches: [string, string, string[]][] = [
      ['an adult’s first name',            'zara',          ['F-0001']],
      ['a last name, in capitals',         'HOLM',          ['F-0001']],
      ['a child’s name',                   'lina eek',      ['F-0004']],
      ['a second adult’s name',            'sara',          ['F-0002']],
      ['CPR digits without the dash',      '0103851234',    ['F-0001']],
      ['CPR with the dash',                '020480-4321',   ['F-0002']],
      ['a CPR number with spaces around',  ' 0204804321 ',  ['F-0002']],
      ['part of a CPR number (never)',     '4321',          []],
      ['the date part of a CPR (never)',   '020480',        []],
      ['a street',                         'cedervej',      ['F-0004']],
      ['street and building number',       'Birkevej 12',   ['F-0001']],
      ['the case reference',               'f-0003',        ['F-0003']],
      ['a name nobody has',                'Nielsen',       []],
      ['a % (taken literally)',            '%',             []],
      ['an _ (taken literally)',           'e_k',           []],
    ];
    it.each(searches)('finds families by %s', async (_what, q, expected) => {
      const response = await leader.post('/api/families/search', { q });
      expect(response.statusCode).toBe(200);
      expect(refs(response)).toEqual(expected);
      expect(response.json().total).toBe(expected.length);
    });

    // biome-ignore format: table
    const sorts: [string, string[]][] = [
      ['reference',   ['F-0001', 'F-0002', 'F-0003', 'F-0004']],
      ['address',     ['F-0002', 'F-0001', 'F-0004', 'F-0003']],
      ['name',        ['F-0002', 'F-0003', 'F-0004', 'F-0001']],
      ['enrolledOn',  ['F-0004', 'F-0002', 'F-0001', 'F-0003']],
      ['memberCount', ['F-0003', 'F-0002', 'F-0001', 'F-0004']],
      ['updatedAt',   ['F-0003', 'F-0002', 'F-0004', 'F-0001']],
    ];
    it.each(sorts)('sorts by %s ascending and descending', async (sort, ascending) => {
      const asc = await leader.post('/api/families/search', { sort, dir: 'asc' });
      const desc = await leader.post('/api/families/search', { sort, dir: 'desc' });
      expect(refs(asc)).toEqual(ascending);
      expect(refs(desc)).toEqual([...ascending].reverse());
    });

    it('sorts by reference ascending when no sort is given', async () => {
      expect(refs(await leader.post('/api/families/search', {}))).toEqual([
        'F-0001',
        'F-0002',
        'F-0003',
        'F-0004',
      ]);
    });

    it('pages through the list with the total on every page', async () => {
      const page1 = await leader.post('/api/families/search', { pageSize: 3, page: 1 });
      const page2 = await leader.post('/api/families/search', { pageSize: 3, page: 2 });
      expect(page1.json()).toMatchObject({ total: 4, page: 1, pageSize: 3 });
      expect(page2.json()).toMatchObject({ total: 4, page: 2, pageSize: 3 });
      expect(refs(page1)).toEqual(['F-0001', 'F-0002', 'F-0003']);
      expect(refs(page2)).toEqual(['F-0004']);
    });

    it('reports the total on a page past the end', async () => {
      const response = await leader.post('/api/families/search', { pageSize: 3, page: 5 });
      expect(response.json()).toMatchObject({ items: [], total: 4, page: 5 });
    });

    it('counts only the matches when searching and paging', async () => {
      const response = await leader.post('/api/families/search', { q: 'vej', pageSize: 2, page: 2 });
      expect(response.json().total).toBe(4);
      expect(refs(response)).toEqual(['F-0003', 'F-0004']);
    });

    // biome-ignore format: table
    const statuses: [string, string[]][] = [
      ['enrolled', ['F-0001', 'F-0002', 'F-0003']],
      ['exited',   ['F-0004']],
    ];
    it.each(statuses)('filters by status %s', async (status, expected) => {
      const response = await leader.post('/api/families/search', { status });
      expect(refs(response)).toEqual(expected);
      expect(response.json().total).toBe(expected.length);
    });

    it('filters by area', async () => {
      const response = await leader.post('/api/families/search', { areaId: m.areas[1]!.id });
      expect(refs(response)).toEqual(['F-0002']);
    });

    it('mine: a team member sees the families they are in the pair of', async () => {
      const all = await memberA.post('/api/families/search', {});
      const mine = await memberA.post('/api/families/search', { mine: true });
      expect(refs(all)).toEqual(['F-0001', 'F-0002', 'F-0003', 'F-0004']);
      expect(refs(mine)).toEqual(['F-0001', 'F-0003']);
      expect(mine.json().total).toBe(2);
    });

    it('mine: a leader who is in no pair gets an empty list', async () => {
      const mine = await leader.post('/api/families/search', { mine: true });
      expect(mine.json()).toMatchObject({ items: [], total: 0 });
    });

    it('combines filters: mine, status and search', async () => {
      const response = await memberA.post('/api/families/search', {
        mine: true,
        status: 'enrolled',
        q: 'dahl',
      });
      expect(refs(response)).toEqual(['F-0003']);
    });

    it('audits each list view: who, which fields, why', async () => {
      const since = await lastAuditId(h().db);
      await memberA.post('/api/families/search', { q: 'holm' });
      const rows = await auditSince(h().db, m.municipality.id, since);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        actor_id: staffOf(m).members[0]!.id,
        actor_role: 'team_member',
        action: 'list',
        entity: 'household',
        fields: ['reference', 'address', 'adult_names', 'pair'],
        purpose: 'case_work',
        break_glass: false,
      });
    });
  });

  describe('the family record', () => {
    let m: GeneratedMunicipality;
    let team2: Awaited<ReturnType<typeof addTeam>>;
    let leader: Client;
    let pairMember: Client;
    let sameTeam: Client;
    let otherTeam: Client;
    let pairIds: [string, string];

    beforeAll(async () => {
      m = await h().municipality({ families: 2, adults: 2, children: 2 });
      team2 = await addTeam(h().db, m, 1);
      const { members } = staffOf(m);
      pairIds = [members[0]!.id, members[1]!.id];
      leader = await h().signIn(m.users[0]!.username);
      pairMember = await h().signIn(members[0]!.username);
      sameTeam = await h().signIn(members[5]!.username);
      otherTeam = await h().signIn(team2.members[0]!.username);
    });

    /** Enrolls a family (by the leader) with a parent with a CPR number and a child, and pairs it. */
    async function enroll(overrides: Parameters<typeof buildFamily>[1] = {}) {
      const parentCpr = uniqueCpr('1985-02-01');
      const created = await leader.post(
        '/api/families',
        buildFamily(m.areas[0]!.id, {
          members: [
            buildMember({ cpr: parentCpr }),
            buildMember({ firstName: 'Sami', role: 'child', birthDate: '2015-03-04' }),
          ],
          ...overrides,
        }),
      );
      expect(created.statusCode, created.body).toBe(201);
      const id = created.json().id as string;
      const paired = await leader.put(`/api/families/${id}/pair`, {
        memberIds: pairIds,
        version: created.json().version,
      });
      expect(paired.statusCode, paired.body).toBe(200);
      return { family: paired.json() as FamilyDetail, parentCpr };
    }

    const history = async (client: Client, id: string) => {
      const response = await client.get(`/api/families/${id}/history?pageSize=200`);
      expect(response.statusCode).toBe(200);
      return response.json() as {
        items: { action: string; entity: string; changes: { field: string; from: unknown; to: unknown }[] }[];
        total: number;
      };
    };

    it('shows the CPR number masked to the pair and the leader, and not at all to the rest of the team', async () => {
      const { family, parentCpr } = await enroll();
      const masked = `${parentCpr.slice(0, 6)}-****`;
      const asLeader = (await leader.get(`/api/families/${family.id}`)).json();
      const asPair = (await pairMember.get(`/api/families/${family.id}`)).json();
      const asTeam = (await sameTeam.get(`/api/families/${family.id}`)).json();
      expect(asLeader.members[0].cprMasked).toBe(masked);
      expect(asPair.members[0].cprMasked).toBe(masked);
      expect(asPair.access).toBe('relationship');
      expect(asTeam.members[0].cprMasked).toBeNull();
      expect(asTeam.members[0].countryOfOrigin).toBeNull();
      expect(asTeam.consents).toEqual([]);
      expect(asTeam.access).toBe('team');
      expect(asTeam.abilities).toEqual({
        readFull: false,
        update: false,
        assignPair: false,
        manageConsent: false,
        viewHistory: false,
        revealCpr: false,
        // Outside the relationship, the glass can be broken for the full record.
        breakGlass: true,
        readTasks: false,
      });
      for (const body of [asLeader, asPair, asTeam]) expect(JSON.stringify(body)).not.toContain(parentCpr);
    });

    it('reveals the full CPR number only through the reveal, which writes an audit row for the field cpr', async () => {
      const { family, parentCpr } = await enroll();
      const memberId = family.members[0]!.id;
      const since = await lastAuditId(h().db);
      const response = await pairMember.post(`/api/families/${family.id}/members/${memberId}/cpr`);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ cpr: parentCpr });
      const rows = await auditSince(h().db, m.municipality.id, since);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        actor_id: pairIds[0],
        action: 'reveal',
        entity: 'person',
        entity_id: memberId,
        household_id: family.id,
        fields: ['cpr'],
        purpose: 'case_work',
        break_glass: false,
      });
    });

    it('refuses an update with a stale version with 409 and changes nothing', async () => {
      const { family } = await enroll();
      const first = await pairMember.patch(`/api/families/${family.id}`, {
        version: family.version,
        street: 'Gudrunsvej',
      });
      expect(first.statusCode).toBe(200);
      expect(first.json().version).toBe(family.version + 1);
      const historyBefore = await history(leader, family.id);
      const since = await lastAuditId(h().db);

      const stale = await leader.patch(
        `/api/families/${family.id}`,
        { version: family.version, street: 'Hasle Ringvej', door: 'mf' },
        { 'accept-language': 'en' },
      );
      expect(stale.statusCode).toBe(409);
      expect(problemOf(stale).type).toBe('/problems/conflict');
      expect(stale.json().errors).toEqual([
        {
          field: 'version',
          code: 'errors.versionConflict',
          message: 'Someone changed this meanwhile – reload and try again',
        },
      ]);
      const after = (await leader.get(`/api/families/${family.id}`)).json();
      expect(after).toMatchObject({ street: 'Gudrunsvej', door: null, version: family.version + 1 });
      expect((await history(leader, family.id)).total).toBe(historyBefore.total);
      const writes = (await auditSince(h().db, m.municipality.id, since)).filter((r) => r.action !== 'read');
      expect(writes).toEqual([]);
    });

    it('refuses an exit date before the enrolment date, naming exitedOn, and changes nothing', async () => {
      const { family } = await enroll({ enrolledOn: '2025-05-01' });
      const response = await leader.patch(`/api/families/${family.id}`, {
        version: family.version,
        status: 'exited',
        exitedOn: '2025-04-30',
      });
      expect(response.statusCode).toBe(400);
      expect(problemOf(response).fields).toEqual(['exitedOn']);
      expect(response.json().errors[0].code).toBe('errors.exitBeforeEnrol');
      const after = (await leader.get(`/api/families/${family.id}`)).json();
      expect(after).toMatchObject({ status: 'enrolled', exitedOn: null, version: family.version });
    });

    it('records each edit in the history with the field names, from and to', async () => {
      const { family } = await enroll();
      const response = await pairMember.patch(`/api/families/${family.id}`, {
        version: family.version,
        street: 'Gudrunsvej',
        door: 'th',
        postalCode: '8220',
      });
      expect(response.statusCode).toBe(200);
      const [latest] = (await history(leader, family.id)).items;
      expect(latest).toMatchObject({
        action: 'update',
        entity: 'household',
        entityId: family.id,
        actor: { id: pairIds[0] },
      });
      expect(latest!.changes).toEqual([
        { field: 'street', from: 'Dortesvej', to: 'Gudrunsvej' },
        { field: 'door', from: null, to: 'th' },
        { field: 'postalCode', from: null, to: '8220' },
      ]);
    });

    it('pages the history newest first, with the total on every page, past the end included', async () => {
      const { family } = await enroll();
      // Enrolment (household, 2 persons) and the pair: four entries.
      const page1 = (await leader.get(`/api/families/${family.id}/history?pageSize=3&page=1`)).json();
      const page2 = (await leader.get(`/api/families/${family.id}/history?pageSize=3&page=2`)).json();
      const past = (await leader.get(`/api/families/${family.id}/history?pageSize=3&page=9`)).json();
      expect(page1).toMatchObject({ total: 4, page: 1, pageSize: 3 });
      expect(page1.items.map((e: { action: string }) => e.action)).toEqual([
        'assign_pair',
        'create',
        'create',
      ]);
      expect(page2.items.map((e: { action: string; entity: string }) => `${e.action} ${e.entity}`)).toEqual([
        'create household',
      ]);
      expect(page2.total).toBe(4);
      expect(past).toMatchObject({ items: [], total: 4, page: 9 });
    });

    it('shows CPR numbers masked in the history, never in full', async () => {
      const { family, parentCpr } = await enroll();
      const member = family.members[0]!;
      // Another number for the same birth date: its date part must stay the birth date.
      const newCpr = uniqueCpr('1985-02-01');
      const response = await leader.patch(`/api/families/${family.id}/members/${member.id}`, {
        version: member.version,
        cpr: newCpr,
      });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json().members[0].cprMasked).toBe(`${newCpr.slice(0, 6)}-****`);
      const entries = await history(leader, family.id);
      const update = entries.items.find((e) => e.action === 'update' && e.entity === 'person');
      expect(update?.changes).toEqual([
        { field: 'cpr', from: `${parentCpr.slice(0, 6)}-****`, to: `${newCpr.slice(0, 6)}-****` },
      ]);
      const created = entries.items
        .filter((e) => e.action === 'create' && e.entity === 'person')
        .flatMap((e) => e.changes);
      expect(created).toContainEqual({ field: 'cpr', from: null, to: `${parentCpr.slice(0, 6)}-****` });
      const text = JSON.stringify(entries);
      expect(text).not.toContain(parentCpr);
      expect(text).not.toContain(newCpr);
      expect(text).not.toContain(newCpr.replace('-', ''));
    });

    it('refuses a member CPR number that another person has, naming cpr, and changes nothing', async () => {
      const { family: a, parentCpr } = await enroll();
      const { family: b } = await enroll();
      const member = b.members[0]!;
      const response = await leader.patch(`/api/families/${b.id}/members/${member.id}`, {
        version: member.version,
        cpr: parentCpr,
      });
      expect(response.statusCode).toBe(409);
      expect(problemOf(response).fields).toEqual(['cpr']);
      const after = (await leader.get(`/api/families/${b.id}`)).json();
      expect(after.members[0]).toMatchObject({ cprMasked: member.cprMasked, version: member.version });
      expect(a.id).not.toBe(b.id);
    });

    it('records consent and its withdrawal; withdrawing twice is a conflict', async () => {
      const { family } = await enroll();
      const given = await pairMember.post(`/api/families/${family.id}/consents`, {
        purpose: 'employer_contact',
        scope: 'Jobcentre and two employers',
        givenOn: '2026-03-01',
      });
      expect(given.statusCode, given.body).toBe(201);
      const consent = given
        .json()
        .consents.find((c: { purpose: string }) => c.purpose === 'employer_contact');
      expect(consent).toMatchObject({
        scope: 'Jobcentre and two employers',
        givenOn: '2026-03-01',
        withdrawnOn: null,
        recordedBy: { id: pairIds[0] },
      });

      const url = `/api/families/${family.id}/consents/${consent.id}/withdraw`;
      const withdrawn = await pairMember.post(url, { withdrawnOn: '2026-04-01' });
      expect(withdrawn.statusCode).toBe(200);
      expect(withdrawn.json().consents.find((c: { id: string }) => c.id === consent.id).withdrawnOn).toBe(
        '2026-04-01',
      );

      const again = await pairMember.post(url, { withdrawnOn: '2026-04-02' });
      expect(again.statusCode).toBe(409);
      expect(problemOf(again).fields).toEqual(['withdrawnOn']);
      expect(again.json().errors[0].code).toBe('errors.alreadyWithdrawn');
      const after = (await leader.get(`/api/families/${family.id}`)).json();
      expect(after.consents.find((c: { id: string }) => c.id === consent.id).withdrawnOn).toBe('2026-04-01');

      const actions = (await history(leader, family.id)).items.map((e) => e.action);
      expect(actions).toEqual(expect.arrayContaining(['give_consent', 'withdraw_consent']));
    });

    it('refuses a withdrawal dated before the consent was given, and leaves the consent in force', async () => {
      const { family } = await enroll();
      const given = await leader.post(`/api/families/${family.id}/consents`, {
        purpose: 'evaluation',
        givenOn: '2026-03-01',
      });
      const consent = given.json().consents.find((c: { purpose: string }) => c.purpose === 'evaluation');
      const response = await leader.post(`/api/families/${family.id}/consents/${consent.id}/withdraw`, {
        withdrawnOn: '2026-02-28',
      });
      expect(response.statusCode).toBe(400);
      expect(problemOf(response).fields).toEqual(['withdrawnOn']);
      const after = (await leader.get(`/api/families/${family.id}`)).json();
      expect(after.consents.find((c: { id: string }) => c.id === consent.id).withdrawnOn).toBeNull();
    });

    it('refuses consent for a person of another family, naming personId', async () => {
      const { family } = await enroll();
      const { family: other } = await enroll();
      const response = await leader.post(`/api/families/${family.id}/consents`, {
        purpose: 'evaluation',
        givenOn: '2026-03-01',
        personId: other.members[0]!.id,
      });
      expect(response.statusCode).toBe(400);
      expect(problemOf(response).fields).toEqual(['personId']);
    });

    it('assigns as pair only two different team members of the family’s team, not its leader (memberIds)', async () => {
      const { family } = await enroll();
      const url = `/api/families/${family.id}/pair`;
      const { members, analyst } = staffOf(m);
      const { version } = family;
      const twice = await leader.put(url, { memberIds: [members[2]!.id, members[2]!.id], version });
      const otherTeamStaff = await leader.put(url, {
        memberIds: [members[2]!.id, team2.members[0]!.id],
        version,
      });
      const notTeamStaff = await leader.put(url, { memberIds: [members[2]!.id, analyst.id], version });
      // The leader forms the pairs and sees every family, but is not one of a family's two.
      const withLeader = await leader.put(url, {
        memberIds: [staffOf(m).leader.id, members[2]!.id],
        version,
      });
      for (const response of [twice, otherTeamStaff, notTeamStaff, withLeader]) {
        expect(response.statusCode, response.body).toBe(400);
        expect(problemOf(response).fields).toEqual(['memberIds']);
      }
      expect(twice.json().errors[0].code).toBe('errors.pairDistinct');
      expect(otherTeamStaff.json().errors[0].code).toBe('errors.pairNotInTeam');
      expect(withLeader.json().errors[0].code).toBe('errors.pairNotInTeam');
      const after = (await leader.get(`/api/families/${family.id}`)).json();
      expect(after.pair.map((p: { id: string }) => p.id).sort()).toEqual([...pairIds].sort());

      const newPair = members
        .map((x) => x.id)
        .filter((id) => !pairIds.includes(id))
        .slice(0, 2);
      const changed = await leader.put(url, { memberIds: newPair, version });
      expect(changed.statusCode, changed.body).toBe(200);
      expect(
        changed
          .json()
          .pair.map((p: { id: string }) => p.id)
          .sort(),
      ).toEqual([...newPair].sort());

      // A leader on a page from before that change does not replace the new pair unseen.
      const stale = await leader.put(url, { memberIds: [...pairIds], version });
      expect(stale.statusCode).toBe(409);
      expect(problemOf(stale).fields).toEqual(['version']);
      const kept = (await leader.get(`/api/families/${family.id}`)).json();
      expect(kept.pair.map((p: { id: string }) => p.id).sort()).toEqual([...newPair].sort());
    });

    it('refuses to break the glass with a reason under 10 characters, naming reason', async () => {
      const { family } = await enroll();
      const response = await otherTeam.post(
        `/api/families/${family.id}/break-glass`,
        { reason: '  urgent  ' },
        { 'accept-language': 'en' },
      );
      expect(response.statusCode).toBe(400);
      expect(response.json().errors).toEqual([
        {
          field: 'reason',
          code: 'errors.reasonTooShort',
          message: 'The reason must be at least 10 characters',
        },
      ]);
      const grants = await breakGlassGrants(h().db, m.municipality.id, { householdId: family.id });
      expect(grants).toEqual([]);
    });

    it('breaking the glass lets other-team staff read the family, time-limited and audited as break-glass', async () => {
      const { family } = await enroll();
      const url = `/api/families/${family.id}`;
      const before = await otherTeam.get(url);
      expect(before.statusCode).toBe(403);
      expect(problemOf(before).type).toMatch(/\/break-glass-available$/);

      await h()
        .db.kysely.updateTable('municipality')
        .set({ break_glass_minutes: 15 })
        .where('id', '=', m.municipality.id)
        .execute();
      const since = await lastAuditId(h().db);
      const granted = await otherTeam.post(`${url}/break-glass`, { reason: 'Family called the duty phone' });
      expect(granted.statusCode, granted.body).toBe(201);
      const grant = await h()
        .db.kysely.selectFrom('break_glass_grant')
        .selectAll()
        .where('municipality_id', '=', m.municipality.id)
        .where('household_id', '=', family.id)
        .executeTakeFirstOrThrow();
      expect(grant).toMatchObject({ user_id: team2.members[0]!.id, reason: 'Family called the duty phone' });
      // The municipality's grant length (15 minutes here); granted_at is the database's clock.
      expect(Math.abs(grant.expires_at.getTime() - grant.granted_at.getTime() - 15 * 60_000)).toBeLessThan(
        5000,
      );
      expect(granted.json()).toEqual({ expiresAt: grant.expires_at.toISOString() });

      const read = await otherTeam.get(url);
      expect(read.statusCode).toBe(200);
      expect(read.json()).toMatchObject({
        access: 'break_glass',
        breakGlassExpiresAt: grant.expires_at.toISOString(),
        abilities: {
          readFull: true,
          update: false,
          assignPair: false,
          manageConsent: false,
          breakGlass: false,
        },
      });
      expect(read.json().members[0].cprMasked).toMatch(/-\*\*\*\*$/);

      const rows = await auditSince(h().db, m.municipality.id, since);
      expect(rows.map((r) => r.action)).toEqual(['break_glass', 'read']);
      expect(rows[0]).toMatchObject({
        actor_id: team2.members[0]!.id,
        entity: 'break_glass_grant',
        entity_id: grant.id,
        household_id: family.id,
        fields: ['reason'],
        purpose: 'break_glass',
        break_glass: true,
      });
      expect(rows[1]).toMatchObject({
        actor_id: team2.members[0]!.id,
        entity: 'household',
        household_id: family.id,
        purpose: 'break_glass',
        break_glass: true,
      });
      expect(rows[1]!.fields).toContain('cpr_masked');

      // A CPR number revealed under the grant is audited as break-glass too.
      const revealSince = await lastAuditId(h().db);
      const memberId = read.json().members[0].id;
      expect((await otherTeam.post(`${url}/members/${memberId}/cpr`)).statusCode).toBe(200);
      const [reveal] = await auditSince(h().db, m.municipality.id, revealSince);
      expect(reveal).toMatchObject({
        action: 'reveal',
        entity_id: memberId,
        fields: ['cpr'],
        purpose: 'break_glass',
        break_glass: true,
      });

      // Reading is all the glass opens.
      const write = await otherTeam.patch(url, { version: read.json().version, street: 'Elsewhere' });
      expect(write.statusCode).toBe(403);
    });

    it('the access ends when the grant expires', async () => {
      const { family } = await enroll();
      const url = `/api/families/${family.id}`;
      const granted = await otherTeam.post(`${url}/break-glass`, { reason: 'Family called the duty phone' });
      expect(granted.statusCode).toBe(201);
      expect((await otherTeam.get(url)).statusCode).toBe(200);
      await h()
        .db.kysely.updateTable('break_glass_grant')
        .set({ expires_at: new Date(Date.now() - 1000) })
        .where('municipality_id', '=', m.municipality.id)
        .where('household_id', '=', family.id)
        .execute();
      const after = await otherTeam.get(url);
      expect(after.statusCode).toBe(403);
      expect(problemOf(after).type).toMatch(/\/break-glass-available$/);
      expect((await otherTeam.get(`${url}/history`)).statusCode).toBe(403);
    });

    it('a failing enrolment saves nothing: a duplicate CPR on the second member is 409 on members.1.cpr', async () => {
      const cpr = uniqueCpr('1990-06-06');
      const count = async (table: 'household' | 'person' | 'change_record') =>
        Number(
          (
            await h()
              .db.kysely.selectFrom(table)
              .select((eb) => eb.fn.countAll().as('n'))
              .where('municipality_id', '=', m.municipality.id)
              .executeTakeFirstOrThrow()
          ).n,
        );
      const before = {
        household: await count('household'),
        person: await count('person'),
        change: await count('change_record'),
      };
      const since = await lastAuditId(h().db);
      const response = await leader.post(
        '/api/families',
        buildFamily(m.areas[0]!.id, {
          street: 'Halfsaved Allé',
          members: [
            buildMember({ firstName: 'Hana', birthDate: '1990-06-06', cpr }),
            buildMember({ firstName: 'Hiba', birthDate: '1990-06-06', cpr }),
          ],
        }),
      );
      expect(response.statusCode).toBe(409);
      expect(problemOf(response).fields).toEqual(['members.1.cpr']);
      expect(response.json().errors[0].code).toBe('errors.cprTaken');
      expect({
        household: await count('household'),
        person: await count('person'),
        change: await count('change_record'),
      }).toEqual(before);
      const rows = await auditSince(h().db, m.municipality.id, since);
      expect(rows.filter((r) => r.action === 'create')).toEqual([]);
      const search = await leader.post('/api/families/search', { q: 'halfsaved' });
      expect(search.json().total).toBe(0);
    });

    it('refuses to enroll a person whose CPR number is registered in another family, on members.0.cpr', async () => {
      const { parentCpr } = await enroll();
      const response = await leader.post(
        '/api/families',
        buildFamily(m.areas[0]!.id, { members: [buildMember({ cpr: parentCpr })] }),
      );
      expect(response.statusCode).toBe(409);
      expect(problemOf(response).fields).toEqual(['members.0.cpr']);
    });

    describe('every read and write leaves an audit record: who, what, which fields, why', () => {
      let family: FamilyDetail;
      let consentId: string;
      beforeAll(async () => {
        family = (await enroll()).family;
      });

      type Step = {
        name: string;
        run: () => Promise<{ statusCode: number; body: string }>;
        audit: { action: string; entity: string; fields: string[]; entityId?: () => string };
      };
      const f = () => `/api/families/${family.id}`;
      const member = () => family.members[0]!;
      // biome-ignore format: table
      const steps: Step[] = [
        { name: 'read the family page', run: () => pairMember.get(f()),
          audit: { action: 'read', entity: 'household', entityId: () => family.id,
            fields: ['address', 'members', 'cpr_masked', 'country_of_origin', 'languages', 'contact', 'consents', 'pair'] } },
        { name: 'change the address', run: async () => {
            const r = await pairMember.patch(f(), { version: family.version, floor: '3' });
            family = r.json();
            return r;
          },
          audit: { action: 'update', entity: 'household', entityId: () => family.id, fields: ['floor'] } },
        { name: 'add a member', run: async () => {
            const r = await pairMember.post(`${f()}/members`, buildMember({ firstName: 'Lulu', role: 'child', birthDate: '2020-01-01' }));
            family = r.json();
            return r;
          },
          audit: { action: 'create', entity: 'person',
            fields: ['firstName', 'lastName', 'birthDate', 'role', 'languages', 'interpreterNeeded'] } },
        { name: 'change a member', run: async () => {
            const r = await pairMember.patch(`${f()}/members/${member().id}`, { version: member().version, languages: ['ar', 'da'] });
            family = r.json();
            return r;
          },
          audit: { action: 'update', entity: 'person', entityId: () => member().id, fields: ['languages'] } },
        { name: 'reveal a CPR number', run: () => pairMember.post(`${f()}/members/${member().id}/cpr`),
          audit: { action: 'reveal', entity: 'person', entityId: () => member().id, fields: ['cpr'] } },
        { name: 'assign the pair', run: () => leader.put(`${f()}/pair`, { memberIds: [...pairIds].reverse(), version: family.version }),
          audit: { action: 'update', entity: 'pair', fields: ['pair'] } },
        { name: 'record consent', run: async () => {
            const r = await pairMember.post(`${f()}/consents`, { purpose: 'civil_society_contact', givenOn: '2026-02-02' });
            consentId = r.json().consents.find((c: { purpose: string }) => c.purpose === 'civil_society_contact').id;
            return r;
          },
          audit: { action: 'create', entity: 'consent', entityId: () => consentId, fields: ['purpose', 'scope', 'given_on'] } },
        { name: 'withdraw consent', run: () => pairMember.post(`${f()}/consents/${consentId}/withdraw`, { withdrawnOn: '2026-02-03' }),
          audit: { action: 'update', entity: 'consent', entityId: () => consentId, fields: ['withdrawn_on'] } },
        { name: 'read the history', run: () => pairMember.get(`${f()}/history`),
          audit: { action: 'read', entity: 'change_record', fields: ['history'] } },
      ];

      it.each(steps)('$name', async ({ run, audit }) => {
        const since = await lastAuditId(h().db);
        const response = await run();
        expect(response.statusCode, response.body).toBeLessThan(300);
        const rows = await auditSince(h().db, m.municipality.id, since);
        const row = rows.find((r) => r.action === audit.action && r.entity === audit.entity);
        expect(row, JSON.stringify(rows)).toBeDefined();
        expect(row).toMatchObject({
          household_id: family.id,
          purpose: 'case_work',
          break_glass: false,
        });
        expect(row!.actor_id).toBe(audit.entity === 'pair' ? m.users[0]!.id : pairIds[0]);
        expect([...row!.fields].sort()).toEqual([...audit.fields].sort());
        if (audit.entityId) expect(row!.entity_id).toBe(audit.entityId());
        else if (audit.entity !== 'change_record') expect(row!.entity_id).not.toBeNull();
      });

      it('enrolling writes a create row for the household', async () => {
        const { family: created } = await enroll();
        const rows = await auditRows(h().db, m.municipality.id, {
          householdId: created.id,
          action: 'create',
        });
        expect(rows).toHaveLength(1);
        expect(rows[0]).toMatchObject({
          actor_id: m.users[0]!.id,
          entity: 'household',
          entity_id: created.id,
          fields: ['address', 'members'],
          purpose: 'enrollment',
        });
      });
    });
  });
});
