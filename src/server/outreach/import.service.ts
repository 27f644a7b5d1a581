import type { Db } from '../../db/client';
import { today } from '../../shared/common/today';
import { livesInArea } from '../../shared/outreach/eligibility';
import { REQUIRED_COLUMNS } from '../../shared/outreach/import-format';
import { refreshHouseholdSummary } from '../families/families.queries';
import type { Actor } from '../http/access';
import { audit } from '../plugins/audit';
import {
  analyzePlaces,
  analyzeRows,
  countPreview,
  deleteRows,
  ensurePlaces,
  insertNewHouseholds,
  insertRows,
  jobAddresses,
  jobHouseholds,
  judgeJobHouseholds,
  lockJob,
  lockMunicipalityImports,
  matchRows,
  updateJob,
  updateMatchedHouseholds,
  writeMatchedPersons,
} from './import.queries';
import { ImportFileError, readRegisterFile } from './import.read';
import { type CheckedRow, checkRow } from './import.row';
import { ruleOfArea } from './outreach.rules';

/*
 * The import's two long steps, run on the server (decision 0041): receiving the file (read,
 * checked and stored row by row as it streams in, then matched for the preview) and committing
 * it (one transaction: all or nothing). Progress is on the job row while receiving and in this
 * process's memory while committing (the commit's own writes are invisible until it ends), so
 * a closed tab loses nothing and another tab sees how far it has come.
 */

export const BATCH_ROWS = 1000;
/** A register extract of a whole municipality is far below this; a larger upload is refused. */
export const MAX_IMPORT_BYTES = 300 * 1024 * 1024;

/** Households written so far by each running commit, by job id. */
export const commitProgress = new Map<string, number>();

/**
 * Told how long each step took (bench/import.ts reports them); the app passes nothing. A step
 * `beside` others ran while the read went on, so its time is not added to the total.
 */
export type StepTimer = (step: string, ms: number, beside?: boolean) => void;

async function timed<T>(
  steps: StepTimer | undefined,
  step: string,
  work: () => Promise<T>,
  beside = false,
): Promise<T> {
  if (!steps) return work();
  const t0 = performance.now();
  try {
    return await work();
  } finally {
    steps(step, performance.now() - t0, beside);
  }
}

export async function receiveFile(
  db: Db,
  actor: Actor,
  jobId: string,
  input: AsyncIterable<Buffer | string>,
  steps?: StepTimer,
): Promise<void> {
  const k = db.kysely;
  const m = actor.municipalityId;
  let bytes = 0;
  let reportedBytes = 0;
  let rows = 0;
  const day = today();
  let batch: CheckedRow[] = [];
  // One batch is written while the next is read and checked: the database and this process work
  // at the same time (on PostgreSQL; PGlite shares the thread). At most one write is in flight, so
  // memory stays at two batches; its failure is thrown at the next flush.
  let writing: Promise<void> = Promise.resolve();
  const flush = async () => {
    await timed(steps, 'waiting for the database', () => writing);
    if (batch.length === 0) return;
    const rowsOfBatch = batch;
    const progress = { bytes_read: bytes, row_count: rows };
    batch = [];
    writing = timed(
      steps,
      'insert rows',
      async () => {
        await insertRows(k, m, jobId, rowsOfBatch);
        await updateJob(k, m, jobId, progress);
        reportedBytes = progress.bytes_read;
      },
      true,
    );
    writing.catch(() => {}); // awaited (and thrown) at the next flush
  };
  const seen: { shape: { format: string; extra: string[]; missing: string[] } | null; saved: boolean } = {
    shape: null,
    saved: false,
  };
  try {
    const reader = readRegisterFile(
      input,
      (shape) => {
        const missing = REQUIRED_COLUMNS.filter((c) => !shape.columns.includes(c));
        seen.shape = { format: shape.format, extra: shape.extraColumns, missing };
        if (missing.length > 0) throw new ImportFileError('missingColumns');
      },
      {
        onBytes: (n) => {
          bytes = n;
          if (n > MAX_IMPORT_BYTES) throw new ImportFileError('tooLarge');
        },
      },
    );
    for await (const row of reader) {
      if (!seen.saved && seen.shape) {
        await updateJob(k, m, jobId, {
          format: seen.shape.format,
          extra_columns: seen.shape.extra,
          missing_columns: seen.shape.missing,
        });
        seen.saved = true;
      }
      rows += 1;
      batch.push(checkRow(row, day));
      if (batch.length >= BATCH_ROWS) await flush();
    }
    await flush();
    await timed(steps, 'waiting for the database', () => writing);
    if (!seen.saved && seen.shape)
      await updateJob(k, m, jobId, {
        format: seen.shape.format,
        extra_columns: seen.shape.extra,
        missing_columns: seen.shape.missing,
      });
    if (bytes !== reportedBytes) await updateJob(k, m, jobId, { bytes_read: bytes });
    await timed(steps, 'analyze', () => analyzeRows(k));
    await k.transaction().execute(async (trx) => {
      await timed(steps, 'match', () => matchRows(trx, m, jobId));
      await timed(steps, 'count preview', () => countPreview(trx, m, jobId));
      await updateJob(trx, m, jobId, { state: 'previewed', bytes_read: bytes, row_count: rows });
    });
  } catch (error) {
    const code = error instanceof ImportFileError ? error.code : 'unreadable';
    await writing.catch(() => {}); // no batch may land after the delete
    await deleteRows(k, m, jobId);
    await updateJob(k, m, jobId, {
      state: 'failed',
      failure: code,
      bytes_read: bytes,
      finished: true,
      ...(seen.shape
        ? { format: seen.shape.format, extra_columns: seen.shape.extra, missing_columns: seen.shape.missing }
        : {}),
    });
    if (!(error instanceof ImportFileError)) throw error;
  }
}

