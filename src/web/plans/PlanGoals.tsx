import {
  BodyShort,
  Button,
  Checkbox,
  CheckboxGroup,
  Heading,
  HStack,
  Select,
  Textarea,
  VStack,
} from '@navikt/ds-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Controller } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import {
  type Goal,
  NewGoal,
  type Plan,
  type PlanContent,
  type PlanPerson,
} from '../../shared/plans/plans.contract';
import { announce } from '../app/Announcer';
import { isConflict } from '../app/api';
import { ConflictAlert } from '../app/ConflictAlert';
import { DateField } from '../app/DateField';
import { FormProblem } from '../app/ErrorAlert';
import { FormErrorSummary } from '../app/FormErrorSummary';
import { formatDate } from '../app/format';
import { errorFor, fieldId } from '../app/forms';
import { focusSection } from '../app/Section';
import { useContractForm } from '../app/useContractForm';
import { domainName } from '../team/unitNames';
import { personName, useDomainNames, useRefreshPlan, useRemove } from './plan.hooks';
import { planApi } from './plans.api';

const PRIORITIES = [1, 2, 3, 4, 5, 6, 7, 8, 9] as const;

export function GoalsPart({ familyId, plan }: { familyId: string; plan: Plan }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<Goal | 'new' | null>(null);
  const close = () => {
    setEditing(null);
    focusSection('plan');
  };
  return (
    <VStack gap="space-8">
      <HStack justify="space-between" align="center" gap="space-8" wrap>
        <Heading level="3" size="small">
          {t('plan.goals')}
        </Heading>
        {plan.abilities.edit && editing === null && (
          <Button type="button" size="small" variant="secondary" onClick={() => setEditing('new')}>
            {t('plan.addGoal')}
          </Button>
        )}
      </HStack>
      {editing !== null && (
        <GoalForm
          familyId={familyId}
          plan={plan}
          goal={editing === 'new' ? undefined : editing}
          onDone={close}
        />
      )}
      <GoalList
        content={plan}
        people={plan.people}
        actions={
          plan.abilities.edit && editing === null
            ? (goal) => <GoalActions familyId={familyId} plan={plan} goal={goal} onEdit={setEditing} />
            : undefined
        }
      />
    </VStack>
  );
}

function GoalActions({
  familyId,
  plan,
  goal,
  onEdit,
}: {
  familyId: string;
  plan: Plan;
  goal: Goal;
  onEdit: (g: Goal) => void;
}) {
  const { t } = useTranslation();
  const refresh = useRefreshPlan(familyId);
  const remove = useRemove(familyId, (version) => planApi.removeGoal(familyId, goal.id, version));
  return (
    <VStack gap="space-4">
      <HStack gap="space-8">
        <Button type="button" size="xsmall" variant="tertiary" onClick={() => onEdit(goal)}>
          {t('plan.edit')}
        </Button>
        <Button
          type="button"
          size="xsmall"
          variant="tertiary"
          loading={remove.isPending}
          aria-label={t('plan.removeGoal', { words: goal.words })}
          onClick={() => remove.mutate(plan.version)}
        >
          {t('plan.remove')}
        </Button>
      </HStack>
      {isConflict(remove.error) ? (
        <ConflictAlert onReload={() => refresh().then(() => remove.reset())} />
      ) : (
        <FormProblem error={remove.error} />
      )}
    </VStack>
  );
}

/** "Agreed 20 Nov 2026 by Amal Odeh" — whatever of it the goal has. */
export function agreedText(t: ReturnType<typeof useTranslation>['t'], goal: Goal, people: PlanPerson[]) {
  const names = goal.agreedByPersonIds
    .map((id) => personName(people.find((p) => p.id === id)))
    .filter(Boolean)
    .join(', ');
  if (goal.agreedOn && names) return t('plan.agreed', { date: formatDate(goal.agreedOn), names });
  if (goal.agreedOn) return t('plan.agreedDate', { date: formatDate(goal.agreedOn) });
  return names ? `${t('plan.agreedBy')}: ${names}` : '';
}

