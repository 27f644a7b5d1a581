import { Alert, BodyShort, Button, HStack, Select, Textarea, VStack } from '@navikt/ds-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { DefaultValues, UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { NewTask, type Task, TaskState, TaskUpdate } from '../../shared/plans/plans.contract';
import { type RoutingNames, routingMessage } from '../../shared/plans/routing';
import type { CompetenceDomain, Department } from '../../shared/team/team.contract';
import { announce } from '../app/Announcer';
import { FormDateField } from '../app/DateField';
import { EnumOptions } from '../app/EnumOptions';
import { FormProblem } from '../app/ErrorAlert';
import { controlledProps, FormCheckboxGroup, fieldProps } from '../app/fieldProps';
import { formatDate } from '../app/format';
import { Section } from '../app/Section';
import { useInlineForm, useSavingForm, VersionedForm } from '../app/VersionedForm';
import { useStaff } from '../families/families.api';
import { useUnits } from '../team/team.api';
import { departmentName, domainName } from '../team/unitNames';
import { DomainColumns, DomainOptions } from './domains';
import { planKeys, plansApi, useFamilyPlan, useFamilyTasks, useProposals } from './plans.api';

/** Names of domains and departments for the rule's reasons, in the reader's language. */
export function useRoutingNames(): RoutingNames {
  const { t } = useTranslation();
  // The hooks serve both kinds alike (decision 0033); each kind's list holds its own kind.
  const domains = (useUnits('domains').data?.items ?? []) as CompetenceDomain[];
  const departments = (useUnits('departments').data?.items ?? []) as Department[];
  return {
    domain: (id) => {
      const d = domains.find((x) => x.id === id);
      return d ? domainName(t, d) : '';
    },
    department: (id) => {
      const d = departments.find((x) => x.id === id);
      return d ? departmentName(t, d) : '';
    },
  };
}

/** How far a task has come with its specialist, in words. */
export function routingText(t: ReturnType<typeof useTranslation>['t'], task: Task) {
  return t(`tasks.routing.${task.routingState}`, {
    name: task.routedTo?.displayName ?? '',
    reason: task.handBackReason ?? '',
  });
}

/**
 * The family's tasks, side by side by domain (the family works on several at once), a form to
 * add one in the family's words, and routing of a level 2/3 task to a proposed specialist. A
 * specialist routed a task (`readsPlan` false: the plan is not theirs) sees the tasks, and moves on
 * the one they took over (decision 0045) as its abilities say.
 */
export function TasksSection({ familyId, readsPlan = true }: { familyId: string; readsPlan?: boolean }) {
  const { t } = useTranslation();
  const tasks = useFamilyTasks(familyId);
  const [adding, setAdding] = useState(false);
  const items = tasks.data?.items ?? [];
  return (
    <Section
      id="tasks"
      title={t('tasks.title')}
      actions={
        tasks.data?.abilities.create && !adding ? (
          <Button type="button" size="small" variant="secondary" onClick={() => setAdding(true)}>
            {t('tasks.add')}
          </Button>
        ) : undefined
      }
    >
      <FormProblem error={tasks.error} />
      {adding && <AddTaskForm familyId={familyId} onDone={() => setAdding(false)} />}
      {tasks.data && items.length === 0 && <BodyShort>{t('tasks.none')}</BodyShort>}
      <DomainColumns items={items} headingLevel="3" gap="space-8">
        {(task) => <TaskCard familyId={familyId} task={task} readsPlan={readsPlan} />}
      </DomainColumns>
    </Section>
  );
}

function TaskCard({ familyId, task, readsPlan }: { familyId: string; task: Task; readsPlan: boolean }) {
  const { t } = useTranslation();
  const [routing, setRouting] = useState(false);
  const [moving, setMoving] = useState(false);
  const goal = useFamilyPlan(familyId, readsPlan).data?.goals.find((g) => g.id === task.goalId);
  return (
    <VStack gap="space-4" className="sc-task">
      <BodyShort weight="semibold" dir="auto">
        {task.words}
      </BodyShort>
      <BodyShort size="small">
        {t(`tasks.levelOption.${task.level}`)} · {t(`tasks.state.${task.state}`)}
      </BodyShort>
      {task.state === 'dropped' && task.dropReason && (
        <BodyShort size="small">{t('tasks.dropped', { reason: task.dropReason })}</BodyShort>
      )}
      <BodyShort size="small">{t('tasks.owner', { name: task.owner.displayName })}</BodyShort>
      {task.helpers.length > 0 && (
        <BodyShort size="small">
          {t('tasks.helpers', { names: task.helpers.map((h) => h.displayName).join(', ') })}
        </BodyShort>
      )}
      {task.dueOn && <BodyShort size="small">{t('tasks.due', { date: formatDate(task.dueOn) })}</BodyShort>}
      {goal && <BodyShort size="small">{t('tasks.goalOf', { words: goal.words })}</BodyShort>}
      <BodyShort size="small">{routingText(t, task)}</BodyShort>
      {!routing && !moving && (task.abilities.route || task.abilities.moveOn) && (
        <HStack gap="space-8">
          {task.abilities.moveOn && (
            <Button
              type="button"
              size="small"
              variant="secondary"
              aria-label={t('tasks.moveLabel', { words: task.words })}
              onClick={() => setMoving(true)}
            >
              {t('tasks.move')}
            </Button>
          )}
          {task.abilities.route && (
            <Button type="button" size="small" variant="secondary" onClick={() => setRouting(true)}>
              {t('tasks.route')}
            </Button>
          )}
        </HStack>
      )}
      {moving && task.abilities.update && (
        <MoveTaskForm familyId={familyId} task={task} onDone={() => setMoving(false)} />
      )}
      {moving && !task.abilities.update && (
        <MoveStateForm familyId={familyId} task={task} onDone={() => setMoving(false)} />
      )}
      {routing && <Proposals familyId={familyId} task={task} onDone={() => setRouting(false)} />}
    </VStack>
  );
}

