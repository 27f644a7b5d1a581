import { Alert, BodyLong, Button, Link, VStack } from '@navikt/ds-react';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useLocation, useParams } from 'react-router';
import type { FamilyDetail } from '../../shared/families/families.contract';
import { familyName } from '../../shared/families/family-name';
import { ApiError } from '../app/api';
import { ErrorAlert } from '../app/ErrorAlert';
import { formatDateTime } from '../app/format';
import { PageHeading } from '../app/PageHeading';
import { PageLoader } from '../app/PageLoader';
import { AppointmentsSection } from '../journal/AppointmentsSection';
import { JournalSection } from '../journal/JournalSection';
import { MeasuresSection } from '../measures/MeasuresSection';
import { PlanSection } from '../plans/PlanSection';
import { useAskedTasks } from '../plans/plans.api';
import { TasksSection } from '../plans/TasksSection';
import { BREAK_GLASS_NOTICE_ID, BreakGlassForm } from './BreakGlassForm';
import { ConsentsSection } from './ConsentsSection';
import { FamilyOverviewSection } from './FamilyOverviewSection';
import { useFamily } from './families.api';
import { HistorySection } from './HistorySection';
import { listPathFrom } from './listReturn';
import { MembersSection } from './MembersSection';
import { PairSection } from './PairSection';

/** One family: address and status, people, the pair, consents and history — each as the user may. */
export function FamilyPage() {
  const { t } = useTranslation();
  const { familyId = '' } = useParams();
  const location = useLocation();
  const family = useFamily(familyId);
  const error = family.error;
  // The family by its adults' names with its reference ("Amal og Karim Odeh – familie F-0003").
  const familyTitle = (f: FamilyDetail) => {
    const name = familyName(f.members, t('family.and'));
    return name
      ? t('family.titleNamed', { name, reference: f.reference })
      : t('family.title', { reference: f.reference });
  };

  const title = family.data ? familyTitle(family.data) : t('family.titleLoading');

  let content: ReactNode;
  if (family.isPending) content = <PageLoader />;
  else if (error instanceof ApiError && error.status === 403 && error.hasType('/break-glass-available')) {
    content = <OutsideTheTeam familyId={familyId} />;
  } else if (error instanceof ApiError && (error.status === 404 || error.status === 400)) {
    content = <BodyLong>{t('family.notFound')}</BodyLong>;
  } else if (error) content = <ErrorAlert error={error} />;
  else if (family.data) content = <FamilyView family={family.data} />;

  return (
    <VStack gap="space-24">
      <div>
        <Link as={RouterLink} to={listPathFrom(location.state)}>
          {t('family.backToList')}
        </Link>
      </div>
      <PageHeading title={title} />
      {content}
    </VStack>
  );
}

/**
 * Outside the family's team. A specialist routed one of its open tasks reads its tasks and the
 * notes linked to theirs (decisions 0036, 0037), so "Asked of me" links here: they see those,
 * not the family; once they accepted the task they write notes about it and move it on (0045).
 * Anyone else may break the glass.
 */
function OutsideTheTeam({ familyId }: { familyId: string }) {
  const { t } = useTranslation();
  // My own "asked of me" list says whether a task of this family is routed to me: the family's
  // tasks are asked for only then, so nobody else leaves a refused read in the audit log.
  const asked = useAskedTasks();
  if (asked.isPending) return <PageLoader />;
  if (!asked.data?.items.some((task) => task.familyId === familyId))
    return <BreakGlassForm familyId={familyId} />;
  return (
    <VStack gap="space-24">
      <BodyLong>{t('family.routedAccess')}</BodyLong>
      <TasksSection familyId={familyId} readsPlan={false} />
      <JournalSection familyId={familyId} />
    </VStack>
  );
}

/** Team access shows basic facts; outside the pair, full access means breaking the glass. */
function BasicAccessNotice({ familyId, canBreakGlass }: { familyId: string; canBreakGlass: boolean }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <VStack gap="space-16">
      <Alert variant="info">
        <VStack gap="space-8" align="start">
          <BodyLong>{t('family.basicAccess')}</BodyLong>
          {canBreakGlass && !open && (
            <Button type="button" size="small" variant="secondary" onClick={() => setOpen(true)}>
              {t('family.breakGlass.open')}
            </Button>
          )}
        </VStack>
      </Alert>
      {open && <BreakGlassForm familyId={familyId} focusOnOpen />}
    </VStack>
  );
}

function FamilyView({ family }: { family: FamilyDetail }) {
  const { t } = useTranslation();
  return (
    <VStack gap="space-40">
      {family.access === 'break_glass' && (
        <Alert variant="warning" id={BREAK_GLASS_NOTICE_ID} tabIndex={-1}>
          {t('family.breakGlassActive', { until: formatDateTime(family.breakGlassExpiresAt) })}
        </Alert>
      )}
      {!family.abilities.readFull && (
        <BasicAccessNotice familyId={family.id} canBreakGlass={family.abilities.breakGlass} />
      )}
      <FamilyOverviewSection family={family} />
      <MembersSection family={family} />
      <PairSection family={family} />
      {/* The plan is for whoever works with the family (families.update is that relationship); the
          tasks also for a specialist of the team routed one of them, without the plan (0053). */}
      {family.abilities.update && <PlanSection familyId={family.id} />}
      {(family.abilities.update || family.abilities.readTasks) && (
        <TasksSection familyId={family.id} readsPlan={family.abilities.update} />
      )}
      {/* The journal is the team's (sensitive notes shown only as existing to those who may not read them). */}
      <JournalSection familyId={family.id} family={family} />
      {family.abilities.update && <MeasuresSection family={family} />}
      {family.abilities.update && <AppointmentsSection familyId={family.id} pair={family.pair} />}
      {family.abilities.readFull && <ConsentsSection family={family} />}
      {family.abilities.viewHistory && <HistorySection family={family} />}
    </VStack>
  );
}
