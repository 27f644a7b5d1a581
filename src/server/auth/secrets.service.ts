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
      const sealed = resealed(box, stored, totpContext(user.id));
      if (sealed === null) {
        report.unreadable++;
        continue;
      }
      const done = await replaceTotpSecret(trx, user, stored, sealed);
      report.totp += Number(done.numUpdatedRows);
    }
    for (const session of await findPendingTotpSecretsToSeal(trx, prefix)) {
      const stored = session.pending_totp_secret!;
      const sealed = resealed(box, stored, pendingTotpContext(session.user_id));
      if (sealed === null) {
        report.unreadable++;
        continue;
      }
      const done = await replacePendingTotpSecret(trx, session.id, stored, sealed);
      report.pending += Number(done.numUpdatedRows);
    }
    return report;
  });
}

/**
 * The stored value sealed under the current key, or null when no key this server holds opens it
 * (left as it is and counted). Only opening may fail quietly: a failure to seal is a fault.
 */
function resealed(box: SecretBox, stored: string, context: string): string | null {
  let plain: string;
  try {
    plain = box.open(stored, context);
  } catch {
    return null;
  }
  return box.seal(plain, context);
}
