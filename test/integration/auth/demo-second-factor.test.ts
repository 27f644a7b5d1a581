import { expect, it } from 'vitest';
import { saveSettings } from '../../support/factories';
import { describeEachDatabase } from '../../support/harness';

describeEachDatabase('the demo notice’s second factor in /api/auth/config', (h) => {
  const config = async () => (await h().app.inject({ method: 'GET', url: '/api/auth/config' })).json();

  it('says the second factor is off in the demo until an administrator turns it on in Settings', async () => {
    const m = await h().municipality(); // a demo: second factor off
    // PostgreSQL's test database is shared by the run's files, where another file may have turned
    // the second factor on in its own demo municipality; PGlite's is this file's alone.
    if (h().kind === 'pglite')
      expect(await config()).toMatchObject({ demo: true, demoSecondFactorOff: true });

    const admin = await h().signIn(m.users.find((u) => u.role === 'administrator')!.username);
    expect((await saveSettings(admin, { mfaRequired: true })).statusCode).toBe(200);
    expect(await config()).toMatchObject({ demo: true, demoSecondFactorOff: false });
  });
});
