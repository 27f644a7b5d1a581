import type { Q, Trx } from '../../db/queryable';
import { sameTenant } from '../../db/tenant-join';
import type { Dream, Goal, PlanChange, PlanContent } from '../../shared/plans/plans.contract';
import { familyRows } from '../access/family-scope';
import * as sample from '../snapshot-samples';

/*
 * The family's plan (decision 0039): dreams and goals as they stand, and the numbered versions
 * (the whole plan after each change, and the change). Writes run in the family route's
 * transaction, which holds the household row, so reading the current version and writing the
 * next cannot interleave with another writer of the same family.
 */

/** The family's members as the plan names them, with their languages. */
export function planPeople(db: Q, municipalityId: string, familyId: string) {
  return familyRows(db, 'person', municipalityId, familyId)
    .select(['id', 'first_name', 'last_name', 'languages'])
    .orderBy('birth_date')
    .orderBy('id')
    .execute();
}

/** The family's reference and its current pair with their work phones, in the pair's order. */
export function planHeader(db: Q, municipalityId: string, familyId: string) {
  return db
    .selectFrom('household as h')
    .leftJoin('pair_assignment as p', (j) =>
      sameTenant(j, 'p.household_id', 'h.id').on('p.ended_at', 'is', null),
    )
    .leftJoin('app_user as a', (j) => sameTenant(j, 'a.id', 'p.first_member_id'))
    .leftJoin('app_user as b', (j) => sameTenant(j, 'b.id', 'p.second_member_id'))
    .select([
      'h.reference',
      'a.id as first_id',
      'a.display_name as first_name',
      'a.work_phone as first_phone',
      'b.id as second_id',
      'b.display_name as second_name',
      'b.work_phone as second_phone',
    ])
    .where('h.municipality_id', '=', municipalityId)
    .where('h.id', '=', familyId)
    .executeTakeFirst();
}

