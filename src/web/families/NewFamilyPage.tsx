import { PlusIcon, TrashIcon } from '@navikt/aksel-icons';
import {
  BodyLong,
  Button,
  Fieldset,
  FormProgress,
  FormSummary,
  Heading,
  HStack,
  Modal,
  VStack,
} from '@navikt/ds-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Blocker, useBlocker, useNavigate, useSearchParams } from 'react-router';
import { formatAddress } from '../../shared/families/address';
import { AddressInput, CreateFamily } from '../../shared/families/families.contract';
import { DateField } from '../app/DateField';
import { FormProblem } from '../app/ErrorAlert';
import { FormErrorSummary } from '../app/FormErrorSummary';
import { focusById } from '../app/focus';
import { countryName, formatDate, languageNames, today } from '../app/format';
import { errorFor, type FieldError, fieldId, issuesToErrors, problemToErrors } from '../app/forms';
import { PageHeading } from '../app/PageHeading';
import { useFieldErrors } from '../app/useFieldErrors';
import { AddressFields, useAddressLabels } from './AddressFields';
import {
  type AddressDraft,
  addressBody,
  emptyAddress,
  emptyMember,
  type MemberDraft,
  memberBody,
  normaliseMemberErrors,
  splitLanguages,
} from './drafts';
import { familiesApi, familyKeys, useAreas } from './families.api';
import { MemberFields, useMemberLabels } from './MemberFields';

const formId = 'new-family';
type Step = 1 | 2 | 3;

interface MemberRow {
  key: number;
  draft: MemberDraft;
}

const stepOf = (field: string): Step => (field.startsWith('members') ? 2 : 1);

/** The step the URL asks for (`?step=2`), 1 when it asks for none or nonsense. */
const askedStep = (search: URLSearchParams): Step => {
  const n = Number(search.get('step'));
  return n === 2 || n === 3 ? n : 1;
};

/** Anything typed: the address, the date changed from today, or any person's field. */
function hasInput(address: AddressDraft, enrolledOn: string, initialDate: string, members: MemberRow[]) {
  const blankMember = JSON.stringify(emptyMember());
  return (
    JSON.stringify(address) !== JSON.stringify(emptyAddress()) ||
    enrolledOn !== initialDate ||
    members.length !== 1 ||
    members.some((m) => JSON.stringify(m.draft) !== blankMember)
  );
}

/**
 * Enrolling a family in three short steps: address, people, then a summary to check before saving.
 *
 * Every step's input lives here, in the page, for as long as the wizard is open: going Back and
 * Continue again shows what was typed. The step is in the URL (`?step=2`, nothing personal), so
 * the browser's Back and Forward buttons move between the steps too instead of leaving the page.
 * The drafts are not put in the browser's storage (names and CPR numbers would outlive the
 * page): leaving with something typed — Cancel, a link, the browser's Back from the first step,
 * closing the tab — asks first.
 */
