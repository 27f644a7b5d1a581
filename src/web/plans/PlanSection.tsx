import { BodyShort, Link, VStack } from '@navikt/ds-react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { FormProblem } from '../app/ErrorAlert';
import { Section } from '../app/Section';
import { DreamsPart } from './PlanDreams';
import { GoalsPart } from './PlanGoals';
import { VersionsPart } from './PlanVersions';
import { useFamilyPlan } from './plans.api';

/**
 * The family's plan in its own words (decision 0039): dreams by member, goals by domain in the
 * family's order, and the versions with what each changed; an earlier version opens as it was.
 */
export function PlanSection({ familyId }: { familyId: string }) {
  const { t } = useTranslation();
  const plan = useFamilyPlan(familyId);
  return (
    <Section
      id="plan"
      title={t('plan.title')}
      actions={
        plan.data ? (
          <Link as={RouterLink} to={`/families/${encodeURIComponent(familyId)}/plan/print`}>
            {t('plan.print')}
          </Link>
        ) : undefined
      }
    >
      <FormProblem error={plan.error} />
      {plan.data && (
        <VStack gap="space-24">
          <BodyShort>
            {t('plan.intro')}{' '}
            {plan.data.version === 0 ? t('plan.empty') : t('plan.version', { version: plan.data.version })}
          </BodyShort>
          <DreamsPart familyId={familyId} plan={plan.data} />
          <GoalsPart familyId={familyId} plan={plan.data} />
          <VersionsPart familyId={familyId} plan={plan.data} />
        </VStack>
      )}
    </Section>
  );
}
