import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { DefaultValues, FieldValues } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { PlanPerson } from '../../shared/plans/plans.contract';
import type { CompetenceDomain } from '../../shared/team/team.contract';
import { announce } from '../app/Announcer';
import { useInlineForm } from '../app/VersionedForm';
import { useUnits } from '../team/team.api';
import { domainName } from '../team/unitNames';
import { planKeys } from './plans.api';

export const personName = (p: PlanPerson | undefined) => (p ? `${p.firstName} ${p.lastName}` : '');

/** The domain names of the municipality, in the reader's language. */
export function useDomainNames() {
  const { t } = useTranslation();
  const domains = (useUnits('domains').data?.items ?? []) as CompetenceDomain[];
  return {
    domains,
    name: (id: string) => {
      const d = domains.find((x) => x.id === id);
      return d ? domainName(t, d) : '';
    },
  };
}

/** After a write: the plan and its versions (keys under the plan's) are read again. */
export function useRefreshPlan(familyId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: planKeys.plan(familyId) });
}

/** A remove button's mutation, with a conflict shown where the button was. */
export function useRemove(familyId: string, remove: (version: number) => Promise<void>) {
  const { t } = useTranslation();
  const refresh = useRefreshPlan(familyId);
  return useMutation({
    mutationFn: remove,
    onSuccess: async () => {
      await refresh();
      announce(t('plan.removed'));
    },
  });
}

/**
 * The form of one item of the plan (a dream, a goal), in the plan's narrow column: saved, it
 * announces the plan's new version, reads the plan again and closes (useInlineForm).
 */
export function usePlanItemForm<S extends z.ZodType<FieldValues, FieldValues>>(
  familyId: string,
  formId: string,
  schema: S,
  defaultValues: DefaultValues<z.input<S>>,
  save: (body: z.output<S>) => Promise<{ version: number }>,
  onDone: () => void,
) {
  const { t } = useTranslation();
  const refresh = useRefreshPlan(familyId);
  const { frame, ...rest } = useInlineForm(formId, schema, defaultValues, save, {
    announced: (saved) => t('plan.saved', { version: saved.version }),
    refresh,
    onDone,
  });
  return { ...rest, frame: { ...frame, submitLabel: t('plan.save'), narrow: true } };
}
