import {
  BodyShort,
  Checkbox,
  CheckboxGroup,
  Heading,
  HStack,
  Select,
  Textarea,
  VStack,
} from '@navikt/ds-react';
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
import { FormDateField } from '../app/DateField';
import { formatDate } from '../app/format';
import { errorFor, fieldId } from '../app/forms';
import { useSavingForm, VersionedForm } from '../app/VersionedForm';
import { domainName } from '../team/unitNames';
import { PlanItemActions, PlanPart } from './PlanPart';
import { personName, useDomainNames, useRefreshPlan } from './plan.hooks';
import { planApi } from './plans.api';

const PRIORITIES = [1, 2, 3, 4, 5, 6, 7, 8, 9] as const;

export function GoalsPart({ familyId, plan }: { familyId: string; plan: Plan }) {
  const { t } = useTranslation();
  return (
    <PlanPart<Goal>
      plan={plan}
      title={t('plan.goals')}
      addLabel={t('plan.addGoal')}
      form={(goal, close) => <GoalForm familyId={familyId} plan={plan} goal={goal} onDone={close} />}
      list={(edit) => (
        <GoalList
          content={plan}
          people={plan.people}
          actions={
            edit &&
            ((goal) => (
              <PlanItemActions
                familyId={familyId}
                plan={plan}
                removeLabel={t('plan.removeGoal', { words: goal.words })}
                onEdit={() => edit(goal)}
                remove={(version) => planApi.removeGoal(familyId, goal.id, version)}
              />
            ))
          }
        />
      )}
    />
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
  const { form, errors, saving, submit } = useSavingForm(
    NewGoal,
    {
      version: plan.version,
      domainId: goal?.domainId ?? '',
      words: goal?.words ?? '',
      priority: goal?.priority ?? 1,
      agreedOn: goal?.agreedOn ?? null,
      agreedByPersonIds: goal?.agreedByPersonIds ?? [],
    },
    (body) => (goal ? planApi.editGoal(familyId, goal.id, body) : planApi.addGoal(familyId, body)),
    async (saved) => {
      announce(t('plan.saved', { version: saved.version }));
      await refresh();
      onDone();
    },
  );
  const labels: Record<string, string> = {
    domainId: t('plan.domain'),
    words: t('plan.goalWords'),
    priority: t('plan.priority'),
    agreedOn: t('plan.agreedOn'),
    agreedByPersonIds: t('plan.agreedBy'),
  };
  return (
    <VersionedForm
      formId={formId}
      label={goal ? t('plan.editGoal') : t('plan.addGoal')}
      labels={labels}
      errors={errors}
      saving={saving}
      submit={submit}
      submitLabel={t('plan.save')}
      onReload={() => refresh().then(onDone)}
      onCancel={onDone}
      narrow
    >
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
      <FormDateField
        control={form.control}
        name="agreedOn"
        formId={formId}
        label={labels.agreedOn}
        errors={errors}
        nullable
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
    </VersionedForm>
  );
}
