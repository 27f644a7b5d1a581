import type { Q } from '../../db/queryable';
import * as sample from '../snapshot-samples';

/** The municipality's listed origins, in the order they were added. */
export function listAllowedOrigins(db: Q, municipalityId: string) {
  return db
    .selectFrom('allowed_origin')
    .select(['id', 'origin', 'added_at'])
    .where('municipality_id', '=', municipalityId)
    .orderBy('added_at')
    .orderBy('origin')
    .execute();
}

/** Every municipality's listed origins: the Origin check's cache (http/origins.ts); a short list. */
export function allAllowedOrigins(db: Q) {
  return db.selectFrom('allowed_origin').select(['municipality_id', 'origin']).execute();
}

export function insertAllowedOrigin(db: Q, municipalityId: string, origin: string, addedBy: string) {
  return db
    .insertInto('allowed_origin')
    .values({ municipality_id: municipalityId, origin, added_by: addedBy })
    .returning(['id', 'origin', 'added_at'])
    .executeTakeFirstOrThrow();
}

/** Removes one listed origin; the number of rows removed says whether it was there. */
export async function deleteAllowedOrigin(db: Q, municipalityId: string, id: string) {
  const result = await db
    .deleteFrom('allowed_origin')
    .where('municipality_id', '=', municipalityId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * The SQL snapshot of this module (origins.queries.sql, `npm run sql:snapshot`): each query called with
 * sample values (snapshot-samples.ts), once per branch worth seeing.
 */
export const snapshotCases: sample.SnapshotCases<typeof import('./origins.queries')> = {
  listAllowedOrigins: [{ run: (db) => listAllowedOrigins(db, sample.MUNICIPALITY) }],
  allAllowedOrigins: [{ run: (db) => allAllowedOrigins(db) }],
  insertAllowedOrigin: [
    {
      run: (db) => insertAllowedOrigin(db, sample.MUNICIPALITY, 'https://staircase.example.dk', sample.USER),
    },
  ],
  deleteAllowedOrigin: [{ run: (db) => deleteAllowedOrigin(db, sample.MUNICIPALITY, sample.AREA) }],
};
