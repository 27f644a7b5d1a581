import type { Db } from '../../db/client';
import { today } from '../../shared/common/today';
import { judgeEligibility } from '../../shared/outreach/eligibility';
import { REQUIRED_COLUMNS } from '../../shared/outreach/import-format';
import { refreshHouseholdSummary } from '../families/families.queries';
import type { Actor } from '../http/access';
import { audit } from '../plugins/audit';
import {
  analyzeRows,
  assignNewHouseholds,
  countPreview,
  deleteRows,
  eligibilityInputs,
  ensurePlaces,
  insertRows,
  jobHouseholds,
  lockJob,
  matchRows,
  updateJob,
  writeEligibility,
  writeHouseholds,
  writePersons,
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

export async function receiveFile(
  db: Db,
  actor: Actor,
  jobId: string,
  input: AsyncIterable<Buffer | string>,
): Promise<void> {
  const k = db.kysely;
  const m = actor.municipalityId;
  let bytes = 0;
  let reportedBytes = 0;
  let rows = 0;
  const day = today();
  let batch: CheckedRow[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    await insertRows(k, m, jobId, batch);
    batch = [];
    await updateJob(k, m, jobId, { bytes_read: bytes, row_count: rows });
    reportedBytes = bytes;
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
    if (!seen.saved && seen.shape)
      await updateJob(k, m, jobId, {
        format: seen.shape.format,
        extra_columns: seen.shape.extra,
        missing_columns: seen.shape.missing,
      });
    if (bytes !== reportedBytes) await updateJob(k, m, jobId, { bytes_read: bytes });
    await analyzeRows(k);
    await k.transaction().execute(async (trx) => {
      await matchRows(trx, m, jobId);
      await countPreview(trx, m, jobId);
      await updateJob(trx, m, jobId, { state: 'previewed', bytes_read: bytes, row_count: rows });
    });
  } catch (error) {
    const code = error instanceof ImportFileError ? error.code : 'unreadable';
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
export async function commitJob(db: Db, actor: Actor, jobId: string): Promise<void> {
  const m = actor.municipalityId;
  commitProgress.set(jobId, 0);
  try {
    await db.kysely.transaction().execute(async (trx) => {
      const job = await lockJob(trx, m, jobId);
      if (job?.state !== 'committing') return;
      await matchRows(trx, m, jobId);
      await ensurePlaces(trx, m, jobId, job.area_id);
      await assignNewHouseholds(trx, m, jobId);
      const { created, updated } = await writeHouseholds(trx, m, jobId);
      await writePersons(trx, m, jobId);
      commitProgress.set(jobId, Math.floor((created + updated) / 2));
      await refreshHouseholdSummary(trx, m, null);
      const rule = await ruleOfArea(trx, m, job.area_id);
      let after = '00000000-0000-0000-0000-000000000000';
      let done = 0;
      for (;;) {
        const page = (await eligibilityInputs(trx, m, jobId, after, 2000)).rows;
        if (page.length === 0) break;
        const judged = page.map((h) => {
          const e = judgeEligibility(
            {
              street: h.street,
              postalCode: h.postal_code,
              members: h.members.map((p) => ({
                role: p.role,
                unemployedMonths: p.months === null ? null : Number(p.months),
                livesAtHome: p.home,
              })),
            },
            rule,
          );
          return { id: h.id, eligible: e.eligible, reasons: e.reasons };
        });
        await writeEligibility(trx, m, judged);
        done += page.length;
        after = page[page.length - 1]!.id;
        commitProgress.set(jobId, Math.floor((created + updated + done) / 2));
      }
      const households = await jobHouseholds(trx, m, jobId);
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
