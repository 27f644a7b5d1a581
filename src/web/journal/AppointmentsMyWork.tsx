import { BodyShort, Button, HStack, Link, VStack } from '@navikt/ds-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useSearchParams } from 'react-router';
import { mondayOf } from '../../shared/journal/appointments.time';
import { FormProblem } from '../app/ErrorAlert';
import { formatDate, isolate } from '../app/format';
import { PageHeading } from '../app/PageHeading';
import { Section } from '../app/Section';
import { useFamilyList } from '../families/families.api';
import { FollowUpsDue } from '../measures/FollowUpsDue';
import { useAskedTasks, useMyTasks } from '../plans/plans.api';
import { AppointmentsFeed } from './AppointmentsFeed';
import { AddAppointmentForm, AppointmentCard } from './AppointmentsSection';
import { useMyAppointments } from './appointments.api';

/**
 * "My work" (issue 14 §7): the team member's start page — my families (as pair or cover), my
 * tasks, what I am asked of (with its age), the follow-up measurements due for my families
 * (issue 15 §5), my appointments this week (week by week), and my calendar feed.
 */
export function MyWorkPage() {
  const { t } = useTranslation();
  return (
    <VStack gap="space-40">
      <PageHeading title={t('appointments.myWork.title')} />
      <WeekSection />
      <MyFamilies />
      <MyTasks />
      <AskedOfMe />
      <FollowUpsDue />
      <AppointmentsFeed />
    </VStack>
  );
}

function WeekSection() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const asked = params.get('week');
  // A week in the address that is not a week is this week (the server would refuse it).
  const week = asked && mondayOf(asked) !== null ? asked : null;
  const appointments = useMyAppointments(week);
  const data = appointments.data;
  const go = (to: string | null) =>
    setParams(
      (p) => {
        if (to) p.set('week', to);
        else p.delete('week');
        return p;
      },
      { replace: true },
    );
  const number = data ? String(Number(data.week.slice(6))) : '';
  // A meeting with another authority, no family (decision 0045): it lands in this list.
  const [adding, setAdding] = useState(false);
  return (
    <Section
      id="my-week"
      title={t('appointments.myWork.week', { week: number })}
      actions={
        adding ? undefined : (
          <Button type="button" size="small" variant="secondary" onClick={() => setAdding(true)}>
            {t('appointments.addOwn')}
          </Button>
        )
      }
    >
      <FormProblem error={appointments.error} />
      {adding && <AddAppointmentForm pair={[]} onDone={() => setAdding(false)} />}
      {data && (
        <>
          <HStack gap="space-8" align="center" wrap>
            <Button type="button" size="small" variant="secondary" onClick={() => go(data.previousWeek)}>
              {t('appointments.myWork.previousWeek')}
            </Button>
            <Button type="button" size="small" variant="tertiary" onClick={() => go(null)}>
              {t('appointments.myWork.thisWeek')}
            </Button>
            <Button type="button" size="small" variant="secondary" onClick={() => go(data.nextWeek)}>
              {t('appointments.myWork.nextWeek')}
            </Button>
            <BodyShort size="small" aria-live="polite">
              {t('appointments.myWork.weekRange', { from: formatDate(data.from), to: formatDate(data.to) })}
            </BodyShort>
          </HStack>
          {data.items.length === 0 && <BodyShort>{t('appointments.myWork.weekNone')}</BodyShort>}
          <ul className="sc-plain-list">
            {data.items.map((a) => (
              <li key={a.id}>
                <AppointmentCard appointment={a} showFamily />
              </li>
            ))}
          </ul>
        </>
      )}
    </Section>
  );
}

function MyFamilies() {
  const { t } = useTranslation();
  const families = useFamilyList({ mine: true, pageSize: 100 });
  const items = families.data?.items ?? [];
  return (
    <Section id="my-families" title={t('appointments.myWork.families')}>
      <FormProblem error={families.error} />
      {families.data && items.length === 0 && <BodyShort>{t('appointments.myWork.familiesNone')}</BodyShort>}
      <ul className="sc-plain-list">
        {items.map((f) => (
          <li key={f.id}>
            <Link as={RouterLink} to={`/families/${f.id}`}>
              {f.reference}
            </Link>{' '}
            · {isolate(f.adultNames.join(', '))}
            {f.coveredFor && <> · {t('appointments.myWork.coverFor', { name: isolate(f.coveredFor) })}</>}
          </li>
        ))}
      </ul>
    </Section>
  );
}

function MyTasks() {
  const { t } = useTranslation();
  const tasks = useMyTasks();
  const items = tasks.data?.items ?? [];
  return (
    <Section id="my-tasks" title={t('appointments.myWork.tasks')}>
      <FormProblem error={tasks.error} />
      {tasks.data && items.length === 0 && <BodyShort>{t('appointments.myWork.tasksNone')}</BodyShort>}
      <ul className="sc-plain-list">
        {items.map((task) => (
          <li key={task.id}>
            <span dir="auto">{isolate(task.words)}</span> ·{' '}
            <Link as={RouterLink} to={`/families/${task.familyId}`}>
              {t('tasks.family', { reference: task.familyReference })}
            </Link>{' '}
            · {t(`tasks.state.${task.state}`)}
          </li>
        ))}
      </ul>
      <div>
        <Link as={RouterLink} to="/tasks/mine">
          {t('appointments.myWork.allTasks')}
        </Link>
      </div>
    </Section>
  );
}

function AskedOfMe() {
  const { t } = useTranslation();
  const tasks = useAskedTasks();
  const items = tasks.data?.items ?? [];
  return (
    <Section id="asked-of-me" title={t('appointments.myWork.asked')}>
      <FormProblem error={tasks.error} />
      {tasks.data && items.length === 0 && <BodyShort>{t('appointments.myWork.askedNone')}</BodyShort>}
      <ul className="sc-plain-list">
        {items.map((task) => (
          <li key={task.id}>
            <span dir="auto">{isolate(task.words)}</span> ·{' '}
            <Link as={RouterLink} to={`/families/${task.familyId}`}>
              {t('tasks.family', { reference: task.familyReference })}
            </Link>{' '}
            · {t(`tasks.levelOption.${task.level}`)} · {t('appointments.myWork.age', { count: task.ageDays })}
          </li>
        ))}
      </ul>
      {items.length > 0 && (
        <div>
          <Link as={RouterLink} to="/tasks/asked">
            {t('appointments.myWork.allAsked')}
          </Link>
        </div>
      )}
    </Section>
  );
}
