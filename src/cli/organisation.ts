import type { Db } from '../db/client';
import { isUniqueViolation } from '../db/errors';
import { insertArea, insertMunicipality, insertTeam } from '../server/admin/organisation.queries';
import { findMunicipalitiesByName } from '../server/admin/users.queries';
import { type AuditActor, audit } from '../server/plugins/audit';
import { DepartmentCode, DomainCode } from '../shared/team/team.contract';
import type { CommandResult } from './users';

const MAX_NAME = 100;

/**
 * `staircase create-municipality`: a new installation's first municipality, with the five
 * departments the model's team comes from, and optionally its first area and team — what an
 * operator did with SQL before. One transaction; the audit record's actor is the command line.
 * Everything after it (accounts, more areas and teams) the first administrator does in the web app.
 */
export async function createMunicipality(
  db: Db,
  input: { name: string; area?: string | undefined; team?: string | undefined },
): Promise<CommandResult> {
  const name = input.name.trim();
  const area = input.area?.trim();
  const team = input.team?.trim();
  for (const [label, value] of [
    ['The municipality', name],
    ['The area', area],
    ['The team', team],
  ] as const) {
    if (value === '') return { ok: false, message: `${label}'s name is empty.` };
    if (value && value.length > MAX_NAME)
      return { ok: false, message: `${label}'s name is longer than ${MAX_NAME} characters.` };
    // A line break or another control character in a name would break every list it is in.
    if (value && /\p{Cc}/u.test(value))
      return { ok: false, message: `${label}'s name has a line break or another control character.` };
  }
  if (team && !area) return { ok: false, message: 'A team belongs to an area: give --area too.' };
  const taken: CommandResult = {
    ok: false,
    message: `A municipality named "${name}" already exists; nothing was changed.`,
  };
  try {
    return await insertAll(db, name, area, team, taken);
  } catch (error) {
    // Another command created one of this name between our check and our insert.
    if (isUniqueViolation(error, 'municipality_name_key')) return taken;
    throw error;
  }
}

function insertAll(
  db: Db,
  name: string,
  area: string | undefined,
  team: string | undefined,
  taken: CommandResult,
): Promise<CommandResult> {
  return db.kysely.transaction().execute(async (trx) => {
    if ((await findMunicipalitiesByName(trx, name)).length > 0) return taken;
    const municipality = await insertMunicipality(trx, name, DepartmentCode.options, DomainCode.options);
    const operator: AuditActor = { userId: null, municipalityId: municipality.id, role: 'command_line' };
    const created = async (entity: string, entityId: string, fields: string[]) =>
      audit(trx, operator, { action: 'create', entity, entityId, fields, purpose: 'administration' });
    await created('municipality', municipality.id, ['name', 'departments']);
    // The area and team audited as the web app audits them, each under its own id.
    if (area) {
      const areaRow = await insertArea(trx, municipality.id, area);
      await created('area', areaRow.id, ['name']);
      if (team) {
        const teamRow = await insertTeam(trx, municipality.id, areaRow.id, team);
        await created('team', teamRow.id, ['name', 'areaId']);
      }
    }
    const made = [area && `area "${area}"`, team && `team "${team}"`].filter(Boolean).join(' and ');
    return {
      ok: true,
      message:
        `Created the municipality "${name}" with its ${DepartmentCode.options.length} departments` +
        `${made ? `, ${made}` : ''}. Next, its first administrator: npx staircase create-user ` +
        '--municipality <this name> --username <username> --name <full name> --role administrator',
    };
  });
}
