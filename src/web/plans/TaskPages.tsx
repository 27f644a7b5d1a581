import { BodyShort, Button, HStack, Link, TextField, VStack } from '@navikt/ds-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { HandBackBody, type TaskListItem } from '../../shared/plans/plans.contract';
import { announce } from '../app/Announcer';
import { FormProblem } from '../app/ErrorAlert';
import { fieldProps } from '../app/fieldProps';
import { PageHeading } from '../app/PageHeading';
import { Section } from '../app/Section';
import { useSavingForm, VersionedForm } from '../app/VersionedForm';
import { planKeys, plansApi, useAskedTasks, useMyTasks } from './plans.api';
import { routingText, useRoutingNames } from './TasksSection';

function TaskSummary({ task, age }: { task: TaskListItem; age: boolean }) {
  const { t } = useTranslation();
  const names = useRoutingNames();
  return (
    <VStack gap="space-4">
      <BodyShort weight="semibold">{task.words}</BodyShort>
      <BodyShort size="small">
        <Link as={RouterLink} to={`/families/${task.familyId}`}>
          {t('tasks.family', { reference: task.familyReference })}
        </Link>{' '}
        · {names.domain(task.domainId)} · {t(`tasks.levelOption.${task.level}`)} ·{' '}
        {t(`tasks.state.${task.state}`)}
      </BodyShort>
      <BodyShort size="small">
        {age ? t('tasks.age', { count: task.ageDays }) : routingText(t, task)}
      </BodyShort>
    </VStack>
  );
}

/** "My tasks": the open tasks I own or whose family I am pair of. */
export function MyTasksPage() {
  const { t } = useTranslation();
  const tasks = useMyTasks();
  const items = tasks.data?.items ?? [];
  return (
    <VStack gap="space-32">
      <PageHeading title={t('myTasks.title')} />
      <FormProblem error={tasks.error} />
      {tasks.data && items.length === 0 && <BodyShort>{t('myTasks.none')}</BodyShort>}
      <ul className="sc-plain-list">
        {items.map((task) => (
          <li key={task.id}>
            <TaskSummary task={task} age={false} />
          </li>
        ))}
      </ul>
    </VStack>
  );
}

/** "Asked of me": tasks routed to me, oldest first, to accept or hand back with a reason. */
export function AskedOfMePage() {
  const { t } = useTranslation();
  const tasks = useAskedTasks();
  const items = tasks.data?.items ?? [];
  return (
    <VStack gap="space-32">
      <PageHeading title={t('askedOfMe.title')} />
      <FormProblem error={tasks.error} />
      {tasks.data && items.length === 0 && <BodyShort>{t('askedOfMe.none')}</BodyShort>}
      <ul className="sc-plain-list">
        {items.map((task) => (
          <li key={task.id}>
            <Section id={`asked-${task.id}`} title={task.words}>
              <AskedTask task={task} />
            </Section>
          </li>
        ))}
      </ul>
    </VStack>
  );
}

function AskedTask({ task }: { task: TaskListItem }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [handingBack, setHandingBack] = useState(false);
  const formId = `hand-back-${task.id}`;
  const done = () => queryClient.invalidateQueries({ queryKey: planKeys.all });
  const accept = useMutation({
    mutationFn: () => plansApi.accept(task.id),
    onSuccess: async () => {
      announce(t('askedOfMe.accepted'));
      await done();
    },
  });
  const handBack = useSavingForm(
    HandBackBody,
    { reason: '' },
    (body) => plansApi.handBack(task.id, body),
    async () => {
      announce(t('askedOfMe.handedBack'));
      await done();
    },
  );
  const field = fieldProps(handBack.form, formId, handBack.errors);
  const labels = { reason: t('askedOfMe.reason') };
  return (
    <VStack gap="space-8">
      <TaskSummary task={task} age />
      <BodyShort size="small">{routingText(t, task)}</BodyShort>
      <FormProblem error={accept.error} />
      {!handingBack && (
        <HStack gap="space-8" wrap>
          {task.abilities.accept && (
            <Button type="button" size="small" loading={accept.isPending} onClick={() => accept.mutate()}>
              {t('askedOfMe.accept')}
            </Button>
          )}
          {task.abilities.handBack && (
            <Button type="button" size="small" variant="secondary" onClick={() => setHandingBack(true)}>
              {t('askedOfMe.handBack')}
            </Button>
          )}
        </HStack>
      )}
      {handingBack && (
        <VersionedForm
          formId={formId}
          label={t('askedOfMe.handBack')}
          labels={labels}
          errors={handBack.errors}
          saving={handBack.saving}
          submit={handBack.submit}
          submitLabel={t('askedOfMe.confirm')}
          onCancel={() => setHandingBack(false)}
          narrow
        >
          <TextField label={labels.reason} size="small" {...field('reason')} />
        </VersionedForm>
      )}
    </VStack>
  );
}
