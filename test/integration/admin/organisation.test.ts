import { randomUUID } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import type { GeneratedMunicipality } from '../../../src/demo/generate';
import { auditSince, lastAuditId, staffOf } from '../../support/factories';
import { type Client, describeEachDatabase } from '../../support/harness';

const en = { 'accept-language': 'en' };

describeEachDatabase('administration of areas and teams', (h) => {
  let m: GeneratedMunicipality;
  let other: GeneratedMunicipality;
  let admin: Client;

  beforeAll(async () => {
    m = await h().municipality({ families: 1, adults: 1, children: 0 });
    other = await h().municipality({ families: 1, adults: 1, children: 0 });
    admin = await h().signIn(staffOf(m).admin.username);
  });

  it('lists the areas with their teams and the teams with their area and staff', async () => {
    const areas = (await admin.get('/api/admin/areas')).json().items;
    expect(areas.map((a: { id: string }) => a.id).sort()).toEqual(m.areas.map((a) => a.id).sort());
    expect(areas.find((a: { id: string }) => a.id === m.team.area_id)).toMatchObject({ teamCount: 1 });
    const teams = (await admin.get('/api/admin/teams')).json().items;
    expect(teams).toEqual([
      {
        id: m.team.id,
        name: m.team.name,
        area: { id: m.team.area_id, name: m.areas.find((a) => a.id === m.team.area_id)!.name },
        staffCount: m.users.filter((u) => u.team_id === m.team.id).length,
      },
    ]);
    const departments = (await admin.get('/api/admin/departments')).json().items;
    expect(departments.map((d: { code: string }) => d.code).sort()).toEqual(
      m.departments.map((d) => d.code).sort(),
    );
  });

  it('creates an area and a team in it, renames both, and audits each change', async () => {
    const since = await lastAuditId(h().db);
    const name = `Bispehaven ${randomUUID().slice(0, 6)}`;
    const area = await admin.post('/api/admin/areas', { name: `  ${name} ` });
    expect(area.statusCode, area.body).toBe(201);
    expect(area.json()).toMatchObject({ name, teamCount: 0 });
    const team = await admin.post('/api/admin/teams', { name: 'Opgang Bispehaven', areaId: area.json().id });
    expect(team.statusCode, team.body).toBe(201);
    expect(team.json()).toMatchObject({
      name: 'Opgang Bispehaven',
      area: { id: area.json().id },
      staffCount: 0,
    });

    const renamedArea = await admin.patch(`/api/admin/areas/${area.json().id}`, { name: `${name} Nord` });
    expect(renamedArea.json()).toMatchObject({ name: `${name} Nord`, teamCount: 1 });
    const renamedTeam = await admin.patch(`/api/admin/teams/${team.json().id}`, { name: 'Opgang Nord' });
    expect(renamedTeam.json()).toMatchObject({ name: 'Opgang Nord', area: { name: `${name} Nord` } });

    const rows = await auditSince(h().db, m.municipality.id, since);
    expect(rows.map((r) => [r.action, r.entity, r.entity_id, r.fields])).toEqual([
      ['create', 'area', area.json().id, ['name']],
      ['create', 'team', team.json().id, ['name', 'areaId']],
      ['update', 'area', area.json().id, ['name']],
      ['update', 'team', team.json().id, ['name']],
    ]);
    // The new team is one to put staff on.
    const newUser = await admin.post('/api/admin/users', {
      username: `u_${randomUUID().slice(0, 8)}`,
      displayName: 'Ny Leder',
      role: 'team_leader',
      teamId: team.json().id,
      signIn: 'sso',
    });
    expect(newUser.statusCode, newUser.body).toBe(201);
  });

  it('refuses a name another area or team has (in any case) and an empty name, naming the field', async () => {
    const takenArea = await admin.post('/api/admin/areas', { name: m.areas[0]!.name.toUpperCase() }, en);
    expect(takenArea.statusCode).toBe(400);
    expect(takenArea.json().errors).toEqual([
      { field: 'name', code: 'errors.areaNameTaken', message: 'Another area has this name' },
    ]);
    const takenTeam = await admin.patch(`/api/admin/teams/${m.team.id}`, { name: m.team.name }, en);
    expect(takenTeam.statusCode).toBe(200);
    const second = await admin.post('/api/admin/teams', {
      name: `${m.team.name.toLowerCase()}`,
      areaId: m.areas[0]!.id,
    });
    expect(second.statusCode).toBe(400);
    expect(second.json().errors.map((e: { field: string; code: string }) => [e.field, e.code])).toEqual([
      ['name', 'errors.teamNameTaken'],
    ]);
    const empty = await admin.post('/api/admin/areas', { name: '   ' });
    expect(empty.json().errors.map((e: { field: string }) => e.field)).toEqual(['name']);
    const names = (await admin.get('/api/admin/areas')).json().items.map((a: { name: string }) => a.name);
    expect(names).toHaveLength(new Set(names.map((n: string) => n.toLowerCase())).size);
  });

  it('refuses a team in another municipality’s area, and renames nothing of another municipality (404)', async () => {
    const since = await lastAuditId(h().db);
    const foreignArea = other.areas[0]!.id;
    const team = await admin.post('/api/admin/teams', { name: `T ${randomUUID()}`, areaId: foreignArea });
    expect(team.statusCode).toBe(400);
    expect(team.json().errors.map((e: { field: string }) => e.field)).toEqual(['areaId']);
    expect((await admin.patch(`/api/admin/areas/${foreignArea}`, { name: 'Taken over' })).statusCode).toBe(
      404,
    );
    expect((await admin.patch(`/api/admin/teams/${other.team.id}`, { name: 'Taken over' })).statusCode).toBe(
      404,
    );
    const otherArea = await h()
      .db.kysely.selectFrom('area')
      .select('name')
      .where('municipality_id', '=', other.municipality.id)
      .where('id', '=', foreignArea)
      .executeTakeFirstOrThrow();
    expect(otherArea.name).toBe(other.areas[0]!.name);
    expect(await auditSince(h().db, m.municipality.id, since)).toEqual([]);
  });

  it('keeps areas and teams administration from team members, team leaders and analysts', async () => {
    const staff = staffOf(m);
    for (const user of [staff.members[0]!, staff.leader, staff.analyst]) {
      const client = await h().signIn(user.username);
      for (const response of [
        await client.get('/api/admin/areas'),
        await client.post('/api/admin/areas', { name: `A ${randomUUID()}` }),
        await client.patch(`/api/admin/areas/${m.areas[0]!.id}`, { name: 'X' }),
        await client.get('/api/admin/teams'),
        await client.post('/api/admin/teams', { name: `T ${randomUUID()}`, areaId: m.areas[0]!.id }),
        await client.patch(`/api/admin/teams/${m.team.id}`, { name: 'X' }),
        await client.delete(`/api/admin/teams/${m.team.id}`),
        await client.delete(`/api/admin/areas/${m.areas[0]!.id}`),
        await client.get('/api/admin/departments'),
      ]) {
        expect(response.statusCode).toBe(403);
      }
    }
    const team = await h()
      .db.kysely.selectFrom('team')
      .select('name')
      .where('municipality_id', '=', m.municipality.id)
      .where('id', '=', m.team.id)
      .executeTakeFirstOrThrow();
    expect(team.name).toBe(m.team.name);
  });

  it('deletes an empty team and then its empty area, confirmed by the lists, and audits each', async () => {
    const since = await lastAuditId(h().db);
    const area = (await admin.post('/api/admin/areas', { name: `Gone ${randomUUID()}` })).json();
    const team = (
      await admin.post('/api/admin/teams', { name: `Gone ${randomUUID()}`, areaId: area.id })
    ).json();
    const areaFirst = await admin.delete(`/api/admin/areas/${area.id}`, en);
    expect(areaFirst.statusCode).toBe(409);
    expect(areaFirst.json()).toMatchObject({
      type: '/problems/area-in-use',
      title: 'The area still has teams or families: move or delete them first',
    });
    const deletedTeam = await admin.delete(`/api/admin/teams/${team.id}`);
    expect(deletedTeam.statusCode, deletedTeam.body).toBe(204);
    expect((await admin.delete(`/api/admin/areas/${area.id}`)).statusCode).toBe(204);
    const ids = async (url: string) =>
      (await admin.get(url)).json().items.map((row: { id: string }) => row.id) as string[];
    expect(await ids('/api/admin/teams')).not.toContain(team.id);
    expect(await ids('/api/admin/areas')).not.toContain(area.id);
    expect((await admin.delete(`/api/admin/teams/${team.id}`)).statusCode).toBe(404);
    const rows = await auditSince(h().db, m.municipality.id, since);
    expect(rows.map((r) => [r.action, r.entity, r.entity_id])).toEqual([
      ['create', 'area', area.id],
      ['create', 'team', team.id],
      ['delete', 'team', team.id],
      ['delete', 'area', area.id],
    ]);
  });

  it('refuses to delete a team that still has an account (a disabled one too) or families, in Danish by default', async () => {
    const area = (await admin.post('/api/admin/areas', { name: `Kept ${randomUUID()}` })).json();
    const team = (
      await admin.post('/api/admin/teams', { name: `Kept ${randomUUID()}`, areaId: area.id })
    ).json();
    const user = (
      await admin.post('/api/admin/users', {
        username: `u_${randomUUID().slice(0, 8)}`,
        displayName: 'Tidligere Medarbejder',
        role: 'team_member',
        teamId: team.id,
        signIn: 'sso',
      })
    ).json();
    const disabled = await admin.post(`/api/admin/users/${user.id}/disable`, { version: user.version });
    expect(disabled.statusCode, disabled.body).toBe(200);
    const withAccount = await admin.delete(`/api/admin/teams/${team.id}`);
    expect(withAccount.statusCode).toBe(409);
    expect(withAccount.json().title).toBe(
      'Teamet har stadig konti eller familier: flyt dem til et andet team først',
    );
    const withFamilies = await admin.delete(`/api/admin/teams/${m.team.id}`);
    expect(withFamilies.statusCode).toBe(409);
    const teams = (await admin.get('/api/admin/teams')).json().items.map((t: { id: string }) => t.id);
    expect(teams).toEqual(expect.arrayContaining([team.id, m.team.id]));
  });

  it('deletes nothing of another municipality (404) and audits nothing there', async () => {
    const since = await lastAuditId(h().db);
    expect((await admin.delete(`/api/admin/areas/${other.areas[0]!.id}`)).statusCode).toBe(404);
    expect((await admin.delete(`/api/admin/teams/${other.team.id}`)).statusCode).toBe(404);
    expect((await admin.delete(`/api/admin/teams/${randomUUID()}`)).statusCode).toBe(404);
    const still = await h()
      .db.kysely.selectFrom('team')
      .select('id')
      .where('municipality_id', '=', other.municipality.id)
      .where('id', '=', other.team.id)
      .executeTakeFirst();
    expect(still).toBeDefined();
    expect(await auditSince(h().db, other.municipality.id, since)).toEqual([]);
  });

  it('of two administrators creating an area or a team of one name at once, one succeeds and the other is told the name is taken', async () => {
    const second = await h().signIn(staffOf(m).admin.username);
    const areaName = `Samtidig ${randomUUID()}`;
    const areas = await Promise.all([
      admin.post('/api/admin/areas', { name: areaName }),
      second.post('/api/admin/areas', { name: areaName.toUpperCase() }),
    ]);
    expect(areas.map((r) => r.statusCode).sort()).toEqual([201, 400]);
    expect(areas.find((r) => r.statusCode === 400)!.json().errors).toMatchObject([
      { field: 'name', code: 'errors.areaNameTaken' },
    ]);
    const teamName = `Samtidig ${randomUUID()}`;
    const teams = await Promise.all([
      admin.post('/api/admin/teams', { name: teamName, areaId: m.areas[0]!.id }),
      second.post('/api/admin/teams', { name: teamName, areaId: m.areas[0]!.id }),
    ]);
    expect(teams.map((r) => r.statusCode).sort()).toEqual([201, 400]);
    expect(teams.find((r) => r.statusCode === 400)!.json().errors).toMatchObject([
      { field: 'name', code: 'errors.teamNameTaken' },
    ]);
  });
});
