import { Tag } from '@navikt/ds-react';
import { useTranslation } from 'react-i18next';
import type { FamilyStatus } from '../../shared/families/families.contract';

/** A family's status as a tag, green while enrolled: the same in the list and on the family's page. */
export function FamilyStatusTag({ status }: { status: FamilyStatus }) {
  const { t } = useTranslation();
  return (
    <Tag size="small" variant="moderate" data-color={status === 'enrolled' ? 'success' : 'neutral'}>
      {t(`enums.familyStatus.${status}`)}
    </Tag>
  );
}