/** Goals by domain, each domain's goals in the family's order. */
export function GoalList({
  content,
  people,
  actions,
}: {
  content: PlanContent;
  people: PlanPerson[];
  actions?: (goal: Goal) => React.ReactNode;
}) {
  const { t } = useTranslation();
  const domains = useDomainNames();
  if (content.goals.length === 0) return <BodyShort>{t('plan.noGoals')}</BodyShort>;
  const domainIds = [...new Set(content.goals.map((g) => g.domainId))];
  return (
    <HStack gap="space-16" align="start" wrap>
      {domainIds.map((domainId) => (
        <VStack key={domainId} gap="space-4" className="sc-task-column">
          <Heading level="4" size="xsmall">
            {domains.name(domainId)}
          </Heading>
          <ul className="sc-plain-list">
            {content.goals
              .filter((g) => g.domainId === domainId)
              .map((goal) => (
                <li key={goal.id} className="sc-plan-item">
                  <BodyShort weight="semibold" dir="auto">
                    {goal.words}
                  </BodyShort>
                  <BodyShort size="small">{t('plan.priorityShort', { priority: goal.priority })}</BodyShort>
                  {agreedText(t, goal, people) && (
                    <BodyShort size="small">{agreedText(t, goal, people)}</BodyShort>
                  )}
                  {actions?.(goal)}
                </li>
              ))}
          </ul>
        </VStack>
      ))}
    </HStack>
  );
}

function GoalForm({
  familyId,
  plan,
  goal,
  onDone,
}: {
  familyId: string;
  plan: Plan;
  goal?: Goal;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const refresh = useRefreshPlan(familyId);
  const { domains } = useDomainNames();
  const formId = goal ? `goal-${goal.id}` : 'add-goal';
  const { form, errors, showProblem } = useContractForm(NewGoal, {
    version: plan.version,
    domainId: goal?.domainId ?? '',
    words: goal?.words ?? '',
    priority: goal?.priority ?? 1,
    agreedOn: goal?.agreedOn ?? null,
    agreedByPersonIds: goal?.agreedByPersonIds ?? [],
  });
  const save = useMutation({
    mutationFn: (body: NewGoal) =>
      goal ? planApi.editGoal(familyId, goal.id, body) : planApi.addGoal(familyId, body),
    onSuccess: async (saved) => {
      announce(t('plan.saved', { version: saved.version }));
      await refresh();
      onDone();
    },
    onError: (error) => {
      if (!isConflict(error)) showProblem(error);
    },
  });
  const submit = form.handleSubmit(
    (body) => save.mutate(body),
    () => save.reset(),
  );
  const labels: Record<string, string> = {
    domainId: t('plan.domain'),
    words: t('plan.goalWords'),
    priority: t('plan.priority'),
    agreedOn: t('plan.agreedOn'),
    agreedByPersonIds: t('plan.agreedBy'),
  };
  return (
    <form onSubmit={submit} noValidate aria-label={goal ? t('plan.editGoal') : t('plan.addGoal')}>
      <VStack gap="space-8" className="sc-form-narrow">
        <FormErrorSummary formId={formId} errors={errors} labelFor={(field) => labels[field] ?? field} />
        {isConflict(save.error) ? (
          <ConflictAlert onReload={() => refresh().then(onDone)} />
        ) : (
          <FormProblem error={save.error} />
        )}
        <Select
          id={fieldId(formId, 'domainId')}
          label={labels.domainId}
          {...form.register('domainId')}
          error={errorFor(errors, 'domainId')}
        >
          <option value="">–</option>
          {domains.map((d) => (
            <option key={d.id} value={d.id}>
              {domainName(t, d)}
            </option>
          ))}
        </Select>
        <Textarea
          id={fieldId(formId, 'words')}
          label={labels.words}
          dir="auto"
          {...form.register('words')}
          error={errorFor(errors, 'words')}
        />
        <Select
          id={fieldId(formId, 'priority')}
          label={labels.priority}
          {...form.register('priority', { valueAsNumber: true })}
          error={errorFor(errors, 'priority')}
        >
          {PRIORITIES.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </Select>
        <Controller
          control={form.control}
          name="agreedOn"
          render={({ field }) => (
            <DateField
              id={fieldId(formId, 'agreedOn')}
              label={labels.agreedOn}
              error={errorFor(errors, 'agreedOn')}
              value={field.value ?? ''}
              onChange={(v) => field.onChange(v === '' ? null : v)}
            />
          )}
        />
        <Controller
          control={form.control}
          name="agreedByPersonIds"
          render={({ field }) => (
            <CheckboxGroup
              id={fieldId(formId, 'agreedByPersonIds')}
              legend={labels.agreedByPersonIds}
              value={field.value ?? []}
              onChange={field.onChange}
              error={errorFor(errors, 'agreedByPersonIds')}
            >
              {plan.people.map((p) => (
                <Checkbox key={p.id} value={p.id}>
                  {personName(p)}
                </Checkbox>
              ))}
            </CheckboxGroup>
          )}
        />
        <HStack gap="space-8">
          <Button type="submit" size="small" loading={save.isPending}>
            {t('plan.save')}
          </Button>
          <Button type="button" size="small" variant="tertiary" onClick={onDone}>
            {t('forms.cancel')}
          </Button>
        </HStack>
      </VStack>
    </form>
  );
}
