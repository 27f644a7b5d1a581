import { Alert, Link } from '@navikt/ds-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { BreakGlassSummary } from '../../shared/admin/audit.contract';
import { api } from '../app/api';

/** Flags recent break-the-glass access to the leader, with a way to see who and why. */
export function BreakGlassNotice() {
  const { t } = useTranslation();
  const summary = useQuery({
    queryKey: ['audit', 'break-glass-summary'],
    queryFn: () => api.get('/api/audit/break-glass-summary', BreakGlassSummary),
  });
  const count = summary.data?.count ?? 0;
  if (count === 0) return null;
  return (
    <Alert variant="warning" size="small">
      {t('audit.breakGlassNotice', { count })}{' '}
      <Link as={RouterLink} to="/audit?breakGlass=true">
        {t('audit.breakGlassNoticeLink')}
      </Link>
    </Alert>
  );
}