export function familyDreams(db: Q, municipalityId: string, familyId: string) {
  return familyRows(db, 'plan_dream', municipalityId, familyId)
    .select(['id', 'person_id', 'words', 'language', 'danish'])
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export function familyGoals(db: Q, municipalityId: string, familyId: string) {
  return familyRows(db, 'plan_goal', municipalityId, familyId)
    .select(['id', 'domain_id', 'words', 'priority', 'agreed_on', 'agreed_by_person_ids'])
    .orderBy('priority')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** The plan's content in the contract's shape: what the API sends and a version stores. */
export async function planContent(db: Q, municipalityId: string, familyId: string): Promise<PlanContent> {
  // One after the other: a transaction's connection runs one query at a time (one-query-at-a-time.ts).
  const dreams = await familyDreams(db, municipalityId, familyId);
  const goals = await familyGoals(db, municipalityId, familyId);
  return {
    dreams: dreams.map(
      (d): Dream => ({
        id: d.id,
        personId: d.person_id,
        words: d.words,
        language: d.language,
        danish: d.danish,
      }),
    ),
    goals: goals.map(
      (g): Goal => ({
        id: g.id,
        domainId: g.domain_id,
        words: g.words,
        priority: g.priority,
        agreedOn: g.agreed_on,
        agreedByPersonIds: g.agreed_by_person_ids,
      }),
    ),
  };
}

/** The family's current plan version: 0 before anything was written. */
export async function currentPlanVersion(db: Q, municipalityId: string, familyId: string) {
  const row = await familyRows(db, 'plan_version', municipalityId, familyId)
    .select((eb) => eb.fn.max('version').as('version'))
    .executeTakeFirst();
  return Number(row?.version ?? 0);
}

function versionSelect(db: Q, municipalityId: string, familyId: string) {
  return db
    .selectFrom('plan_version as v')
    .innerJoin('app_user as u', (j) => sameTenant(j, 'u.id', 'v.changed_by'))
    .select(['v.version', 'v.changes', 'v.changed_at', 'v.changed_by', 'u.display_name as changed_by_name'])
    .where('v.municipality_id', '=', municipalityId)
    .where('v.household_id', '=', familyId);
}

/** Every version of the family's plan, newest first, with what changed (not the whole plans). */
export function planVersions(db: Q, municipalityId: string, familyId: string) {
  return versionSelect(db, municipalityId, familyId).orderBy('v.version', 'desc').execute();
}

/** One version of the family's plan, with the plan as it then stood. */
export function planVersion(db: Q, municipalityId: string, familyId: string, version: number) {
  return versionSelect(db, municipalityId, familyId)
    .select('v.snapshot')
    .where('v.version', '=', version)
    .executeTakeFirst();
}

/** Writes version N: the plan after the change, and the change. */
export function insertPlanVersion(
  trx: Trx,
  v: {
    municipalityId: string;
    familyId: string;
    version: number;
    snapshot: PlanContent;
    changes: PlanChange[];
    by: string;
  },
) {
  return trx
    .insertInto('plan_version')
    .values({
      municipality_id: v.municipalityId,
      household_id: v.familyId,
      version: v.version,
      snapshot: JSON.stringify(v.snapshot),
      changes: JSON.stringify(v.changes),
      changed_by: v.by,
    })
    .execute();
}

export function insertDream(
  trx: Trx,
  v: {
    municipalityId: string;
    familyId: string;
    personId: string;
    words: string;
    language: string;
    danish: string | null;
  },
) {
  return trx
    .insertInto('plan_dream')
    .values({
      municipality_id: v.municipalityId,
      household_id: v.familyId,
      person_id: v.personId,
      words: v.words,
      language: v.language,
      danish: v.danish,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export function updateDream(
  trx: Trx,
  municipalityId: string,
  dreamId: string,
  change: { words?: string; language?: string; danish?: string | null },
) {
  return trx
    .updateTable('plan_dream')
    .set(change)
    .where('municipality_id', '=', municipalityId)
    .where('id', '=', dreamId)
    .execute();
}

export function deleteDream(trx: Trx, municipalityId: string, dreamId: string) {
  return trx
    .deleteFrom('plan_dream')
    .where('municipality_id', '=', municipalityId)
    .where('id', '=', dreamId)
    .execute();
}

export function insertGoal(
  trx: Trx,
  v: {
    municipalityId: string;
    familyId: string;
    domainId: string;
    words: string;
    priority: number;
    agreedOn: string | null;
    agreedByPersonIds: string[];
  },
) {
  return trx
    .insertInto('plan_goal')
    .values({
      municipality_id: v.municipalityId,
      household_id: v.familyId,
      domain_id: v.domainId,
      words: v.words,
      priority: v.priority,
      agreed_on: v.agreedOn,
      agreed_by_person_ids: v.agreedByPersonIds,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export function updateGoal(
  trx: Trx,
  municipalityId: string,
  goalId: string,
  change: {
    domain_id?: string;
    words?: string;
    priority?: number;
    agreed_on?: string | null;
    agreed_by_person_ids?: string[];
  },
) {
  return trx
    .updateTable('plan_goal')
    .set(change)
    .where('municipality_id', '=', municipalityId)
    .where('id', '=', goalId)
    .execute();
}

/** Removes a goal; the tasks that served it stay, no longer linked to a goal. */
export async function deleteGoal(trx: Trx, municipalityId: string, goalId: string) {
  await trx
    .updateTable('task')
    .set({ goal_id: null })
    .where('municipality_id', '=', municipalityId)
    .where('goal_id', '=', goalId)
    .execute();
  await trx
    .deleteFrom('plan_goal')
    .where('municipality_id', '=', municipalityId)
    .where('id', '=', goalId)
    .execute();
}

export const snapshotCases: sample.SnapshotCases<typeof import('./plan.queries')> = {
  planPeople: [{ run: (db) => planPeople(db, sample.MUNICIPALITY, sample.FAMILY) }],
  planHeader: [{ run: (db) => planHeader(db, sample.MUNICIPALITY, sample.FAMILY) }],
  familyDreams: [{ run: (db) => familyDreams(db, sample.MUNICIPALITY, sample.FAMILY) }],
  familyGoals: [{ run: (db) => familyGoals(db, sample.MUNICIPALITY, sample.FAMILY) }],
  planContent: [{ run: (db) => planContent(db, sample.MUNICIPALITY, sample.FAMILY) }],
  currentPlanVersion: [{ run: (db) => currentPlanVersion(db, sample.MUNICIPALITY, sample.FAMILY) }],
  planVersions: [{ run: (db) => planVersions(db, sample.MUNICIPALITY, sample.FAMILY) }],
  planVersion: [{ run: (db) => planVersion(db, sample.MUNICIPALITY, sample.FAMILY, 2) }],
  insertPlanVersion: [
    {
      run: sample.inTransaction((trx) =>
        insertPlanVersion(trx, {
          municipalityId: sample.MUNICIPALITY,
          familyId: sample.FAMILY,
          version: 1,
          snapshot: { dreams: [], goals: [] },
          changes: [],
          by: sample.USER,
        }),
      ),
    },
  ],
  insertDream: [
    {
      run: sample.inTransaction((trx) =>
        insertDream(trx, {
          municipalityId: sample.MUNICIPALITY,
          familyId: sample.FAMILY,
          personId: sample.COLLEAGUE,
          words: 'words',
          language: 'ar',
          danish: null,
        }),
      ),
    },
  ],
  updateDream: [
    {
      run: sample.inTransaction((trx) =>
        updateDream(trx, sample.MUNICIPALITY, sample.COLLEAGUE, { words: 'w' }),
      ),
    },
  ],
  deleteDream: [
    { run: sample.inTransaction((trx) => deleteDream(trx, sample.MUNICIPALITY, sample.COLLEAGUE)) },
  ],
  insertGoal: [
    {
      run: sample.inTransaction((trx) =>
        insertGoal(trx, {
          municipalityId: sample.MUNICIPALITY,
          familyId: sample.FAMILY,
          domainId: sample.COLLEAGUE,
          words: 'words',
          priority: 1,
          agreedOn: null,
          agreedByPersonIds: [],
        }),
      ),
    },
  ],
  updateGoal: [
    {
      run: sample.inTransaction((trx) =>
        updateGoal(trx, sample.MUNICIPALITY, sample.COLLEAGUE, { priority: 2 }),
      ),
    },
  ],
  deleteGoal: [
    { run: sample.inTransaction((trx) => deleteGoal(trx, sample.MUNICIPALITY, sample.COLLEAGUE)) },
  ],
};
