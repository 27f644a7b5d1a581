import { PlusIcon } from '@navikt/aksel-icons';
import { BodyLong, BodyShort, Button, Modal, Select, Table, Textarea, VStack } from '@navikt/ds-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import {
  type Consent,
  ConsentPurpose,
  type FamilyDetail,
  type GiveConsent,
  GiveConsentObject,
  interpreterNamesLanguage,
  WithdrawConsent,
} from '../../shared/families/families.contract';
import { announce } from '../app/Announcer';
import { ApiError } from '../app/api';
import { FormDateField } from '../app/DateField';
import { FormProblem } from '../app/ErrorAlert';
import { FormActions } from '../app/FormActions';
import { FormErrorSummary } from '../app/FormErrorSummary';
import { controlledProps, fieldProps } from '../app/fieldProps';
import { focusById, useFocusFirstField } from '../app/focus';
import { formatDate, languageName, today } from '../app/format';
import { fieldId } from '../app/forms';
import { ScrollTable } from '../app/ScrollTable';
import { focusSection, Section, SectionButton } from '../app/Section';
import { TableHeadings } from '../app/TableHeadings';
import { useContractForm } from '../app/useContractForm';
import { ConsentMannerFields, ConsentMannerForm, useConsentMannerLabels } from './ConsentMannerFields';
import { familiesApi, familyKeys } from './families.api';

