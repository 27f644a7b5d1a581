import { AuditAction, FamilyReference } from '../../shared/admin/audit.contract';
import { Id, IsoDate } from '../../shared/common/common.contract';
import { urlFlag, urlPage, urlValue, useUrlListState } from '../app/useUrlListState';

/**
 * The audit log's filters in the URL (staff ids, a family's reference, dates, actions: no
 * personal data of families). Only what passes as a reference (FamilyReference) is put there.
 */
const auditFields = {
  actorId: urlValue(Id),
  /** A family's reference (F-0012), as stored: never its name or CPR number. */
  family: urlValue(FamilyReference),
  action: urlValue(AuditAction),
  from: urlValue(IsoDate),
  to: urlValue(IsoDate),
  breakGlass: urlFlag,
  page: urlPage,
};

export function useAuditParams() {
  return useUrlListState(auditFields);
}
