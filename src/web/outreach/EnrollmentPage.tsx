import {
  Alert,
  BodyLong,
  BodyShort,
  Button,
  Checkbox,
  CheckboxGroup,
  FormProgress,
  GuidePanel,
  Heading,
  HStack,
  Link,
  List,
  Modal,
  Select,
  Skeleton,
  Textarea,
  VStack,
} from '@navikt/ds-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { flushSync } from 'react-dom';
import { Controller } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useNavigate, useParams } from 'react-router';
import { z } from 'zod';
import {
  ConsentPurpose,
  GiveConsentObject,
  interpreterNamesLanguage,
  PAIR_ROLE,
} from '../../shared/families/families.contract';
import type { NewMeasurement } from '../../shared/measures/measures.contract';
import type { Enroll, EnrollmentStart } from '../../shared/outreach/enrollment.contract';
import { announce } from '../app/Announcer';
import { ApiError } from '../app/api';
import { FormDateField } from '../app/DateField';
import { FormProblem } from '../app/ErrorAlert';
import { FormErrorSummary } from '../app/FormErrorSummary';
import { controlledProps, fieldProps } from '../app/fieldProps';
import { formatDate, today } from '../app/format';
import { errorFor, fieldId } from '../app/forms';
import { PageHeading } from '../app/PageHeading';
import { Section } from '../app/Section';
import { useContractForm } from '../app/useContractForm';
import {
  ConsentMannerFields,
  ConsentMannerForm,
  useConsentMannerLabels,
} from '../families/ConsentMannerFields';
import { useStaff } from '../families/families.api';
import { MeasurementForm } from '../measures/MeasurementForm';
import { useInstruments } from '../measures/measures.api';
import { outreachApi, outreachKeys, useEnrollmentStart } from './outreach.api';

/*
 * Enrolling a household from outreach in one guided flow (issue 15 §4, decision 0049): consent →
 * the pair (the leader chooses it; a team member is told the leader will) → the baseline, sent as
 * one request at the end, so nothing is saved half way; or placing the household in the
 * comparison group after a confirmation, since the team will not see it again.
 */

type Consents = Pick<Enroll, 'enrolledOn' | 'consents'>;
type Pair = [string, string] | null;

export function EnrollmentPage() {
  const { t } = useTranslation();
  const { householdId = '' } = useParams();
  const start = useEnrollmentStart(householdId);
  const s = start.data;
  const backTo = s?.buildingId ? `/outreach/buildings/${s.buildingId}` : '/outreach';
  return (
    <VStack gap="space-32">
      <PageHeading
        title={s ? t('enrollment.title', { reference: s.reference }) : t('enrollment.titleLoading')}
      />
      <div>
        <Link as={RouterLink} to={backTo}>
          {s?.buildingId ? t('enrollment.back') : t('enrollment.backToOutreach')}
        </Link>
      </div>
      <FormProblem error={start.error} />
      {start.isPending && <Skeleton variant="rectangle" height="12rem" />}
      {s && (
        <>
          <HouseholdFacts start={s} />
          {s.abilities.enroll ? (
            <EnrollFlow start={s} />
          ) : (
            <Alert variant="info" size="small">
              {t('enrollment.notEnrollable')}
            </Alert>
          )}
          {s.abilities.placeInComparison && <ComparisonSection start={s} backTo={backTo} />}
        </>
      )}
    </VStack>
  );
}

function HouseholdFacts({ start }: { start: EnrollmentStart }) {
  const { t } = useTranslation();
  return (
    <Section id="enrollment-household" title={t('enrollment.household')}>
      <VStack gap="space-8">
        <BodyShort>
          {t('enrollment.address')}: {start.address}
        </BodyShort>
        <BodyShort>
          {t('enrollment.status')}: {t(`outreach.statusName.${start.outreachStatus}`)}
        </BodyShort>
        <Heading level="3" size="xsmall">
          {t('enrollment.people')}
        </Heading>
        <List as="ul" size="small">
          {start.members.map((m) => (
            <List.Item key={m.id}>
              {t('enrollment.person', {
                name: `${m.firstName} ${m.lastName}`,
                role: t(`enums.householdRole.${m.role}`),
                birthDate: formatDate(m.birthDate),
              })}
            </List.Item>
          ))}
        </List>
      </VStack>
    </Section>
  );
}