/** A form that moves `task` on: saved, it announces the new state, reads the tasks again and closes. */
function useMoveTaskForm(
  task: Task,
  defaultValues: DefaultValues<z.input<typeof TaskUpdate>>,
  save: (body: TaskUpdate) => Promise<Task>,
  onDone: () => void,
) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { frame, ...rest } = useInlineForm(`move-${task.id}`, TaskUpdate, defaultValues, save, {
    announced: (moved) => t('tasks.moved', { state: t(`tasks.state.${moved.state}`) }),
    refresh: () => queryClient.invalidateQueries({ queryKey: planKeys.all }),
    onDone,
  });
  return {
    ...rest,
    frame: { ...frame, label: t('tasks.moveLabel', { words: task.words }), submitLabel: t('plan.save') },
  };
}

/** Moves a task on: its state (dropping it asks why); a task changed meanwhile is a conflict. */
function MoveTaskForm({ familyId, task, onDone }: { familyId: string; task: Task; onDone: () => void }) {
  const { t } = useTranslation();
  const staff = (useStaff().data?.items ?? []).filter((m) => m.id !== task.owner.id);
  // The owner is one of the pair (the pair is responsible for every task), or stays who it is.
  const pair = useFamilyPlan(familyId).data?.pair ?? [];
  const owners = [task.owner, ...pair.filter((p) => p.id !== task.owner.id)];
  const { form, field, bound, frame } = useMoveTaskForm(
    task,
    {
      version: task.version,
      state: task.state,
      dueOn: task.dueOn,
      ownerId: task.owner.id,
      helperIds: task.helpers.map((h) => h.id),
    },
    // An unchanged owner is not sent: a task kept by a former pair member can still be moved on.
    ({ ownerId, ...body }) =>
      plansApi.update(familyId, task.id, ownerId === task.owner.id ? body : { ...body, ownerId }),
    onDone,
  );
  const labels: Record<string, string> = {
    state: t('tasks.newState'),
    dropReason: t('tasks.dropReason'),
    helperIds: t('tasks.helpersLabel'),
    dueOn: t('tasks.dueOn'),
    ownerId: t('tasks.ownerLabel'),
  };
  return (
    <VersionedForm {...frame} labels={labels}>
      <StateFields form={form} field={field} labels={labels} />
      <FormDateField label={labels.dueOn} {...bound('dueOn')} nullable size="small" />
      <Select label={labels.ownerId} size="small" {...field('ownerId')}>
        {owners.map((o) => (
          <option key={o.id} value={o.id}>
            {o.displayName}
          </option>
        ))}
      </Select>
      {staff.length > 0 && (
        <FormCheckboxGroup
          legend={labels.helperIds}
          {...bound('helperIds')}
          options={staff.map((m) => ({ id: m.id, label: m.displayName }))}
          size="small"
        />
      )}
    </VersionedForm>
  );
}

/** A task's state, and why when it is dropped: the fields both ways of moving a task on share. */
function StateFields({
  form,
  field,
  labels,
}: {
  form: UseFormReturn<z.input<typeof TaskUpdate>, unknown, TaskUpdate>;
  field: ReturnType<typeof useMoveTaskForm>['field'];
  labels: Record<string, string>;
}) {
  const state = form.watch('state');
  return (
    <>
      <Select label={labels.state} size="small" {...field('state')}>
        <EnumOptions values={TaskState.options} prefix="tasks.state" />
      </Select>
      {state === 'dropped' && (
        <Textarea
          label={labels.dropReason}
          size="small"
          {...field('dropReason', { setValueAs: (v: string) => (v === '' ? undefined : v) })}
        />
      )}
    </>
  );
}

