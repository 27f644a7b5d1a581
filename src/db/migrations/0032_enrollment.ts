import type { Kysely } from 'kysely';
import { runScript } from '../sql-script';

/**
 * Enrollment from outreach (issue 15 §4, decision 0049). A consent records how it was given
 * (signed, oral, digital), the language it was explained in and whether an interpreter took part,
 * so a later reader can judge whether the family understood what it agreed to. A household placed
 * in the comparison group keeps `status = 'prospect'` (never in the family register) with the day
 * and the staff member who placed it: outcomes compare it from that day.
 *
 * All columns are nullable or have a constant default, so adding them changes only the catalogue;
 * households already in the comparison group (the demo's) take the day of their last change.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    /* sql */ `
    alter table consent add column given_how text check (given_how in ('signed', 'oral', 'digital'));
    alter table consent add column language text check (language ~ '^[a-z]{2}$');
    alter table consent add column interpreter boolean not null default false;
    alter table household add column comparison_on date;
    alter table household add column comparison_by uuid;
    alter table household add foreign key (municipality_id, comparison_by)
      references app_user (municipality_id, id);
    update household set comparison_on = updated_at::date
     where outreach_status = 'comparison' and comparison_on is null;
  `,
  );
}

export async function down(): Promise<void> {
  // Migrations move forward only.
}
