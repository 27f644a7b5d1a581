import type { Kysely } from 'kysely';
import { runScript } from '../sql-script';

/**
 * The demo municipality remembers the hash its accounts were seeded with, so the sign-in page
 * and `npm start` list only the accounts that still open with the published demo password — not
 * an account created later, nor one whose password was changed. Every demo account is seeded
 * with the same hash (src/db/demo/seed.ts); a password set afterwards has a salt of its own.
 * Demo municipalities seeded before this migration take the hash most of their accounts share
 * (at least two: one account alone cannot be told from an account with a password of its own,
 * so such a municipality lists no demo logins).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    /* sql */ `
    alter table municipality add column demo_password_hash text;
    update municipality m set demo_password_hash = (
      select u.password_hash from app_user u
       where u.municipality_id = m.id and u.password_hash is not null
       group by u.password_hash
      having count(*) > 1
       order by count(*) desc, u.password_hash
       limit 1)
     where m.demo;
  `,
  );
}

export async function down(): Promise<void> {
  // Migrations move forward only.
}
