import type { Db } from '../db/client';
import { demoLogins } from '../server/auth/auth.queries';
import { hashPassword } from '../server/auth/credentials';
import { seedCasework } from './casework';
import { demoDefaults, generateMunicipality } from './generate';
import { seedOutreachDemo } from './outreach';
import { DEMO_PASSWORD, SeedRefusedError, seedMunicipality } from './seed';

export interface DemoInfo {
  password: string;
  logins: { username: string; role: string }[];
}

/** Loads the demo municipality into an empty database; returns the demo logins if there is one. */
export async function seedDemoIfEmpty(db: Db): Promise<DemoInfo | null> {
  const existing = await db.kysely.selectFrom('municipality').select(['id', 'demo']).execute();
  if (existing.length === 0) {
    try {
      await seedDemo(db);
    } catch (error) {
      // Another server started at the same moment and loaded it first: use theirs.
      if (!(error instanceof SeedRefusedError)) throw error;
    }
  } else if (!existing.some((m) => m.demo)) return null;
  // The sign-in page's list: only accounts that still open with the demo password.
  return { password: DEMO_PASSWORD, logins: await demoLogins(db.kysely) };
}

export async function seedDemo(db: Db, today = demoDefaults.today) {
  const data = generateMunicipality({ ...demoDefaults, today });
  await seedMunicipality(db, data, {
    demo: true,
    passwordHash: await hashPassword(DEMO_PASSWORD),
    cohortBaselined: true,
  });
  // The case work is the demo's only: the tests' municipalities (seedMunicipality) start without
  // plans and tasks, and with the shared seed's few notes and appointments.
  await db.kysely.transaction().execute((trx) => seedCasework(trx, data, today));
  await seedOutreachDemo(db, data, today);
  return data;
}