export function NewFamilyPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const areas = useAreas();
  const addressLabels = useAddressLabels();
  const memberLabels = useMemberLabels();

  const [search, setSearch] = useSearchParams();
  // The furthest step reached by Continue: the URL cannot skip a step nobody has checked.
  const [reached, setReached] = useState<Step>(1);
  const step = Math.min(askedStep(search), reached) as Step;
  const setStep = (target: Step) => {
    setReached((r) => Math.max(r, target) as Step);
    setSearch(target === 1 ? {} : { step: String(target) });
  };
  // A reload or a link to `?step=3` starts from the first step again (nothing was kept).
  useEffect(() => {
    if (askedStep(search) !== step) setSearch(step === 1 ? {} : { step: String(step) }, { replace: true });
  }, [search, step, setSearch]);

  const [initialDate] = useState(today);
  const [address, setAddress] = useState<AddressDraft>(emptyAddress);
  const [enrolledOn, setEnrolledOn] = useState(initialDate);
  const nextKey = useRef(1);
  const [members, setMembers] = useState<MemberRow[]>(() => [{ key: 0, draft: emptyMember() }]);
  const [errors, setErrors] = useFieldErrors();

  // Saved families and sign-outs leave without asking; anything else that leaves the wizard
  // with input in it asks first. Moving between the steps stays on this page.
  const saved = useRef(false);
  const dirty = hasInput(address, enrolledOn, initialDate, members);
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      dirty &&
      !saved.current &&
      nextLocation.pathname !== currentLocation.pathname &&
      nextLocation.pathname !== '/login',
  );
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const stepHeading = useRef<HTMLHeadingElement>(null);
  const firstRender = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: focus follows the step
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    stepHeading.current?.focus();
  }, [step]);

  const body = (): CreateFamily => ({
    ...addressBody(address),
    enrolledOn: enrolledOn || null,
    members: members.map((m) => memberBody(m.draft)),
  });

  const create = useMutation({
    mutationFn: familiesApi.create,
    onSuccess: async (family) => {
      queryClient.setQueryData(familyKeys.detail(family.id), family);
      await queryClient.invalidateQueries({ queryKey: [...familyKeys.all, 'list'] });
      saved.current = true;
      // The summary step is not kept in the history; Back from the family finds an empty wizard.
      navigate(`/families/${family.id}`, { replace: true });
    },
    onError: (error) => {
      const fieldErrors = normaliseMemberErrors(problemToErrors(error));
      setErrors(fieldErrors);
      const first = fieldErrors.map((e) => stepOf(e.field)).sort()[0];
      if (first) setStep(first);
    },
  });

  function validateStep(current: Step): FieldError[] {
    if (current === 1) {
      const found = [
        ...(() => {
          const input = addressBody(address);
          const r = AddressInput.safeParse(input);
          return r.success ? [] : issuesToErrors(r.error.issues, t, '', input);
        })(),
        ...(() => {
          const r = CreateFamily.shape.enrolledOn.safeParse(enrolledOn || null);
          return r.success ? [] : issuesToErrors(r.error.issues, t, 'enrolledOn');
        })(),
      ];
      return found;
    }
    if (current === 2) {
      const input = members.map((m) => memberBody(m.draft));
      const r = CreateFamily.shape.members.safeParse(input);
      return r.success ? [] : normaliseMemberErrors(issuesToErrors(r.error.issues, t, 'members', input));
    }
    const input = body();
    const r = CreateFamily.safeParse(input);
    return r.success ? [] : normaliseMemberErrors(issuesToErrors(r.error.issues, t, '', input));
  }

  function next(event: FormEvent) {
    event.preventDefault();
    const found = validateStep(step);
    setErrors(found);
    if (found.length > 0) {
      if (step === 3) {
        const first = found.map((e) => stepOf(e.field)).sort()[0];
        if (first) setStep(first);
      }
      return;
    }
    if (step === 3) create.mutate(body());
    else setStep((step + 1) as Step);
  }

  function cancel() {
    // Asks first when something was typed (the blocker), then back to the list.
    navigate('/families');
  }

  function goTo(target: Step) {
    if (target < step) {
      setErrors([]);
      setStep(target);
    }
  }

  function labelFor(field: string): string | undefined {
    if (field === 'enrolledOn') return t('families.new.enrolledOn');
    if (field === 'members') return t('families.new.members');
    const member = /^members\.(\d+)\.(\w+)/.exec(field);
    if (member) {
      const label = memberLabels[member[2] as keyof MemberDraft];
      return t('families.new.personField', { n: Number(member[1]) + 1, label: label ?? member[2] });
    }
    return addressLabels[field as keyof AddressDraft];
  }

  // The same array until the errors or the step change: the summary takes focus whenever its
  // errors change, and a new array at each keystroke pulled focus out of the field being typed in.
  const stepErrors = useMemo(
    () => errors.filter((e) => stepOf(e.field) === step || step === 3),
    [errors, step],
  );
  const stepTitles = [
    t('families.new.steps.address'),
    t('families.new.steps.members'),
    t('families.new.steps.summary'),
  ];
  const areaName = areas.data?.items.find((a) => a.id === address.areaId)?.name ?? '';

  return (
    <VStack gap="space-24">
      <PageHeading title={t('families.new.title')} />
      <FormProgress totalSteps={3} activeStep={step} onStepChange={(s) => goTo(s as Step)}>
        {stepTitles.map((title, i) => (
          <FormProgress.Step
            key={title}
            as="button"
            type="button"
            completed={i + 1 < step}
            interactive={i + 1 < step}
          >
            {title}
          </FormProgress.Step>
        ))}
      </FormProgress>

      <form onSubmit={next} noValidate>
        <VStack gap="space-24" className="sc-form-narrow">
          <Heading ref={stepHeading} level="2" size="large" tabIndex={-1} className="sc-page-heading">
            {stepTitles[step - 1]}
          </Heading>
          <FormErrorSummary formId={formId} errors={stepErrors} labelFor={labelFor} />
          {step === 3 && <FormProblem error={create.error} />}

          {step === 1 && (
            <>
              <AddressFields formId={formId} value={address} onChange={setAddress} errors={errors} />
              <DateField
                id={fieldId(formId, 'enrolledOn')}
                label={t('families.new.enrolledOn')}
                value={enrolledOn}
                onChange={setEnrolledOn}
                error={errorFor(errors, 'enrolledOn')}
              />
            </>
          )}

          {step === 2 && (
            <>
              {members.map((row, index) => (
                <Fieldset
                  key={row.key}
                  legend={t('families.new.personN', { n: index + 1 })}
                  className="sc-member-fieldset"
                >
                  <MemberFields
                    formId={formId}
                    path={`members.${index}`}
                    value={row.draft}
                    onChange={(draft) =>
                      setMembers((rows) => rows.map((r) => (r.key === row.key ? { ...r, draft } : r)))
                    }
                    errors={errors}
                  />
                  {members.length > 1 && (
                    <div>
                      <Button
                        type="button"
                        variant="tertiary"
                        size="small"
                        icon={<TrashIcon aria-hidden />}
                        onClick={() => {
                          setErrors([]);
                          setMembers((rows) => rows.filter((r) => r.key !== row.key));
                          // The button goes with its person: focus waits on "Add a person".
                          focusById(fieldId(formId, 'members'));
                        }}
                      >
                        {t('families.new.removePerson', { n: index + 1 })}
                      </Button>
                    </div>
                  )}
                </Fieldset>
              ))}
              <div>
                <Button
                  id={fieldId(formId, 'members')}
                  type="button"
                  variant="secondary"
                  icon={<PlusIcon aria-hidden />}
                  onClick={() => {
                    const key = nextKey.current++;
                    setMembers((rows) => [...rows, { key, draft: emptyMember() }]);
                    // The new person's fields appear above the button: take the keyboard there.
                    focusById(fieldId(formId, `members.${members.length}.firstName`));
                  }}
                >
                  {t('families.new.addPerson')}
                </Button>
              </div>
            </>
          )}

          {step === 3 && (
            <>
              <FormSummary>
                <FormSummary.Header>
                  <FormSummary.Heading level="3">{t('families.new.steps.address')}</FormSummary.Heading>
                </FormSummary.Header>
                <FormSummary.Answers>
                  <FormSummary.Answer>
                    <FormSummary.Label>{t('families.address.address')}</FormSummary.Label>
                    <FormSummary.Value>
                      {formatAddress({
                        ...address,
                        entrance: address.entrance || null,
                        floor: address.floor || null,
                        door: address.door || null,
                      })}
                      {address.postalCode ? `, ${address.postalCode}` : ''}
                    </FormSummary.Value>
                  </FormSummary.Answer>
                  <FormSummary.Answer>
                    <FormSummary.Label>{addressLabels.areaId}</FormSummary.Label>
                    <FormSummary.Value>{areaName}</FormSummary.Value>
                  </FormSummary.Answer>
                  <FormSummary.Answer>
                    <FormSummary.Label>{t('families.new.enrolledOn')}</FormSummary.Label>
                    <FormSummary.Value>{formatDate(enrolledOn) || '–'}</FormSummary.Value>
                  </FormSummary.Answer>
                </FormSummary.Answers>
                <FormSummary.Footer>
                  <FormSummary.EditLink as="button" type="button" onClick={() => goTo(1)}>
                    {t('families.new.editAddress')}
                  </FormSummary.EditLink>
                </FormSummary.Footer>
              </FormSummary>
              <FormSummary>
                <FormSummary.Header>
                  <FormSummary.Heading level="3">{t('families.new.steps.members')}</FormSummary.Heading>
                </FormSummary.Header>
                <FormSummary.Answers>
                  {members.map((row, index) => (
                    <FormSummary.Answer key={row.key}>
                      <FormSummary.Label>{t('families.new.personN', { n: index + 1 })}</FormSummary.Label>
                      <FormSummary.Value>
                        <MemberSummary draft={row.draft} />
                      </FormSummary.Value>
                    </FormSummary.Answer>
                  ))}
                </FormSummary.Answers>
                <FormSummary.Footer>
                  <FormSummary.EditLink as="button" type="button" onClick={() => goTo(2)}>
                    {t('families.new.editMembers')}
                  </FormSummary.EditLink>
                </FormSummary.Footer>
              </FormSummary>
            </>
          )}

          <HStack gap="space-16">
            {step > 1 && (
              <Button type="button" variant="secondary" onClick={() => goTo((step - 1) as Step)}>
                {t('families.new.back')}
              </Button>
            )}
            <Button type="submit" loading={create.isPending}>
              {step === 3 ? t('families.new.submit') : t('families.new.next')}
            </Button>
            <Button type="button" variant="tertiary" onClick={cancel}>
              {t('families.new.cancel')}
            </Button>
          </HStack>
        </VStack>
      </form>
      {blocker.state === 'blocked' && <DiscardModal blocker={blocker} />}
    </VStack>
  );
}