/**
 * The specialist who took the task over moves its state on (dropping it asks why), nothing else
 * (decision 0045); a task changed meanwhile is a conflict.
 */
function MoveStateForm({ familyId, task, onDone }: { familyId: string; task: Task; onDone: () => void }) {
  const { t } = useTranslation();
  const { form, field, frame } = useMoveTaskForm(
    task,
    { version: task.version, state: task.state },
    (body) => plansApi.update(familyId, task.id, body),
    onDone,
  );
  const labels: Record<string, string> = { state: t('tasks.newState'), dropReason: t('tasks.dropReason') };
  return (
    <VersionedForm {...frame} labels={labels}>
      <StateFields form={form} field={field} labels={labels} />
    </VersionedForm>
  );
}

/** The rule's proposals with their reasons; the pair asks one of them. */
function Proposals({ familyId, task, onDone }: { familyId: string; task: Task; onDone: () => void }) {
  const { t } = useTranslation();
  const names = useRoutingNames();
  const queryClient = useQueryClient();
  const proposals = useProposals(familyId, task.id, true);
  const say = (item: Parameters<typeof routingMessage>[0]) => {
    const { key, values } = routingMessage(item, names);
    return t(key, values);
  };
  const ask = useMutation({
    mutationFn: (staffId: string) => plansApi.route(familyId, task.id, { staffId, version: task.version }),
    onSuccess: async (routed) => {
      announce(t('tasks.asked', { name: routed.routedTo?.displayName ?? '' }));
      await queryClient.invalidateQueries({ queryKey: planKeys.all });
      onDone();
    },
  });
  const data = proposals.data;
  return (
    <VStack gap="space-8">
      <FormProblem error={proposals.error ?? ask.error} />
      {data && (
        <>
          <Alert variant="info" size="small" inline>
            {say({ code: data.routing.handling })} {say(data.routing.finding)}
          </Alert>
          <ul className="sc-plain-list">
            {data.routing.proposals.map((p) => {
              const name = data.staff.find((s) => s.id === p.staffId)?.displayName ?? '';
              return (
                <li key={p.staffId}>
                  <VStack gap="space-4">
                    <BodyShort weight="semibold">{name}</BodyShort>
                    <ul>
                      {p.reasons.map((r) => (
                        <li key={r.code}>{say(r)}</li>
                      ))}
                    </ul>
                    <div>
                      <Button
                        type="button"
                        size="small"
                        loading={ask.isPending}
                        onClick={() => ask.mutate(p.staffId)}
                      >
                        {t('tasks.ask', { name })}
                      </Button>
                    </div>
                  </VStack>
                </li>
              );
            })}
          </ul>
        </>
      )}
    </VStack>
  );
}

function AddTaskForm({ familyId, onDone }: { familyId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const goals = useFamilyPlan(familyId).data?.goals ?? [];
  const { form, errors, saving, submit } = useSavingForm(
    NewTask,
    { words: '', domainId: '', level: 1, goalId: null, dueOn: null },
    (body) => plansApi.create(familyId, body),
    async () => {
      announce(t('tasks.added'));
      await queryClient.invalidateQueries({ queryKey: planKeys.all });
      onDone();
    },
  );
  const formId = 'add-task';
  const field = fieldProps(form, formId, errors);
  const bound = controlledProps(form, formId, errors);
  const labels: Record<string, string> = {
    words: t('tasks.words'),
    domainId: t('tasks.domain'),
    level: t('tasks.level'),
    goalId: t('tasks.goal'),
    dueOn: t('tasks.dueOn'),
  };
  return (
    <VersionedForm
      formId={formId}
      label={t('tasks.add')}
      labels={labels}
      errors={errors}
      saving={saving}
      submit={submit}
      submitLabel={t('tasks.save')}
      onCancel={onDone}
      narrow
    >
      <Textarea label={labels.words} {...field('words')} />
      <Select label={labels.domainId} {...field('domainId')}>
        <DomainOptions />
      </Select>
      <Select label={labels.level} {...field('level', { valueAsNumber: true })}>
        {(['1', '2', '3'] as const).map((l) => (
          <option key={l} value={l}>
            {t(`tasks.levelOption.${l}`)}
          </option>
        ))}
      </Select>
      {goals.length > 0 && (
        <Select
          label={labels.goalId}
          {...field('goalId', { setValueAs: (v: string | null) => (v ? v : null) })}
        >
          <option value="">{t('tasks.noGoal')}</option>
          {goals.map((g) => (
            <option key={g.id} value={g.id}>
              {g.words}
            </option>
          ))}
        </Select>
      )}
      <FormDateField label={labels.dueOn} {...bound('dueOn')} nullable />
    </VersionedForm>
  );
}
