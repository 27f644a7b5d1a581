import { sql } from 'kysely';
import type { Q } from '../../db/queryable';
import type { UpdateSettings } from '../../shared/admin/settings.contract';
import * as sample from '../snapshot-samples';

/** The settings' columns, as every query of them reads and returns them. */
const COLUMNS = ['mfa_required', 'break_glass_minutes', 'break_glass_daily_limit', 'version'] as const;

const settingsRow = (db: Q, municipalityId: string) =>
  db.selectFrom('municipality').select(COLUMNS).where('id', '=', municipalityId);

export function findSettings(db: Q, municipalityId: string) {
  return settingsRow(db, municipalityId).executeTakeFirstOrThrow();
}

/** The settings, with the municipality's row locked until the transaction ends (a save compares its version). */
export function lockSettings(db: Q, municipalityId: string) {
  return settingsRow(db, municipalityId).forUpdate().executeTakeFirstOrThrow();
}

/** Writes the settings sent and counts the version up; nothing sent, nothing written. The caller holds the lock (lockSettings). */
export async function updateSettings(
  db: Q,
  municipalityId: string,
  changes: Omit<UpdateSettings, 'version'>,
) {
  if (
    changes.mfaRequired === undefined &&
    changes.breakGlassMinutes === undefined &&
    changes.breakGlassDailyLimit === undefined
  ) {
    return findSettings(db, municipalityId);
  }
  return db
    .updateTable('municipality')
    .set({
      ...(changes.mfaRequired === undefined ? {} : { mfa_required: changes.mfaRequired }),
      ...(changes.breakGlassMinutes === undefined ? {} : { break_glass_minutes: changes.breakGlassMinutes }),
      ...(changes.breakGlassDailyLimit === undefined
        ? {}
        : { break_glass_daily_limit: changes.breakGlassDailyLimit }),
      version: sql<number>`version + 1`,
    })
    .where('id', '=', municipalityId)
    .returning(COLUMNS)
    .executeTakeFirstOrThrow();
}

/**
 * The SQL snapshot of this module (settings.queries.sql, `npm run sql:snapshot`): each query called with
 * sample values (snapshot-samples.ts), once per branch worth seeing.
 */
export const snapshotCases: sample.SnapshotCases<typeof import('./settings.queries')> = {
  findSettings: [{ run: (db) => findSettings(db, sample.MUNICIPALITY) }],
  lockSettings: [{ run: (db) => lockSettings(db, sample.MUNICIPALITY) }],
  updateSettings: [
    {
      variant: 'both settings',
      run: (db) => updateSettings(db, sample.MUNICIPALITY, { mfaRequired: true, breakGlassMinutes: 30 }),
    },
  ],
};