/** Leaving the wizard with something typed: discard it, or stay and keep it. */
function DiscardModal({ blocker }: { blocker: Blocker }) {
  const { t } = useTranslation();
  return (
    <Modal
      open
      onClose={() => blocker.reset?.()}
      header={{ heading: t('families.new.discardHeading') }}
      width="small"
    >
      <Modal.Body>
        <BodyLong>{t('families.new.discardBody')}</BodyLong>
      </Modal.Body>
      <Modal.Footer>
        <Button type="button" variant="danger" onClick={() => blocker.proceed?.()}>
          {t('families.new.discard')}
        </Button>
        <Button type="button" variant="secondary" onClick={() => blocker.reset?.()}>
          {t('families.new.keepEditing')}
        </Button>
      </Modal.Footer>
    </Modal>
  );
}

function MemberSummary({ draft }: { draft: MemberDraft }) {
  const { t } = useTranslation();
  const languages = splitLanguages(draft.languages);
  const parts = [
    `${draft.firstName} ${draft.lastName}`.trim(),
    draft.role ? t(`enums.householdRole.${draft.role}`) : null,
    draft.birthDate ? t('families.member.bornOn', { date: formatDate(draft.birthDate) }) : null,
    draft.cpr ? t('families.member.cprGiven') : null,
    draft.countryOfOrigin
      ? t('families.member.fromCountry', { country: countryName(draft.countryOfOrigin) })
      : null,
    languages.length ? t('families.member.speaks', { languages: languageNames(languages) }) : null,
    draft.interpreterNeeded ? t('families.member.interpreterNeeded') : null,
  ];
  return <>{parts.filter(Boolean).join(' · ')}</>;
}
