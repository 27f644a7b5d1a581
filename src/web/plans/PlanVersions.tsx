import { BodyShort, Button, Heading, VStack } from '@navikt/ds-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Plan, PlanChange, PlanPerson } from '../../shared/plans/plans.contract';
import { FormProblem } from '../app/ErrorAlert';
import { formatDate, formatDateTime, languageName } from '../app/format';
import { DreamList } from './PlanDreams';
import { GoalList } from './PlanGoals';
import { personName, useDomainNames } from './plan.hooks';
import { usePlanVersion, usePlanVersions } from './plans.api';

/** One field's change in words: names for people and domains, dates formatted, – for nothing. */
function useChangeText(people: PlanPerson[]) {
  const { t } = useTranslation();
  const domains = useDomainNames();
  const value = (field: string, v: unknown): string => {
    if (v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0))
      return t('plan.nothing');
    if (field === 'personId') return personName(people.find((p) => p.id === v));
    if (field === 'agreedByPersonIds' && Array.isArray(v))
      return v.map((id) => personName(people.find((p) => p.id === id))).join(', ');
    if (field === 'domainId') return domains.name(String(v));
    if (field === 'agreedOn') return formatDate(String(v));
    if (field === 'language') return languageName(String(v));
    return String(v);
  };
  return (change: PlanChange) => ({
    title: `${t(`plan.change.${change.kind}.${change.action}`)}: ${change.words}`,
    fields:
      change.action === 'edit'
        ? change.fields.map((f) =>
            t('plan.fieldChange', {
              field: t(`plan.field.${f.field}`, { defaultValue: f.field }),
              from: value(f.field, f.from),
              to: value(f.field, f.to),
            }),
          )
        : [],
  });
}

/** The plan's versions, newest first: who changed what when; any version opens as it then stood. */
export function VersionsPart({ familyId, plan }: { familyId: string; plan: Plan }) {
  const { t } = useTranslation();
  const versions = usePlanVersions(familyId);
  const [open, setOpen] = useState<number | null>(null);
  const describe = useChangeText(plan.people);
  const items = versions.data?.items ?? [];
  return (
    <VStack gap="space-8">
      <Heading level="3" size="small">
        {t('plan.versions')}
      </Heading>
      <FormProblem error={versions.error} />
      {versions.data && items.length === 0 && <BodyShort>{t('plan.noVersions')}</BodyShort>}
      <ol className="sc-plain-list" aria-label={t('plan.versions')}>
        {items.map((v) => (
          <li key={v.version} className="sc-plan-item">
            <BodyShort weight="semibold">
              {t('plan.versionBy', {
                version: v.version,
                date: formatDateTime(v.changedAt),
                name: v.changedBy.displayName,
              })}
            </BodyShort>
            <ul>
              {v.changes.map((c) => {
                const text = describe(c);
                return (
                  <li key={`${c.kind}-${c.id}`}>
                    <span dir="auto">{text.title}</span>
                    {text.fields.length > 0 && (
                      <ul>
                        {text.fields.map((f) => (
                          <li key={f} dir="auto">
                            {f}
                          </li>
                        ))}
                      </ul>
                    )}
                  </li>
                );
              })}
            </ul>
            <div>
              <Button
                type="button"
                size="xsmall"
                variant="tertiary"
                aria-expanded={open === v.version}
                onClick={() => setOpen(open === v.version ? null : v.version)}
              >
                {open === v.version
                  ? t('plan.hide', { version: v.version })
                  : t('plan.show', { version: v.version })}
              </Button>
            </div>
            {open === v.version && (
              <VersionView familyId={familyId} version={v.version} people={plan.people} />
            )}
          </li>
        ))}
      </ol>
    </VStack>
  );
}

function VersionView({
  familyId,
  version,
  people,
}: {
  familyId: string;
  version: number;
  people: PlanPerson[];
}) {
  const { t } = useTranslation();
  const read = usePlanVersion(familyId, version);
  return (
    <VStack gap="space-8" className="sc-plan-version">
      <FormProblem error={read.error} />
      {read.data && (
        <>
          <BodyShort weight="semibold">{t('plan.asItWas', { version })}</BodyShort>
          <DreamList content={read.data} people={people} />
          <GoalList content={read.data} people={people} />
        </>
      )}
    </VStack>
  );
}
