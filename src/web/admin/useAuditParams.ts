import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { AuditAction, FamilyReference } from '../../shared/admin/audit.contract';
import { Id, IsoDate } from '../../shared/common/common.contract';

export interface AuditParams {
  actorId: string | undefined;
  /** A family's reference (F-0012), as stored: never its name or CPR number. */
  family: string | undefined;
  action: AuditAction | undefined;
  from: string | undefined;
  to: string | undefined;
  breakGlass: boolean;
  page: number;
}

const valid = <T>(
  schema: { safeParse: (v: unknown) => { success: boolean; data?: T } },
  v: string | null,
) => {
  const r = schema.safeParse(v);
  return r.success ? r.data : undefined;
};

/**
 * The audit log's filters live in the URL (staff ids, a family's reference, dates, actions: no
 * personal data of families). Only what passes as a reference (FamilyReference) is put there.
 */
export function useAuditParams() {
  const [search, setSearch] = useSearchParams();
  const params = useMemo<AuditParams>(() => {
    const page = Number(search.get('page'));
    return {
      actorId: valid<string>(Id, search.get('actorId')),
      family: valid<string>(FamilyReference, search.get('family')),
      action: valid<AuditAction>(AuditAction, search.get('action')),
      from: valid<string>(IsoDate, search.get('from')),
      to: valid<string>(IsoDate, search.get('to')),
      breakGlass: search.get('breakGlass') === 'true',
      page: Number.isInteger(page) && page > 0 ? page : 1,
    };
  }, [search]);

  const update = useCallback(
    (changes: Partial<AuditParams>) => {
      const next = { ...params, page: 1, ...changes };
      const out = new URLSearchParams();
      if (next.actorId) out.set('actorId', next.actorId);
      if (next.family) out.set('family', next.family);
      if (next.action) out.set('action', next.action);
      if (next.from) out.set('from', next.from);
      if (next.to) out.set('to', next.to);
      if (next.breakGlass) out.set('breakGlass', 'true');
      if (next.page > 1) out.set('page', String(next.page));
      setSearch(out, { replace: !('page' in changes), flushSync: true });
    },
    [params, setSearch],
  );

  return [params, update] as const;
}
