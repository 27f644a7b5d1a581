import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema';
import type { UpdateSettings } from '../../shared/admin/settings.contract';

type Q = Kysely<Database> | Transaction<Database>;

export function findSettings(db: Q, municipalityId: string) {
  return db
    .selectFrom('municipality')
    .select(['mfa_required', 'break_glass_minutes'])
    .where('id', '=', municipalityId)
    .executeTakeFirstOrThrow();
}

export async function updateSettings(db: Q, municipalityId: string, changes: UpdateSettings) {
  if (changes.mfaRequired === undefined && changes.breakGlassMinutes === undefined) {
    return findSettings(db, municipalityId);
  }
  return db
    .updateTable('municipality')
    .set({
      ...(changes.mfaRequired === undefined ? {} : { mfa_required: changes.mfaRequired }),
      ...(changes.breakGlassMinutes === undefined ? {} : { break_glass_minutes: changes.breakGlassMinutes }),
    })
    .where('id', '=', municipalityId)
    .returning(['mfa_required', 'break_glass_minutes'])
    .executeTakeFirstOrThrow();
}