function EnrollFlow({ start }: { start: EnrollmentStart }) {
  const { t } = useTranslation();
  const [step, setStep] = useState(1);
  const [consents, setConsents] = useState<Consents | null>(null);
  const [pair, setPair] = useState<Pair>(null);
  return (
    <Section id="enrollment-flow" title={t('enrollment.flow')}>
      <VStack gap="space-24">
        <FormProgress
          totalSteps={3}
          activeStep={step}
          // Back to a step already done; forward only by its form.
          onStepChange={(to) => to < step && setStep(to)}
          aria-label={t('enrollment.progress')}
        >
          <FormProgress.Step completed={step > 1}>{t('enrollment.stepConsent')}</FormProgress.Step>
          <FormProgress.Step completed={step > 2}>{t('enrollment.stepPair')}</FormProgress.Step>
          <FormProgress.Step>{t('enrollment.stepBaseline')}</FormProgress.Step>
        </FormProgress>
        {step === 1 && (
          <ConsentStep
            initial={consents}
            onNext={(c) => {
              setConsents(c);
              setStep(2);
            }}
          />
        )}
        {step === 2 && (
          <PairStep
            start={start}
            initial={pair}
            onBack={() => setStep(1)}
            onNext={(p) => {
              setPair(p);
              setStep(3);
            }}
          />
        )}
        {step === 3 && consents && (
          <BaselineStep start={start} consents={consents} pair={pair} onBack={() => setStep(2)} />
        )}
      </VStack>
    </Section>
  );
}

/** The consent step as the form holds it (text, a list of purposes), piped into the register's consent contract. */
const ConsentForm = z
  .object({
    enrolledOn: GiveConsentObject.shape.givenOn,
    purposes: z.array(ConsentPurpose).min(1, { message: 'errors.consentRequired' }),
    scope: GiveConsentObject.shape.scope,
    givenOn: GiveConsentObject.shape.givenOn,
    ...ConsentMannerForm,
  })
  .superRefine(interpreterNamesLanguage);

const consentFormId = 'enrollment-consent';

function ConsentStep({ initial, onNext }: { initial: Consents | null; onNext: (c: Consents) => void }) {
  const { t } = useTranslation();
  const first = initial?.consents[0];
  const { form, errors } = useContractForm(ConsentForm, {
    enrolledOn: initial?.enrolledOn ?? today(),
    purposes: initial?.consents.map((c) => c.purpose) ?? ['case_work', 'cross_department_sharing'],
    scope: first?.scope ?? '',
    givenOn: first?.givenOn ?? today(),
    // The contract's input types of these (preprocessed) fields are open; the step wrote strings.
    givenHow: (first?.givenHow as string | undefined) ?? '',
    interpreter: first?.interpreter ?? false,
    language: (first?.language as string | null | undefined) ?? '',
  });
  const field = fieldProps(form, consentFormId, errors);
  const bound = controlledProps(form, consentFormId, errors);
  const labels: Record<string, string> = {
    enrolledOn: t('enrollment.enrolledOn'),
    purposes: t('enrollment.purposes'),
    scope: t('enrollment.scope'),
    givenOn: t('enrollment.givenOn'),
    ...useConsentMannerLabels(),
  };
  const submit = form.handleSubmit((v) =>
    onNext({
      enrolledOn: v.enrolledOn,
      consents: v.purposes.map((purpose) => ({
        purpose,
        scope: v.scope,
        givenOn: v.givenOn,
        givenHow: v.givenHow,
        interpreter: v.interpreter,
        language: v.language,
      })),
    }),
  );
  return (
    <form onSubmit={submit} noValidate aria-label={t('enrollment.stepConsent')}>
      <VStack gap="space-16" className="sc-form-narrow">
        <FormErrorSummary formId={consentFormId} errors={errors} labelFor={(f) => labels[f]} />
        <FormDateField label={labels.enrolledOn} {...bound('enrolledOn')} />
        <Controller
          control={form.control}
          name="purposes"
          render={({ field }) => (
            <CheckboxGroup
              id={fieldId(consentFormId, 'purposes')}
              legend={labels.purposes}
              description={t('enrollment.purposesHint')}
              value={field.value}
              onChange={field.onChange}
              error={errorFor(errors, 'purposes')}
            >
              {ConsentPurpose.options.map((p) => (
                <Checkbox key={p} value={p}>
                  {t(`enums.consentPurpose.${p}`)}
                </Checkbox>
              ))}
            </CheckboxGroup>
          )}
        />
        <Textarea label={labels.scope} description={t('enrollment.scopeHint')} {...field('scope')} />
        <FormDateField label={labels.givenOn} {...bound('givenOn')} />
        <ConsentMannerFields control={form.control} formId={consentFormId} errors={errors} />
        <div>
          <Button type="submit">{t('enrollment.next')}</Button>
        </div>
      </VStack>
    </form>
  );
}

