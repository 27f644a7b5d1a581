import { sql } from 'kysely';
import type { Db } from '../db/client';
import { isUniqueViolation } from '../db/errors';
import { refreshHouseholdSummary } from '../server/families/families.queries';
import { seedAppointments } from './appointments';
import type { GeneratedMunicipality } from './generate';
import { historyOf } from './history';
import { seedJournal } from './journal';
import { seedMeasures } from './measures';

/** The password of every demo account; the demo municipality has the second factor turned off. */
export const DEMO_PASSWORD = 'staircase-demo';

async function insertChunked<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>, size = 500) {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

export interface SeedOptions {
  demo: boolean;
  passwordHash: string;
  /**
   * Every family of the first team has its baseline (the seed documents' 62 enrolled with
   * baselines); the other teams' families show what a baseline due looks like. Without it,
   * every seventh family's baseline is still due.
   */
  cohortBaselined?: boolean;
}

/** The data would clash with what the database holds; the transaction wrote nothing. */
export class SeedRefusedError extends Error {
  override name = 'SeedRefusedError';
}

const alreadyLoaded = (name: string) =>
  new SeedRefusedError(`The municipality "${name}" is already in the database; nothing was changed.`);

/**
 * Writes a generated municipality in one transaction; demo = second factor off, shown at sign-in.
 * Loading it twice, or over accounts with its usernames, is refused with a sentence for the
 * operator rather than a constraint's name.
 */
export async function seedMunicipality(db: Db, data: GeneratedMunicipality, options: SeedOptions) {
  try {
    await writeMunicipality(db, data, options);
  } catch (error) {
    // Another process loaded it between our check and our insert (PostgreSQL, two starts at once),
    // or a municipality of this name was made another way (create-municipality).
    if (
      isUniqueViolation(error, 'municipality_pkey') ||
      isUniqueViolation(error, 'municipality_name_key') ||
      isUniqueViolation(error, 'app_user_username')
    )
      throw alreadyLoaded(data.municipality.name);
    throw error;
  }
}

async function writeMunicipality(db: Db, data: GeneratedMunicipality, options: SeedOptions) {
  await db.kysely.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom('municipality')
      .select('id')
      .where('id', '=', data.municipality.id)
      .executeTakeFirst();
    if (existing) throw alreadyLoaded(data.municipality.name);
    const usernames = data.users.map((u) => u.username.toLowerCase());
    const taken = await trx
      .selectFrom('app_user')
      .select('username')
      .where(sql<string>`lower(username)`, 'in', usernames)
      .orderBy('username')
      .execute();
    if (taken.length > 0) {
      throw new SeedRefusedError(
        `The usernames ${taken.map((u) => u.username).join(', ')} are taken by existing accounts; nothing was changed.`,
      );
    }
    await trx
      .insertInto('municipality')
      .values({
        ...data.municipality,
        mfa_required: !options.demo,
        demo: options.demo,
        demo_password_hash: options.demo ? options.passwordHash : null,
      })
      .execute();
    await trx.insertInto('area').values(data.areas).execute();
    await trx.insertInto('department').values(data.departments).execute();
    await trx.insertInto('competence_domain').values(data.domains).execute();
    await trx
      .insertInto('team')
      .values([data.team, ...data.otherTeams])
      .execute();
    await trx
      .insertInto('app_user')
      .values(data.users.map((u) => ({ ...u, password_hash: options.passwordHash, email: null })))
      .execute();
    if (data.staffCompetences.length > 0)
      await trx.insertInto('staff_competence').values(data.staffCompetences).execute();
    await insertChunked(data.households, (c) => trx.insertInto('household').values(c).execute());
    await insertChunked(data.persons, (c) => trx.insertInto('person').values(c).execute());
    await insertChunked(data.pairs, (c) => trx.insertInto('pair_assignment').values(c).execute());
    await insertChunked(data.consents, (c) => trx.insertInto('consent').values(c).execute());
    await insertChunked(historyOf(data), (c) => trx.insertInto('change_record').values(c).execute());
    await seedJournal(trx, data);
    await seedMeasures(trx, data, undefined, { cohortBaselined: options.cohortBaselined ?? false });
    await seedAppointments(trx, data);
    // The list columns, for all households at once (the service keeps them per write afterwards).
    await refreshHouseholdSummary(trx, data.municipality.id, null);
  });
}
