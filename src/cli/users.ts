import type { Db } from '../db/client';
import { hashPassword } from '../server/auth/credentials';
import { passwordProblem } from '../server/auth/password-policy';
import { Role } from '../shared/auth/auth.contract';
import { translate } from '../shared/i18n';

/** The CLI's account commands; they return a sentence for the operator. */
export async function createUser(
  db: Db,
  input: {
    municipality: string;
    username: string;
    name: string;
    role: string;
    team?: string;
    password: string;
  },
): Promise<string> {
  const role = Role.safeParse(input.role);
  if (!role.success) return `Unknown role "${input.role}": use ${Role.options.join(', ')}.`;
  const problem = passwordProblem(input.password, input.username);
  if (problem) return `Password refused: ${translate('en', problem)}`;
  const municipality = await db.kysely
    .selectFrom('municipality')
    .select('id')
    .where('name', '=', input.municipality)
    .executeTakeFirst();
  if (!municipality) return `No municipality named "${input.municipality}".`;
  let teamId: string | null = null;
  if (role.data === 'team_member' || role.data === 'team_leader') {
    if (!input.team) return 'Team members and leaders need --team.';
    const team = await db.kysely
      .selectFrom('team')
      .select('id')
      .where('municipality_id', '=', municipality.id)
      .where('name', '=', input.team)
      .executeTakeFirst();
    if (!team) return `No team named "${input.team}" in ${input.municipality}.`;
    teamId = team.id;
  }
  const taken = await db.kysely
    .selectFrom('app_user')
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['username']), '=', input.username.toLowerCase()))
    .executeTakeFirst();
  if (taken) return `The username "${input.username}" is taken.`;
  await db.kysely
    .insertInto('app_user')
    .values({
      municipality_id: municipality.id,
      username: input.username,
      display_name: input.name,
      email: null,
      role: role.data,
      team_id: teamId,
      department_id: null,
      password_hash: await hashPassword(input.password),
    })
    .execute();
  return `Created ${input.username} (${role.data}).`;
}

export async function resetPassword(
  db: Db,
  username: string,
  password: string,
  resetTotp: boolean,
): Promise<string> {
  const problem = passwordProblem(password, username);
  if (problem) return `Password refused: ${translate('en', problem)}`;
  const hash = await hashPassword(password);
  return db.kysely.transaction().execute(async (trx) => {
    const user = await trx
      .updateTable('app_user')
      .set({
        password_hash: hash,
        failed_logins: 0,
        locked_until: null,
        ...(resetTotp ? { totp_secret: null, totp_enabled_at: null, recovery_code_hashes: [] } : {}),
      })
      .where((eb) => eb(eb.fn('lower', ['username']), '=', username.toLowerCase()))
      .returning(['municipality_id', 'id'])
      .executeTakeFirst();
    if (!user) return `No user "${username}".`;
    await trx
      .deleteFrom('user_session')
      .where('municipality_id', '=', user.municipality_id)
      .where('user_id', '=', user.id)
      .execute();
    return `Password set for ${username}${resetTotp ? '; the second factor will be enrolled again' : ''}.`;
  });
}
