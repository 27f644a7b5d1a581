import type { Kysely } from 'kysely';
import { runScript } from '../sql-script';

/**
 * The register import at national scale (issue 15 §2, decision 0051). The commit's statements
 * take the job's households from its rows: the summaries, the eligibility and the audit join
 * import_row by household, which without this index read all the job's rows once per statement
 * (and, in the former eligibility pages, once per page: the commit grew with the square).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    /* sql */ `
    create index import_row_job_household on import_row (municipality_id, job_id, household_id);
  `,
  );
}

export async function down(): Promise<void> {
  // Migrations move forward only.
}
