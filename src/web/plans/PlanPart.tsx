import { Button, Heading, HStack, VStack } from '@navikt/ds-react';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Plan } from '../../shared/plans/plans.contract';
import { isConflict } from '../app/api';
import { ConflictAlert } from '../app/ConflictAlert';
import { FormProblem } from '../app/ErrorAlert';
import { focusSection } from '../app/Section';
import { useRefreshPlan, useRemove } from './plan.hooks';

/**
 * One part of the plan (dreams, goals): its heading with the add button, the form for a new or
 * an edited item — one at a time, and no item's buttons while it is open — and the list. Closing
 * the form takes focus back to the plan's section.
 */
export function PlanPart<T>({
  plan,
  title,
  addLabel,
  canAdd = true,
  form,
  list,
}: {
  plan: Plan;
  title: string;
  addLabel: string;
  /** Beyond the right to edit: whether there is anything to add to (dreams need a person). */
  canAdd?: boolean;
  form: (item: T | undefined, close: () => void) => ReactNode;
  /** The list, given `edit` when its items may show their edit and remove buttons. */
  list: (edit: ((item: T) => void) | undefined) => ReactNode;
}) {
  const [editing, setEditing] = useState<{ item?: T } | null>(null);
  const close = () => {
    setEditing(null);
    focusSection('plan');
  };
  const idle = plan.abilities.edit && editing === null;
  return (
    <VStack gap="space-8">
      <HStack justify="space-between" align="center" gap="space-8" wrap>
        <Heading level="3" size="small">
          {title}
        </Heading>
        {idle && canAdd && (
          <Button type="button" size="small" variant="secondary" onClick={() => setEditing({})}>
            {addLabel}
          </Button>
        )}
      </HStack>
      {editing !== null && form(editing.item, close)}
      {list(idle ? (item) => setEditing({ item }) : undefined)}
    </VStack>
  );
}

/** An item's edit and remove buttons; a remove that meets a newer plan shows the conflict here. */
export function PlanItemActions({
  familyId,
  plan,
  removeLabel,
  onEdit,
  remove,
}: {
  familyId: string;
  plan: Plan;
  /** The remove button's accessible name, naming the item. */
  removeLabel: string;
  onEdit: () => void;
  remove: (version: number) => Promise<void>;
}) {
  const { t } = useTranslation();
  const refresh = useRefreshPlan(familyId);
  const removing = useRemove(familyId, remove);
  return (
    <VStack gap="space-4">
      <HStack gap="space-8">
        <Button type="button" size="xsmall" variant="tertiary" onClick={onEdit}>
          {t('plan.edit')}
        </Button>
        <Button
          type="button"
          size="xsmall"
          variant="tertiary"
          loading={removing.isPending}
          aria-label={removeLabel}
          onClick={() => removing.mutate(plan.version)}
        >
          {t('plan.remove')}
        </Button>
      </HStack>
      {isConflict(removing.error) ? (
        <ConflictAlert onReload={() => refresh().then(() => removing.reset())} />
      ) : (
        <FormProblem error={removing.error} />
      )}
    </VStack>
  );
}
