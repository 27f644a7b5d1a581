import { BodyShort, Select, Textarea } from '@navikt/ds-react';
import { useTranslation } from 'react-i18next';
import {
  type Goal,
  NewGoal,
  type Plan,
  type PlanContent,
  type PlanPerson,
} from '../../shared/plans/plans.contract';
import { FormDateField } from '../app/DateField';
import { FormCheckboxGroup } from '../app/fieldProps';
import { formatDate } from '../app/format';
import { VersionedForm } from '../app/VersionedForm';
import { DomainColumns, DomainOptions } from './domains';
import { PlanItemActions, PlanPart } from './PlanPart';
import { personName, usePlanItemForm } from './plan.hooks';
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
  if (content.goals.length === 0) return <BodyShort>{t('plan.noGoals')}</BodyShort>;
  return (
    <DomainColumns items={content.goals} headingLevel="4" gap="space-4" itemClassName="sc-plan-item">
      {(goal) => (
        <>
          <BodyShort weight="semibold" dir="auto">
            {goal.words}
          </BodyShort>
          <BodyShort size="small">{t('plan.priorityShort', { priority: goal.priority })}</BodyShort>
          {agreedText(t, goal, people) && <BodyShort size="small">{agreedText(t, goal, people)}</BodyShort>}
          {actions?.(goal)}
        </>
      )}
    </DomainColumns>
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
  const { field, bound, frame } = usePlanItemForm(
    familyId,
    goal ? `goal-${goal.id}` : 'add-goal',
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
    onDone,
  );
  const labels: Record<string, string> = {
    domainId: t('plan.domain'),
    words: t('plan.goalWords'),
    priority: t('plan.priority'),
    agreedOn: t('plan.agreedOn'),
    agreedByPersonIds: t('plan.agreedBy'),
  };
  return (
    <VersionedForm {...frame} label={goal ? t('plan.editGoal') : t('plan.addGoal')} labels={labels}>
      <Select label={labels.domainId} {...field('domainId')}>
        <DomainOptions />
      </Select>
      <Textarea label={labels.words} dir="auto" {...field('words')} />
      <Select label={labels.priority} {...field('priority', { valueAsNumber: true })}>
        {PRIORITIES.map((p) => (
          <option key={p} value={p}>
            {p}
          </option>
        ))}
      </Select>
      <FormDateField label={labels.agreedOn} {...bound('agreedOn')} nullable />
      <FormCheckboxGroup
        legend={labels.agreedByPersonIds}
        {...bound('agreedByPersonIds')}
        options={plan.people.map((p) => ({ id: p.id, label: personName(p) }))}
      />
    </VersionedForm>
  );
}