/**
 * Commits a previewed job in one transaction: places, households, people, summaries,
 * eligibility and one audit record naming every household. Any failure rolls it all back; the
 * job is then marked failed (outside the rolled-back transaction) with what went wrong.
 */
export async function commitJob(db: Db, actor: Actor, jobId: string, steps?: StepTimer): Promise<void> {
  const m = actor.municipalityId;
  commitProgress.set(jobId, 0);
  try {
    await db.kysely.transaction().execute(async (trx) => {
      await lockMunicipalityImports(trx, m);
      const job = await lockJob(trx, m, jobId);
      if (job?.state !== 'committing') return;
      await timed(steps, 'match', () => matchRows(trx, m, jobId));
      await timed(steps, 'places', () => ensurePlaces(trx, m, jobId, job.area_id));
      // The rows' statistics were taken before this match, and the places' before the commit
      // added them: the planner would take every row for one without a household and scan every
      // apartment for each new household (PGlite, no autovacuum: 100,000 took 35 minutes).
      // Only on PGlite: ANALYZE holds a lock that conflicts with itself until the transaction
      // ends, so on PostgreSQL every other commit, of any municipality, waited for this one; there
      // its plans do not need it (decision 0060). PGlite runs one transaction at a time anyway.
      if (db.kind === 'pglite') {
        await timed(steps, 'analyze', () => analyzeRows(trx));
        await timed(steps, 'analyze', () => analyzePlaces(trx));
      }
      // The known households first: their statements find them by the rows' household ids, which
      // the new households' rows get only when those are written.
      const updated = await timed(steps, 'households', () => updateMatchedHouseholds(trx, m, jobId));
      await timed(steps, 'persons', () => writeMatchedPersons(trx, m, jobId));
      await timed(steps, 'summaries', () => refreshHouseholdSummary(trx, m, { importJobId: jobId }));
      commitProgress.set(jobId, updated);
      const rule = await ruleOfArea(trx, m, job.area_id);
      // The area is judged by the shared rule once per distinct address, the counts in SQL.
      const everywhere = rule.streets.length === 0 && rule.postalCodes.length === 0;
      const inArea = everywhere
        ? null
        : (await timed(steps, 'eligibility', () => jobAddresses(trx, m, jobId))).rows
            .map((a) => ({ street: a.street, postalCode: a.postal_code }))
            .filter((a) => livesInArea(a, rule));
      await timed(steps, 'eligibility', () => judgeJobHouseholds(trx, m, jobId, rule, inArea));
      const known = await timed(steps, 'audit', () => jobHouseholds(trx, m, jobId));
      const created = await timed(steps, 'new households', () =>
        insertNewHouseholds(trx, m, jobId, rule, inArea),
      );
      const households = [...known, ...created.rows.map((r) => r.id)];
      commitProgress.set(jobId, households.length);
      await audit(trx, actor, {
        action: 'create',
        entity: 'import_job',
        entityId: jobId,
        householdIds: households,
        fields: ['household', 'members', 'address', 'eligibility'],
        purpose: 'outreach',
      });
      await updateJob(trx, m, jobId, {
        state: 'committed',
        committed_count: households.length,
        finished: true,
      });
    });
  } catch (error) {
    await updateJob(db.kysely, m, jobId, {
      state: 'failed',
      failure: 'commitFailed',
      finished: true,
    });
    throw error;
  } finally {
    commitProgress.delete(jobId);
  }
}
