import { Migrator } from 'kysely';
import type { Db } from './client';
import { migrations } from './migrations';
import { ensureAuditPartitions } from './partitions';

export async function migrateToLatest(db: Db, now = new Date()): Promise<string[]> {
  const migrator = new Migrator({
    db: db.kysely,
    provider: { getMigrations: async () => migrations },
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  await ensureAuditPartitions(db, now);
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
