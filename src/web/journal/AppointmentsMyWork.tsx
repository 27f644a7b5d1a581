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
import { AddAppointmentForm } from './AppointmentForms';
import { AppointmentsFeed } from './AppointmentsFeed';
import { AppointmentList } from './AppointmentsSection';
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
          {/* Mine with another authority only are edited and cancelled here (decision 0053). */}
          <AppointmentList items={data.items} showFamily sectionId="my-week" />
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

/** A task in a My work list: its words, its family, and what the list says about it. */
interface TaskLine {
  id: string;
  words: string;
  familyId: string;
  familyReference: string;
}

/** A short list of tasks under My work with a link to the full page (mine; asked of me). */
function TaskListSection<T extends TaskLine>({
  id,
  titleKey,
  list,
  noneKey,
  allKey,
  allPath,
  detail,
  linkAlways,
}: {
  id: string;
  titleKey: string;
  list: { data?: { items: T[] }; error: unknown };
  noneKey: string;
  allKey: string;
  allPath: string;
  detail: (task: T) => string;
  /** The link to the full list also when this one is empty. */
  linkAlways: boolean;
}) {
  const { t } = useTranslation();
  const items = list.data?.items ?? [];
  return (
    <Section id={id} title={t(titleKey)}>
      <FormProblem error={list.error} />
      {list.data && items.length === 0 && <BodyShort>{t(noneKey)}</BodyShort>}
      <ul className="sc-plain-list">
        {items.map((task) => (
          <li key={task.id}>
            <span dir="auto">{isolate(task.words)}</span> ·{' '}
            <Link as={RouterLink} to={`/families/${task.familyId}`}>
              {t('tasks.family', { reference: task.familyReference })}
            </Link>{' '}
            · {detail(task)}
          </li>
        ))}
      </ul>
      {(linkAlways || items.length > 0) && (
        <div>
          <Link as={RouterLink} to={allPath}>
            {t(allKey)}
          </Link>
        </div>
      )}
    </Section>
  );
}

function MyTasks() {
  const { t } = useTranslation();
  return (
    <TaskListSection
      id="my-tasks"
      titleKey="appointments.myWork.tasks"
      list={useMyTasks()}
      noneKey="appointments.myWork.tasksNone"
      allKey="appointments.myWork.allTasks"
      allPath="/tasks/mine"
      detail={(task) => t(`tasks.state.${task.state}`)}
      linkAlways
    />
  );
}

function AskedOfMe() {
  const { t } = useTranslation();
  return (
    <TaskListSection
      id="asked-of-me"
      titleKey="appointments.myWork.asked"
      list={useAskedTasks()}
      noneKey="appointments.myWork.askedNone"
      allKey="appointments.myWork.allAsked"
      allPath="/tasks/asked"
      detail={(task) =>
        `${t(`tasks.levelOption.${task.level}`)} · ${t('appointments.myWork.age', { count: task.ageDays })}`
      }
      linkAlways={false}
    />
  );
}
