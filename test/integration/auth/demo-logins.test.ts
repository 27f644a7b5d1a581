import { expect, it } from 'vitest';
import { createUser, resetPassword } from '../../../src/cli/users';
import { demoLogins } from '../../../src/server/auth/auth.queries';
import { describeEachDatabase, TEST_PASSWORD } from '../../support/harness';

describeEachDatabase('the demo logins shown at sign-in', (h) => {
  it('lists only the accounts that still open with the demo password', async () => {
    const m = await h().municipality();
    const prefix = m.users[0]!.username.split('_')[0]!;
    const listed = async () =>
      (await demoLogins(h().db.kysely, 100_000))
        .map((l) => l.username)
        .filter((u) => u.startsWith(`${prefix}_`))
        .sort();
    const seeded = m.users.map((u) => u.username).sort();
    expect(await listed()).toEqual(seeded);

    const changed = m.users.find((u) => u.role === 'team_member')!;
    expect(await resetPassword(h().db, changed.username, 'amber violin tundra seven', false)).toMatchObject({
      ok: true,
    });
    const added = `${prefix}_newcomer`;
    const created = await createUser(h().db, {
      municipality: m.municipality.name,
      username: added,
      name: 'New Comer',
      role: 'analyst',
      password: 'quiet meadow copper kettle',
    });
    expect(created).toMatchObject({ ok: true });

    expect(await listed()).toEqual(seeded.filter((u) => u !== changed.username));
    // Every account still listed signs in with the password the list is shown with.
    const still = seeded.find((u) => u !== changed.username)!;
    await expect(h().signIn(still, TEST_PASSWORD)).resolves.toBeDefined();
  });
});