/** Both chosen and different, or neither (the pair assigned later). */
const PairForm = z
  .object({ first: z.string(), second: z.string() })
  .superRefine((p, ctx) => {
    if (p.first === '' && p.second === '') return;
    if (p.first === '') ctx.addIssue({ code: 'custom', path: ['first'], message: 'errors.required' });
    if (p.second === '') ctx.addIssue({ code: 'custom', path: ['second'], message: 'errors.required' });
    if (p.first !== '' && p.first === p.second)
      ctx.addIssue({ code: 'custom', path: ['second'], message: 'errors.pairDistinct' });
  })
  .transform((p): { pair: Pair } => ({ pair: p.first === '' ? null : [p.first, p.second] }));

const pairFormId = 'enrollment-pair';

function PairStep({
  start,
  initial,
  onBack,
  onNext,
}: {
  start: EnrollmentStart;
  initial: Pair;
  onBack: () => void;
  onNext: (p: Pair) => void;
}) {
  const { t } = useTranslation();
  const staff = useStaff(start.abilities.assignPair);
  const { form, errors } = useContractForm(PairForm, {
    first: initial?.[0] ?? '',
    second: initial?.[1] ?? '',
  });
  const field = fieldProps(form, pairFormId, errors);
  const labels: Record<string, string> = {
    first: t('enrollment.pairFirst'),
    second: t('enrollment.pairSecond'),
  };
  if (!start.abilities.assignPair)
    return (
      <VStack gap="space-16">
        <GuidePanel poster={false}>{t('enrollment.pairByLeader')}</GuidePanel>
        <HStack gap="space-16">
          <Button type="button" onClick={() => onNext(null)}>
            {t('enrollment.next')}
          </Button>
          <Button type="button" variant="tertiary" onClick={onBack}>
            {t('enrollment.previous')}
          </Button>
        </HStack>
      </VStack>
    );
  const select = (name: 'first' | 'second') => (
    <Select label={labels[name]} {...field(name)}>
      <option value="">{t('enrollment.pairNone')}</option>
      {staff.data?.items
        .filter((s) => s.role === PAIR_ROLE)
        .map((s) => (
          <option key={s.id} value={s.id}>
            {s.displayName}
          </option>
        ))}
    </Select>
  );
  return (
    <form
      onSubmit={form.handleSubmit((v) => onNext(v.pair))}
      noValidate
      aria-label={t('enrollment.stepPair')}
    >
      <VStack gap="space-16" className="sc-form-narrow">
        <BodyLong>{t('enrollment.pairLeader')}</BodyLong>
        <FormErrorSummary formId={pairFormId} errors={errors} labelFor={(f) => labels[f]} />
        <FormProblem error={staff.error} />
        {select('first')}
        {select('second')}
        <HStack gap="space-16">
          <Button type="submit">{t('enrollment.next')}</Button>
          <Button type="button" variant="tertiary" onClick={onBack}>
            {t('enrollment.previous')}
          </Button>
        </HStack>
      </VStack>
    </form>
  );
}

