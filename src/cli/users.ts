import type { Db } from '../db/client';
import { findMunicipalitiesByName, findTeamByName, findUserByUsername } from '../server/admin/users.queries';
import { createAccount, setAccountPassword } from '../server/admin/users.service';
import { passwordProblem } from '../server/auth/password-policy';
import { AppError } from '../server/http/problem';
import type { AuditActor } from '../server/plugins/audit';
import { CreateUser, needsTeam } from '../shared/admin/users.contract';
import { Role } from '../shared/auth/auth.contract';
import { translate } from '../shared/i18n';

/**
 * The CLI's account commands: the same account service as the administrator's web pages, so the
 * rules and the audit record are the same. The audit record names no user: its actor is the
 * command line. They return a sentence for the operator, and whether it was done: the exit code
 * follows `ok`, never the wording of the sentence.
 */
export interface CommandResult {
  ok: boolean;
  message: string;
}

const done = (message: string): CommandResult => ({ ok: true, message });
const refused = (message: string): CommandResult => ({ ok: false, message });

const commandLine = (municipalityId: string): AuditActor => ({
  userId: null,
  municipalityId,
  role: 'command_line',
});

/** An AppError as a sentence in English ("username: The username is taken"). */
function refusal(error: unknown): string {
  if (!(error instanceof AppError)) throw error;
  const password = error.fields.find((f) => f.field === 'password');
  if (password) return `Password refused: ${translate('en', password.key)}`;
  const taken = error.fields.find((f) => f.key === 'errors.usernameTaken');
  if (taken) return 'The username is taken.';
  if (error.fields.length === 0) return `Refused: ${translate('en', error.titleKey)}.`;
  return `Refused: ${error.fields.map((f) => `${f.field}: ${translate('en', f.key)}`).join('; ')}.`;
}

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
): Promise<CommandResult> {
  const role = Role.safeParse(input.role);
  if (!role.success) return refused(`Unknown role "${input.role}": use ${Role.options.join(', ')}.`);
  const problem = passwordProblem(input.password, {
    username: input.username,
    names: [input.name, input.municipality],
  });
  if (problem) return refused(`Password refused: ${translate('en', problem)}`);
  const [municipality, another] = await findMunicipalitiesByName(db.kysely, input.municipality);
  if (!municipality) return refused(`No municipality named "${input.municipality}".`);
  if (another) return refused(`More than one municipality is named "${input.municipality}" (in some case).`);
  let teamId: string | null = null;
  if (needsTeam(role.data)) {
    if (!input.team) return refused('Team members and leaders need --team.');
    const team = await findTeamByName(db.kysely, municipality.id, input.team);
    if (!team) return refused(`No team named "${input.team}" in ${input.municipality}.`);
    teamId = team.id;
  }
  const parsed = CreateUser.safeParse({
    username: input.username,
    displayName: input.name,
    role: role.data,
    teamId,
    signIn: 'password',
    password: input.password,
  });
  if (!parsed.success) {
    return refused(
      `Refused: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${translate('en', i.message)}`).join('; ')}.`,
    );
  }
  try {
    await createAccount(db.kysely, commandLine(municipality.id), parsed.data);
  } catch (error) {
    const sentence = refusal(error);
    return refused(
      sentence === 'The username is taken.' ? `The username "${input.username}" is taken.` : sentence,
    );
  }
  return done(`Created ${input.username} (${role.data}).`);
}

/** Sets a new password and ends the account's sessions; `resetTotp` makes them enrol again. */
export async function resetPassword(
  db: Db,
  username: string,
  password: string,
  resetTotp: boolean,
): Promise<CommandResult> {
  // The person's and the municipality's names are checked too, by setAccountPassword.
  const problem = passwordProblem(password, { username });
  if (problem) return refused(`Password refused: ${translate('en', problem)}`);
  const user = await findUserByUsername(db.kysely, username);
  if (!user) return refused(`No user "${username}".`);
  const by = commandLine(user.municipality_id);
  try {
    await setAccountPassword(db.kysely, by, user.id, null, password, resetTotp);
  } catch (error) {
    return refused(refusal(error));
  }
  return done(
    `Password set for ${username}${resetTotp ? '; the second factor will be enrolled again' : ''}.`,
  );
}
