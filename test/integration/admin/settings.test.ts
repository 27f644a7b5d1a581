import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../support/harness';

describeEachDatabase('municipality settings', (h) => {
  it('lets the administrator turn the second factor on, which sends the next sign-in to enrolment', async () => {
    const m = await h().municipality(); // demo-like: second factor off
    const admin = await h().signIn(m.users.find((u) => u.role === 'administrator')!.username);
    expect((await admin.get('/api/admin/settings')).json()).toEqual({
      mfaRequired: false,
      breakGlassMinutes: 60,
    });

    const saved = await admin.put('/api/admin/settings', { mfaRequired: true, breakGlassMinutes: 30 });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toEqual({ mfaRequired: true, breakGlassMinutes: 30 });

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
      { breakGlassMinutes: 2 },
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
    const response = await admin.put('/api/admin/settings', { breakGlassMinutes: 'abc' });
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
      expect((await client.put('/api/admin/settings', { mfaRequired: false })).statusCode).toBe(403);
    }
  });
});
