import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { GeneratedMunicipality } from '../../../src/demo/generate';
import { addUser, buildFamily, buildMember, staffOf } from '../../support/factories';
import { type Client, describeEachDatabase } from '../../support/harness';

/** Letters only, so a marker folds to itself and sorts nowhere special. */
const marker = () => `Qx${[...randomBytes(5)].map((b) => String.fromCharCode(107 + (b % 15))).join('')}`;

describeEachDatabase('names searched and sorted as Danish users expect (decision 0021)', (h) => {
  let m: GeneratedMunicipality;
  let leader: Client;
  const ids: Record<string, string> = {};

  async function enrol(key: string, street: string, firstName: string, lastName: string) {
    const response = await leader.post(
      '/api/families',
      buildFamily(m.areas[0]!.id, { street, members: [buildMember({ firstName, lastName })] }),
    );
    expect(response.statusCode, response.body).toBe(201);
    ids[key] = response.json().id;
  }

  /** The families of this file a search finds, by key, in the list's order. */
  async function found(q: string, sort: { sort?: string; dir?: string } = {}): Promise<string[]> {
    const response = await leader.post('/api/families/search', { q, pageSize: 200, ...sort });
    expect(response.statusCode, response.body).toBe(200);
    const byId = new Map(Object.entries(ids).map(([key, id]) => [id, key]));
    return response
      .json()
      .items.map((f: { id: string }) => byId.get(f.id))
      .filter((key: string | undefined) => key !== undefined);
  }

  beforeAll(async () => {
    m = await h().municipality({ families: 1, adults: 1, children: 0 });
    leader = await h().signIn(staffOf(m).leader.username);
    await enrol('Sørensen', 'Dortesvej', 'Karen', 'Sørensen');
    await enrol('Sorensen', 'Dortesvej', 'Peter', 'Sorensen');
    await enrol('Hånsen', 'Dortesvej', 'Lone', 'Hånsen');
    await enrol('Müller', 'Dortesvej', 'Klaus', 'Müller');
    await enrol('Æblegade', 'Æblegade', 'Ida', 'Holm');
    await enrol('Aagaard', 'Dortesvej', 'Jens', 'Aagaard');
    await enrol('Ågård', 'Dortesvej', 'Mette', 'Ågård');
  });

  describe('search', () => {
    it('finds accented names when the search has no accents', async () => {
      expect(await found('sorensen')).toEqual(expect.arrayContaining(['Sørensen', 'Sorensen']));
      expect(await found('hansen')).toEqual(['Hånsen']);
      expect(await found('muller')).toEqual(['Müller']);
    });

    it('finds the same families when the search is accented, in any case', async () => {
      for (const q of ['Sørensen', 'SØRENSEN', 'sørensen'])
        expect((await found(q)).sort(), q).toEqual(['Sorensen', 'Sørensen']);
      expect(await found('Hånsen')).toEqual(['Hånsen']);
      expect(await found('MÜLLER')).toEqual(['Müller']);
    });

    it('finds Æblegade written with æ or with ae', async () => {
      for (const q of ['aeblegade', 'æblegade', 'Æblegade', 'AEBLEGADE', 'blegade'])
        expect(await found(q), q).toEqual(['Æblegade']);
    });

    it('takes aa and å as one letter, both ways', async () => {
      for (const q of ['aagaard', 'ågård', 'Ågaard', 'gård'])
        expect((await found(q)).sort(), q).toEqual(['Aagaard', 'Ågård']);
    });

    it('still takes % and _ in a search as themselves', async () => {
      expect(await found('%')).toEqual([]);
      expect(await found('_')).toEqual([]);
    });
  });

  describe('sort', () => {
    it('puts Æ, Ø and Å after Z, in that order, sorted by name both ways', async () => {
      const street = marker();
      for (const surname of [
        'Østergaard',
        'Zimmermann',
        'Åberg',
        'Abel',
        'Ærø',
        'Aagesen',
        'Møller',
        'Mortensen',
      ])
        await enrol(`sort ${surname}`, street, 'Anna', surname);
      const asc = ['Abel', 'Mortensen', 'Møller', 'Zimmermann', 'Ærø', 'Østergaard', 'Åberg', 'Aagesen'];
      const names = (keys: string[]) => keys.map((k) => k.replace('sort ', ''));
      expect(names(await found(street, { sort: 'name' }))).toEqual(asc);
      expect(names(await found(street, { sort: 'name', dir: 'desc' }))).toEqual([...asc].reverse());
    });

    it('puts streets beginning with Æ, Ø and Å after Z when sorted by address', async () => {
      const surname = marker();
      for (const street of ['Åvej', 'Zinkvej', 'Ærøvej', 'Abildvej', 'Østervej'])
        await enrol(`street ${street}`, street, 'Bo', surname);
      const streets = (await found(surname, { sort: 'address' })).map((k) => k.replace('street ', ''));
      expect(streets).toEqual(['Abildvej', 'Zinkvej', 'Ærøvej', 'Østervej', 'Åvej']);
    });
  });

  describe('staff', () => {
    let admin: Client;
    beforeAll(async () => {
      admin = await h().signIn(staffOf(m).admin.username);
    });
    const staffIds = async (q: string, body: object = {}) =>
      (await admin.post('/api/admin/users/search', { q, pageSize: 200, ...body }))
        .json()
        .items.map((u: { id: string }) => u.id);

    it('finds staff by name without accents, and with them', async () => {
      const surname = `Sørensen ${marker()}`;
      const accented = await addUser(h().db, m, { role: 'team_member', displayName: `Lise ${surname}` });
      const plain = await addUser(h().db, m, {
        role: 'analyst',
        displayName: `Lise ${surname.replace('ø', 'o')}`,
      });
      const tail = surname.split(' ')[1]!;
      for (const q of [`sorensen ${tail}`, `Sørensen ${tail}`, `SØRENSEN ${tail}`])
        expect((await staffIds(q)).sort(), q).toEqual([accented.id, plain.id].sort());
    });

    it('sorts staff by name in Danish order, in administration and in the team', async () => {
      const first = marker();
      const added: Record<string, string> = {};
      for (const surname of ['Åberg', 'Zimmermann', 'Østergaard', 'Ærø', 'Abel']) {
        const user = await addUser(h().db, m, { role: 'team_member', displayName: `${first} ${surname}` });
        added[user.id] = surname;
      }
      const expected = ['Abel', 'Zimmermann', 'Ærø', 'Østergaard', 'Åberg'];
      expect((await staffIds(first, { sort: 'displayName' })).map((id: string) => added[id])).toEqual(
        expected,
      );
      const team = (await leader.get('/api/team/staff')).json();
      const inTeam = team.items
        .map((u: { id: string }) => added[u.id])
        .filter((s: string | undefined) => s !== undefined);
      expect(inTeam).toEqual(expected);
    });
  });
});
