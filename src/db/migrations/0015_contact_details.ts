import type { Kysely } from 'kysely';
import { runScript } from '../sql-script';

/**
 * Contact details per person (issue 13, point 8): phone, e-mail, the preferred way of contact
 * and the language to contact them in. Nullable columns, so adding them changes the catalogue
 * only. The checks repeat the contract's rules (families.contract.ts) as the last word, so a
 * row written past the API (the demo, an import) cannot hold what the app would refuse.
 * `contact_language` is an ISO 639-1 code, checked by the contract against iso-codes.ts.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    /* sql */ `
    alter table person
      add column phone text check (phone ~ '^\\+?[0-9 ]+$' and length(regexp_replace(phone, '[^0-9]', '', 'g')) between 8 and 15),
      add column email text check (length(email) <= 254 and position('@' in email) > 1),
      add column preferred_contact text check (preferred_contact in ('phone', 'sms', 'email', 'letter', 'in_person')),
      add column contact_language text check (contact_language ~ '^[a-z]{2}$');
    `,
  );
}

export async function down(): Promise<void> {
  // Migrations move forward only.
}