/** Consent per purpose: what the family agreed to, for whom, since when, and any withdrawal. */
export function ConsentsSection({ family }: { family: FamilyDetail }) {
  const { t } = useTranslation();
  const [giving, setGiving] = useState(false);
  const [withdrawing, setWithdrawing] = useState<Consent | null>(null);
  const canManage = family.abilities.manageConsent;
  // One consent in force per purpose (decision 0019): with every purpose taken there is none to record.
  const allInForce = ConsentPurpose.options.every((p) => purposesInForce(family).has(p));

  const personName = (id: string | null) => {
    if (!id) return t('family.consents.wholeFamily');
    const m = family.members.find((p) => p.id === id);
    return m ? `${m.firstName} ${m.lastName}` : '–';
  };

  return (
    <Section
      id="consents"
      title={t('family.consents.title')}
      actions={
        canManage &&
        !giving &&
        !allInForce && (
          <SectionButton icon={<PlusIcon aria-hidden />} onClick={() => setGiving(true)}>
            {t('family.consents.giveButton')}
          </SectionButton>
        )
      }
    >
      {family.consents.length === 0 ? (
        <BodyShort>{t('family.consents.empty')}</BodyShort>
      ) : (
        <ScrollTable label={t('family.consents.tableLabel')}>
          <Table size="small">
            <TableHeadings
              labels={[
                'family.consents.purpose',
                'family.consents.scope',
                'family.consents.person',
                'family.consents.givenOn',
                'family.consents.how',
                'family.consents.withdrawnOn',
                'family.consents.recordedBy',
              ]}
              actions={canManage && 'family.consents.actions'}
            />
            <Table.Body>
              {family.consents.map((consent) => (
                <Table.Row key={consent.id}>
                  <Table.HeaderCell scope="row">
                    {t(`enums.consentPurpose.${consent.purpose}`)}
                  </Table.HeaderCell>
                  <Table.DataCell>
                    {/* Free text: isolated, so a bidi control in it stays inside (bdi is dir="auto"). */}
                    {consent.scope ? <bdi className="sc-free-text">{consent.scope}</bdi> : '–'}
                  </Table.DataCell>
                  <Table.DataCell>{personName(consent.personId)}</Table.DataCell>
                  <Table.DataCell className="sc-nowrap">{formatDate(consent.givenOn)}</Table.DataCell>
                  <Table.DataCell>
                    <HowGiven consent={consent} />
                  </Table.DataCell>
                  <Table.DataCell className="sc-nowrap">
                    {formatDate(consent.withdrawnOn) || '–'}
                  </Table.DataCell>
                  <Table.DataCell>{consent.recordedBy?.displayName ?? '–'}</Table.DataCell>
                  {canManage && (
                    <Table.DataCell>
                      {!consent.withdrawnOn && (
                        <Button
                          type="button"
                          size="xsmall"
                          variant="tertiary"
                          id={withdrawButtonId(consent.id)}
                          onClick={() => setWithdrawing(consent)}
                          aria-label={t('family.consents.withdrawFor', {
                            purpose: t(`enums.consentPurpose.${consent.purpose}`),
                          })}
                        >
                          {t('family.consents.withdraw')}
                        </Button>
                      )}
                    </Table.DataCell>
                  )}
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </ScrollTable>
      )}
      {canManage && allInForce && <BodyShort>{t('family.consents.allInForce')}</BodyShort>}
      {giving && (
        <GiveConsentForm
          family={family}
          onDone={() => {
            setGiving(false);
            focusSection('consents');
          }}
        />
      )}
      {withdrawing && (
        <WithdrawConsentModal
          familyId={family.id}
          consent={withdrawing}
          personName={personName(withdrawing.personId)}
          onClose={(withdrawn) => {
            setWithdrawing(null);
            // Withdrawn, the row's button is gone: focus goes to the section. Cancelled (or
            // Escape), it goes back to the button that opened the dialog.
            if (withdrawn) focusSection('consents');
            else focusById(withdrawButtonId(withdrawing.id));
          }}
        />
      )}
    </Section>
  );
}

/**
 * How the consent was given, the language it was explained in and whether an interpreter took
 * part (migration 0032): what a later reader needs to judge whether the family understood it.
 * Consents recorded before these were asked show a dash for what is not known.
 */
function HowGiven({ consent }: { consent: Consent }) {
  const { t } = useTranslation();
  const how = consent.givenHow ? t(`family.consents.givenHowOption.${consent.givenHow}`) : null;
  const language = consent.language
    ? t(consent.interpreter ? 'family.consents.inLanguageInterpreter' : 'family.consents.inLanguage', {
        language: languageName(consent.language),
      })
    : consent.interpreter
      ? t('family.consents.interpreter')
      : null;
  if (!how && !language) return '–';
  return (
    <>
      <div>{how ?? '–'}</div>
      {language && <div>{language}</div>}
    </>
  );
}

const withdrawButtonId = (consentId: string) => `consent-withdraw-${consentId}`;

/** The purposes the family has a consent in force for: a new one for these is refused until it is withdrawn. */
const purposesInForce = (family: FamilyDetail) =>
  new Set(family.consents.filter((c) => !c.withdrawnOn).map((c) => c.purpose));

const giveFormId = 'consent-give';

/** The person is chosen in a list whose first option, the whole family, is no one (null). */
const GiveConsentFields = GiveConsentObject.extend({
  personId: z
    .string()
    .transform((v): string | null | undefined => v || null)
    .pipe(GiveConsentObject.shape.personId),
  // Whoever records a consent now knows how it was given (the contract allows none for older ones).
  ...ConsentMannerForm,
}).superRefine(interpreterNamesLanguage);

function GiveConsentForm({ family, onDone }: { family: FamilyDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { form, errors, showProblem } = useContractForm(GiveConsentFields, {
    scope: '',
    givenOn: today(),
    personId: '',
    givenHow: '',
    interpreter: false,
    language: '',
  });
  const field = fieldProps(form, giveFormId, errors);
  const bound = controlledProps(form, giveFormId, errors);
  const formRef = useFocusFirstField<HTMLFormElement>();

  const give = useMutation({
    mutationFn: (body: GiveConsent) => familiesApi.giveConsent(family.id, body),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: familyKeys.all });
      announce(t('forms.saved'));
      onDone();
    },
    onError: async (error) => {
      showProblem(error);
      // A colleague recorded a consent for this purpose meanwhile: show it, and the purpose as taken.
      if (error instanceof ApiError && error.status === 409)
        await queryClient.invalidateQueries({ queryKey: familyKeys.all });
    },
  });
  const inForce = purposesInForce(family);

  const submit = form.handleSubmit(
    (body) => give.mutate(body),
    () => give.reset(),
  );

  const labels: Record<string, string> = {
    purpose: t('family.consents.purpose'),
    scope: t('family.consents.scope'),
    givenOn: t('family.consents.givenOn'),
    personId: t('family.consents.person'),
    ...useConsentMannerLabels(),
  };

  return (
    <form ref={formRef} onSubmit={submit} noValidate aria-label={t('family.consents.formLabel')}>
      <VStack gap="space-16" className="sc-form-narrow">
        <FormErrorSummary formId={giveFormId} errors={errors} labelFor={(f) => labels[f]} />
        <FormProblem error={give.error} />
        <Select
          label={labels.purpose}
          {...field('purpose')}
          description={inForce.size > 0 ? t('family.consents.inForceHint') : undefined}
        >
          <option value="">{t('forms.choose')}</option>
          {ConsentPurpose.options.map((p) => (
            <option key={p} value={p} disabled={inForce.has(p)}>
              {inForce.has(p)
                ? t('family.consents.inForceOption', { purpose: t(`enums.consentPurpose.${p}`) })
                : t(`enums.consentPurpose.${p}`)}
            </option>
          ))}
        </Select>
        <Select label={labels.personId} {...field('personId')}>
          <option value="">{t('family.consents.wholeFamily')}</option>
          {family.members.map((m) => (
            <option key={m.id} value={m.id}>
              {m.firstName} {m.lastName}
            </option>
          ))}
        </Select>
        <Textarea
          label={labels.scope}
          description={t('family.consents.scopeHint')}
          {...field('scope')}
          maxLength={500}
          minRows={2}
        />
        <FormDateField label={labels.givenOn} {...bound('givenOn')} />
        <ConsentMannerFields control={form.control} formId={giveFormId} errors={errors} />
        <FormActions submit={t('family.consents.give')} saving={give} onCancel={onDone} />
      </VStack>
    </form>
  );
}

const withdrawFormId = 'consent-withdraw';

interface WithdrawProps {
  familyId: string;
  consent: Consent;
  personName: string;
  /** `true` once the consent is withdrawn; `false` when cancelled. */
  onClose: (withdrawn: boolean) => void;
}

function WithdrawConsentModal({ familyId, consent, personName, onClose }: WithdrawProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { form, errors, showProblem } = useContractForm(WithdrawConsent, { withdrawnOn: today() });
  const bound = controlledProps(form, withdrawFormId, errors);

  const withdraw = useMutation({
    mutationFn: (body: z.output<typeof WithdrawConsent>) =>
      familiesApi.withdrawConsent(familyId, consent.id, body.withdrawnOn),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: familyKeys.all });
      announce(t('forms.saved'));
      onClose(true);
    },
    onError: (error) => {
      showProblem(error);
      // The button was busy, and focus left the dialog with it: back to the date to correct.
      focusById(fieldId(withdrawFormId, 'withdrawnOn'));
    },
  });

  const submit = form.handleSubmit(
    (body) => withdraw.mutate(body),
    () => {
      withdraw.reset();
      // No error summary in the dialog: focus goes to the date to correct.
      focusById(fieldId(withdrawFormId, 'withdrawnOn'));
    },
  );

  return (
    <Modal
      open
      onClose={() => onClose(false)}
      header={{ heading: t('family.consents.withdrawHeading') }}
      width="medium"
    >
      <form onSubmit={submit} noValidate>
        <Modal.Body>
          <VStack gap="space-16">
            <BodyLong>
              {t('family.consents.withdrawBody', {
                purpose: t(`enums.consentPurpose.${consent.purpose}`),
                person: personName,
              })}
            </BodyLong>
            <FormProblem error={withdraw.error} />
            <FormDateField label={t('family.consents.withdrawnOn')} {...bound('withdrawnOn')} />
          </VStack>
        </Modal.Body>
        <Modal.Footer>
          <Button type="submit" variant="danger" loading={withdraw.isPending}>
            {t('family.consents.confirmWithdraw')}
          </Button>
          <Button type="button" variant="secondary" onClick={() => onClose(false)}>
            {t('forms.cancel')}
          </Button>
        </Modal.Footer>
      </form>
    </Modal>
  );
}