/** The server names a baseline field under `baseline.`; the baseline form knows it without. */
function asBaselineProblem(error: unknown): unknown {
  if (!(error instanceof ApiError) || !error.problem.errors) return error;
  return new ApiError({
    ...error.problem,
    errors: error.problem.errors.map((e) => ({ ...e, field: e.field.replace(/^baseline\./, '') })),
  });
}

function BaselineStep({
  start,
  consents,
  pair,
  onBack,
}: {
  start: EnrollmentStart;
  consents: Consents;
  pair: Pair;
  onBack: () => void;
}) {
  const { t, i18n } = useTranslation();
  const instruments = useInstruments();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const lang = i18n.language === 'en' ? 'en' : 'da';

  async function enroll(baseline: NewMeasurement | null) {
    const body: Enroll = {
      version: start.version,
      ...consents,
      ...(pair ? { pair } : {}),
      ...(baseline
        ? {
            baseline: {
              takenOn: baseline.takenOn,
              language: baseline.language,
              adults: baseline.adults,
              children: baseline.children,
              household: baseline.household,
            },
          }
        : {}),
    };
    const done = await outreachApi.enroll(start.id, body).catch((error: unknown) => {
      throw asBaselineProblem(error);
    });
    announce(t('enrollment.enrolled', { reference: done.reference }));
    await queryClient.invalidateQueries({ queryKey: outreachKeys.all });
    navigate(`/families/${done.familyId}`);
    return done;
  }
  const withoutBaseline = useMutation({ mutationFn: () => enroll(null) });

  return (
    <VStack gap="space-16">
      <BodyLong>{t('enrollment.baselineIntro')}</BodyLong>
      <FormProblem error={withoutBaseline.error ?? instruments.error} />
      {instruments.isPending && <Skeleton variant="rectangle" height="8rem" />}
      {instruments.data && (
        <MeasurementForm
          familyId={start.id}
          members={start.members}
          instruments={instruments.data.items}
          occasion="baseline"
          today={today()}
          language={lang}
          onDone={() => {}}
          send={{
            label: t('enrollment.enroll'),
            backLabel: t('enrollment.previous'),
            back: onBack,
            run: enroll,
            extra: (
              <Button
                type="button"
                size="small"
                variant="secondary"
                loading={withoutBaseline.isPending}
                onClick={() => withoutBaseline.mutate()}
              >
                {t('enrollment.enrollWithoutBaseline')}
              </Button>
            ),
          }}
        />
      )}
    </VStack>
  );
}

function ComparisonSection({ start, backTo }: { start: EnrollmentStart; backTo: string }) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const place = useMutation({
    mutationFn: () => outreachApi.placeInComparison(start.id, start.version),
    onSuccess: async () => {
      // The dialog must be gone before the page changes (while open, the rest is inert).
      flushSync(() => setConfirming(false));
      announce(t('enrollment.placed'));
      await queryClient.invalidateQueries({ queryKey: outreachKeys.all });
      navigate(backTo);
    },
  });
  return (
    <Section id="enrollment-comparison" title={t('enrollment.comparison')}>
      <VStack gap="space-16">
        <BodyLong>{t('enrollment.comparisonBody')}</BodyLong>
        <div>
          <Button type="button" variant="secondary" onClick={() => setConfirming(true)}>
            {t('enrollment.placeInComparison')}
          </Button>
        </div>
      </VStack>
      {confirming && (
        <Modal
          open
          onClose={() => setConfirming(false)}
          header={{ heading: t('enrollment.confirmComparisonHeading', { reference: start.reference }) }}
          width="medium"
        >
          <Modal.Body>
            <VStack gap="space-16">
              <BodyLong>{t('enrollment.confirmComparisonBody')}</BodyLong>
              <FormProblem error={place.error} />
            </VStack>
          </Modal.Body>
          <Modal.Footer>
            <Button type="button" variant="danger" loading={place.isPending} onClick={() => place.mutate()}>
              {t('enrollment.confirmComparison')}
            </Button>
            <Button type="button" variant="secondary" onClick={() => setConfirming(false)}>
              {t('forms.cancel')}
            </Button>
          </Modal.Footer>
        </Modal>
      )}
    </Section>
  );
}
