import type { Kysely } from 'kysely';
import { runScript } from '../sql-script';

/**
 * The register import's rows by household (issue 15 §2, decision 0051): the commit pages the
 * job's households in id order for the eligibility rule and joins the job's households for
 * their summaries; without this index each page read all the job's rows again.
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
