import type { Db } from '../../db/client';
import {
  findPendingTotpSecretsToSeal,
  findTotpSecretsToSeal,
  replacePendingTotpSecret,
  replaceTotpSecret,
} from './auth.queries';
import { pendingTotpContext, SEALED_FORMAT, type SecretBox, totpContext } from './secret-box';

export interface SealReport {
  /** TOTP secrets (app_user) sealed now: plain text before, or sealed under an earlier key. */
  totp: number;
  /** Secrets of enrolments in progress (user_session) sealed now. */
  pending: number;
  /** Values no configured key opens (a key was lost or not given as …_PREVIOUS): left as they are. */
  unreadable: number;
}

/**
 * Seals every stored TOTP secret under the current key: plain-text ones (from before
 * encryption) and ones sealed under an earlier key (a rotation). Run at every start and by
 * `staircase rotate-secret-key`; idempotent, one transaction, and a value changed meanwhile
 * by a sign-in is left to that sign-in.
 */
export async function sealStoredSecrets(db: Db, box: SecretBox): Promise<SealReport> {
  const prefix = `${SEALED_FORMAT}:${box.currentKeyId}:`;
  return db.kysely.transaction().execute(async (trx) => {
    const report: SealReport = { totp: 0, pending: 0, unreadable: 0 };
    for (const user of await findTotpSecretsToSeal(trx, prefix)) {
      const stored = user.totp_secret!;
      const context = totpContext(user.id);
      let plain: string;
      try {
        plain = box.open(stored, context);
      } catch {
        report.unreadable++;
        continue;
      }
      const done = await replaceTotpSecret(trx, user, stored, box.seal(plain, context));
      report.totp += Number(done.numUpdatedRows);
    }
    for (const session of await findPendingTotpSecretsToSeal(trx, prefix)) {
      const stored = session.pending_totp_secret!;
      const context = pendingTotpContext(session.user_id);
      let plain: string;
      try {
        plain = box.open(stored, context);
      } catch {
        report.unreadable++;
        continue;
      }
      const done = await replacePendingTotpSecret(trx, session.id, stored, box.seal(plain, context));
      report.pending += Number(done.numUpdatedRows);
    }
    return report;
  });
}
