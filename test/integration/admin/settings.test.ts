import { describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../../support/harness';

describeEachDatabase('municipality settings', (h) => {
  it('lets the administrator turn the second factor on, which sends the next sign-in to enrolment', async () => {
    const m = await h().municipality(); // demo-like: second factor off
    const admin = await h().signIn(m.users.find((u) => u.role === 'administrator')!.username);
    expect((await admin.get('/api/admin/settings')).json()).toEqual({
      mfaRequired: false,
      breakGlassMinutes: 60,
      breakGlassDailyLimit: 3,
      version: 1,
    });

    const saved = await admin.put('/api/admin/settings', {
      version: 1,
      mfaRequired: true,
      breakGlassMinutes: 30,
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toEqual({
      mfaRequired: true,
      breakGlassMinutes: 30,
      breakGlassDailyLimit: 3,
      version: 2,
    });

    const login = await h().app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: m.users[1]!.username, password: 'correct horse battery staple' },
    });
    expect(login.json()).toEqual({ stage: 'enrol' });

    const audited = await h()
      .db.kysely.selectFrom('audit_event')
      .select(['action', 'entity', 'fields'])
      .where('municipality_id', '=', m.municipality.id)
      .where('entity', '=', 'municipality')
      .execute();
    expect(audited).toEqual([
      { action: 'update', entity: 'municipality', fields: ['mfaRequired', 'breakGlassMinutes'] },
    ]);
  });

  it('refuses a break-the-glass duration out of range, naming the field, and changes nothing', async () => {
    const m = await h().municipality();
    const admin = await h().signIn(m.users.find((u) => u.role === 'administrator')!.username);
    const response = await admin.put(
      '/api/admin/settings',
      { version: 1, breakGlassMinutes: 2 },
      { 'accept-language': 'en' },
    );
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([
      {
        field: 'breakGlassMinutes',
        code: 'errors.breakGlassMinutes',
        message: 'Must be between 5 and 1440 minutes',
      },
    ]);
    expect((await admin.get('/api/admin/settings')).json().breakGlassMinutes).toBe(60);
  });

  it('asks for a whole number when the break-the-glass minutes are not a number, and changes nothing', async () => {
    const m = await h().municipality();
    const admin = await h().signIn(m.users.find((u) => u.role === 'administrator')!.username);
    const response = await admin.put('/api/admin/settings', { version: 1, breakGlassMinutes: 'abc' });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([
      { field: 'breakGlassMinutes', code: 'errors.wholeNumber', message: 'Skriv et helt tal' },
    ]);
    expect((await admin.get('/api/admin/settings')).json().breakGlassMinutes).toBe(60);
  });

  it('keeps the settings from team leaders, team members and analysts', async () => {
    const m = await h().municipality();
    for (const role of ['team_leader', 'team_member', 'analyst'] as const) {
      const client = await h().signIn(m.users.find((u) => u.role === role)!.username);
      expect((await client.get('/api/admin/settings')).statusCode).toBe(403);
      expect((await client.put('/api/admin/settings', { version: 1, mfaRequired: false })).statusCode).toBe(
        403,
      );
    }
  });

  describe('two administrators at once', () => {
    const admins = async () => {
      const m = await h().municipality();
      const username = m.users.find((u) => u.role === 'administrator')!.username;
      return { m, first: await h().signIn(username), second: await h().signIn(username) };
    };
    const auditedChanges = async (municipalityId: string) =>
      (
        await h()
          .db.kysely.selectFrom('audit_event')
          .select('fields')
          .where('municipality_id', '=', municipalityId)
          .where('entity', '=', 'municipality')
          .execute()
      ).map((r) => r.fields);

    it('refuses a save from a stale page: 409 naming version, translated, the other’s settings kept and nothing audited for it', async () => {
      const { m, first, second } = await admins();
      const { version } = (await first.get('/api/admin/settings')).json();
      expect((await second.get('/api/admin/settings')).json().version).toBe(version);

      // Not the second factor: requiring it would end the second administrator's password-only session.
      expect((await first.put('/api/admin/settings', { version, breakGlassMinutes: 30 })).statusCode).toBe(
        200,
      );
      const stale = await second.put(
        '/api/admin/settings',
        { version, mfaRequired: true, breakGlassMinutes: 15 },
        { 'accept-language': 'en' },
      );
      expect(stale.statusCode).toBe(409);
      expect(stale.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(stale.json()).toMatchObject({
        type: '/problems/conflict',
        title: 'This conflicts with the saved data',
        errors: [
          {
            field: 'version',
            code: 'errors.versionConflict',
            message: 'Someone changed this meanwhile – reload and try again',
          },
        ],
      });
      expect((await second.get('/api/admin/settings')).json()).toEqual({
        mfaRequired: false,
        breakGlassMinutes: 30,
        breakGlassDailyLimit: 3,
        version: version + 1,
      });
      expect(await auditedChanges(m.municipality.id)).toEqual([['breakGlassMinutes']]);

      // Reloaded, the second administrator saves on top of the first one's change.
      const reloaded = (await second.get('/api/admin/settings')).json();
      const saved = await second.put('/api/admin/settings', {
        version: reloaded.version,
        breakGlassMinutes: 15,
      });
      expect(saved.json()).toEqual({
        mfaRequired: false,
        breakGlassMinutes: 15,
        breakGlassDailyLimit: 3,
        version: version + 2,
      });
    });

    it('of two saves from one version at once, one is saved and the other refused with 409', async () => {
      const { first, second } = await admins();
      const { version } = (await first.get('/api/admin/settings')).json();
      const results = await Promise.all([
        first.put('/api/admin/settings', { version, breakGlassMinutes: 20 }),
        second.put('/api/admin/settings', { version, breakGlassMinutes: 40 }),
      ]);
      expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
      const winner = results.find((r) => r.statusCode === 200)!.json();
      expect((await first.get('/api/admin/settings')).json()).toEqual({ ...winner, version: version + 1 });
    });

    it('requires the version the page was loaded with, and changes nothing without it', async () => {
      const { first } = await admins();
      const response = await first.put('/api/admin/settings', { mfaRequired: true });
      expect(response.statusCode).toBe(400);
      expect(response.json().errors).toEqual([
        { field: 'version', code: 'errors.required', message: 'Skal udfyldes' },
      ]);
      expect((await first.get('/api/admin/settings')).json()).toMatchObject({
        mfaRequired: false,
        version: 1,
      });
    });
  });
});
