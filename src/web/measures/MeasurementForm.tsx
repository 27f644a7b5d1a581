import {
  BodyShort,
  Button,
  Heading,
  HStack,
  Radio,
  RadioGroup,
  Select,
  TextField,
  VStack,
} from '@navikt/ds-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Controller, type UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { Locale } from '../../shared/common/common.contract';
import type { Member } from '../../shared/families/families.contract';
import {
  AdultInput,
  ChildInput,
  type Instrument,
  type Measurement,
  NewMeasurement,
  Occasion,
  type ScoredAnswers,
  STATUS_CODES,
} from '../../shared/measures/measures.contract';
import { scoreAnswers } from '../../shared/measures/scoring';
import { announce } from '../app/Announcer';
import { FormDateField } from '../app/DateField';
import { EnumOptions } from '../app/EnumOptions';
import { FormProblem } from '../app/ErrorAlert';
import { FormErrorSummary } from '../app/FormErrorSummary';
import { controlledProps, fieldProps } from '../app/fieldProps';
import { errorFor, type FieldError, fieldId } from '../app/forms';
import { useContractForm } from '../app/useContractForm';
import { measureKeys, measuresApi } from './measures.api';

/*
 * The form of one measurement, held as text (radio and select values, typed numbers) and piped
 * field by field into the contract's schemas (decision 0030): per adult the adult instruments in
 * the chosen language with their score as answered, the baseline facts; per child the school
 * facts; the household's instruments (the team's assessment).
 */

/** "2,5" or "2.5" → 2.5; empty → null (not given). */
const typedNumber = z
  .string()
  .transform((v) => (v.trim() === '' ? null : Number(v.trim().replace(',', '.'))))
  .pipe(z.number({ message: 'errors.invalidType' }).nullable());

/** One instrument's answers as chosen ('' unanswered): all or none (none: the instrument is not taken). */
const AnswerDraft = z
  .object({ instrumentId: z.string(), values: z.array(z.string()) })
  .refine((a) => a.values.every((v) => v === '') || a.values.every((v) => v !== ''), {
    path: ['values'],
    message: 'errors.measureAnswerCount',
  })
  .transform((a) => ({ instrumentId: a.instrumentId, values: a.values.filter((v) => v !== '').map(Number) }));

const taken = <T extends { values: number[] }>(answers: T[]) => answers.filter((a) => a.values.length > 0);

export const MeasurementDraft = z.object({
  occasion: z.string().pipe(Occasion),
  takenOn: NewMeasurement.shape.takenOn,
  language: Locale,
  adults: z.array(
    z.object({
      personId: z.string(),
      unemploymentYears: typedNumber.pipe(AdultInput.shape.unemploymentYears.unwrap()),
      currentStatus: z
        .string()
        .transform((v) => (v === '' ? null : v))
        .pipe(AdultInput.shape.currentStatus.unwrap()),
      answers: z.array(AnswerDraft).transform(taken),
    }),
  ),
  children: z.array(
    z.object({
      personId: z.string(),
      school: ChildInput.shape.school,
      schoolClass: ChildInput.shape.schoolClass,
      absencePercent: typedNumber.pipe(ChildInput.shape.absencePercent.unwrap()),
      leisure: z.string().transform((v) =>
        v
          .split(',')
          .map((s) => s.trim())
          .filter((s) => s !== ''),
      ),
      answers: z.array(AnswerDraft).transform(taken),
    }),
  ),
  household: z.array(AnswerDraft).transform(taken),
});
type Draft = z.input<typeof MeasurementDraft>;

const toBody = (d: z.output<typeof MeasurementDraft>): NewMeasurement => ({
  occasion: d.occasion,
  takenOn: d.takenOn,
  language: d.language,
  adults: d.adults,
  children: d.children.map(({ leisure, ...c }) => ({ ...c, leisureActivities: leisure })),
  household: d.household,
});

/** Each instrument's answers as the form holds them: as saved (when correcting one), else blank. */
const answersOf = (instruments: Instrument[], saved: readonly ScoredAnswers[] = []) =>
  instruments.map((i) => {
    const given = saved.find((a) => a.instrumentId === i.id)?.values;
    return {
      instrumentId: i.id,
      values: i.items.map((_, k) => (given?.[k] === undefined ? '' : String(given[k]))),
    };
  });
const text = (v: number | string | null | undefined) => (v === null || v === undefined ? '' : String(v));

export function MeasurementForm({
  familyId,
  members,
  instruments,
  occasion,
  today,
  language,
  existing,
  onDone,
  send,
}: {
  familyId: string;
  members: Pick<Member, 'id' | 'role' | 'firstName' | 'lastName'>[];
  instruments: Instrument[];
  occasion: Occasion;
  today: string;
  language: 'da' | 'en';
  /** The measurement being corrected (its answers and facts filled in, saved with its version). */
  existing?: Measurement;
  onDone: () => void;
  /**
   * The enrollment flow's last step (decision 0049): the baseline goes with the rest of the flow in
   * one request, so `run` sends it; the occasion is the baseline and not asked.
   */
  send?: {
    label: string;
    backLabel: string;
    back: () => void;
    run: (body: NewMeasurement) => Promise<unknown>;
    extra?: ReactNode;
  };
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const adults = members.filter((m) => m.role !== 'child');
  const children = members.filter((m) => m.role === 'child');
  const adultInstruments = instruments.filter((i) => i.respondent === 'adult');
  const childInstruments = instruments.filter((i) => i.respondent === 'child');
  const householdInstruments = instruments.filter(
    (i) => i.respondent === 'household' || i.respondent === 'staff',
  );
  const formId = existing ? 'measurement-edit' : 'measurement';
  const title = existing ? t('measures.edit') : t('measures.record');
  const { form, errors, showProblem } = useContractForm(MeasurementDraft, {
    occasion: existing?.occasion ?? occasion,
    takenOn: existing?.takenOn ?? today,
    language: existing?.language ?? language,
    adults: adults.map((a) => {
      const saved = existing?.adults.find((x) => x.personId === a.id);
      return {
        personId: a.id,
        unemploymentYears: text(saved?.unemploymentYears),
        currentStatus: text(saved?.currentStatus),
        answers: answersOf(adultInstruments, saved?.answers),
      };
    }),
    children: children.map((c) => {
      const saved = existing?.children.find((x) => x.personId === c.id);
      return {
        personId: c.id,
        school: text(saved?.school),
        schoolClass: text(saved?.schoolClass),
        absencePercent: text(saved?.absencePercent),
        leisure: saved?.leisureActivities.join(', ') ?? '',
        answers: answersOf(childInstruments, saved?.answers),
      };
    }),
    household: answersOf(householdInstruments, existing?.household),
  });
  const record = useMutation({
    mutationFn: (body: NewMeasurement) =>
      send
        ? send.run(body)
        : existing
          ? measuresApi.update(familyId, existing.id, { ...body, version: existing.version })
          : measuresApi.record(familyId, body),
    onSuccess: async () => {
      if (!send) {
        announce(t('measures.saved'));
        await queryClient.invalidateQueries({ queryKey: measureKeys.all });
      }
      onDone();
    },
    onError: showProblem,
  });
  const submit = form.handleSubmit(
    (draft) => record.mutate(toBody(draft)),
    () => record.reset(),
  );
  const lang = form.watch('language');
  const field = fieldProps(form, formId, errors);
  const bound = controlledProps(form, formId, errors);
  const instrumentFields = (list: Instrument[], path: (j: number) => AnswerPath) =>
    list.map((instrument, j) => (
      <InstrumentFields
        key={instrument.id}
        form={form}
        formId={formId}
        errors={errors}
        instrument={instrument}
        lang={lang}
        path={path(j)}
      />
    ));
  const chosenOccasion = form.watch('occasion');
  const name = (m: Pick<Member, 'firstName' | 'lastName'>) => `${m.firstName} ${m.lastName}`;
  const labelFor = (path: string) => {
    const last = path.split('.').at(-1) ?? path;
    const known: Record<string, string> = {
      occasion: t('measures.occasion'),
      takenOn: t('measures.takenOn'),
      unemploymentYears: t('measures.unemploymentYears'),
      currentStatus: t('measures.currentStatus'),
      school: t('measures.school'),
      schoolClass: t('measures.schoolClass'),
      absencePercent: t('measures.absencePercent'),
    };
    return known[last];
  };
  return (
    <form onSubmit={submit} noValidate aria-label={title}>
      <VStack gap="space-24">
        <FormErrorSummary formId={formId} errors={errors} labelFor={labelFor} />
        <FormProblem error={record.error} />
        <HStack gap="space-16" wrap>
          {!send && (
            <Select label={t('measures.occasion')} {...field('occasion')}>
              <EnumOptions values={Occasion.options} prefix="measures.occasionOption" />
            </Select>
          )}
          <FormDateField label={t('measures.takenOn')} {...bound('takenOn')} />
          <Select
            id={fieldId(formId, 'language')}
            label={t('measures.language')}
            {...form.register('language')}
          >
            <EnumOptions values={Locale.options} prefix="measures.languageOption" />
          </Select>
        </HStack>

        {adults.map((adult, i) => (
          <VStack key={adult.id} gap="space-16" className="sc-measure-person">
            <Heading level="3" size="small">
              {name(adult)}
            </Heading>
            {instrumentFields(adultInstruments, (j) => `adults.${i}.answers.${j}`)}
            <HStack gap="space-16" wrap>
              {chosenOccasion === 'baseline' && (
                <TextField
                  label={t('measures.unemploymentYears')}
                  description={t('measures.unemploymentYearsHint')}
                  inputMode="decimal"
                  {...field(`adults.${i}.unemploymentYears`)}
                />
              )}
              <Select label={t('measures.currentStatus')} {...field(`adults.${i}.currentStatus`)}>
                <option value="">{t('measures.notGiven')}</option>
                {STATUS_CODES.map((s) => (
                  <option key={s} value={s}>
                    {t(`measures.status.${s}`)}
                  </option>
                ))}
              </Select>
            </HStack>
          </VStack>
        ))}

        {children.map((child, i) => (
          <VStack key={child.id} gap="space-8" className="sc-measure-person">
            <Heading level="3" size="small">
              {t('measures.childFacts', { name: name(child) })}
            </Heading>
            <HStack gap="space-16" wrap>
              <TextField label={t('measures.school')} {...field(`children.${i}.school`)} />
              <TextField
                label={t('measures.schoolClass')}
                htmlSize={8}
                {...field(`children.${i}.schoolClass`)}
              />
              <TextField
                label={t('measures.absencePercent')}
                inputMode="decimal"
                htmlSize={8}
                {...field(`children.${i}.absencePercent`)}
              />
            </HStack>
            <TextField
              label={t('measures.leisureActivities')}
              description={t('measures.leisureHint')}
              {...field(`children.${i}.leisure`)}
            />
            {instrumentFields(childInstruments, (j) => `children.${i}.answers.${j}`)}
          </VStack>
        ))}

        {householdInstruments.length > 0 && (
          <VStack gap="space-8" className="sc-measure-person">
            <Heading level="3" size="small">
              {t('measures.household')}
            </Heading>
            {instrumentFields(householdInstruments, (j) => `household.${j}`)}
          </VStack>
        )}

        <HStack gap="space-8">
          <Button type="submit" size="small" loading={record.isPending}>
            {send?.label ?? t('measures.save')}
          </Button>
          {send?.extra}
          <Button type="button" size="small" variant="tertiary" onClick={send?.back ?? onDone}>
            {send?.backLabel ?? t('forms.cancel')}
          </Button>
        </HStack>
      </VStack>
    </form>
  );
}

type AnswerPath =
  | `adults.${number}.answers.${number}`
  | `children.${number}.answers.${number}`
  | `household.${number}`;

/**
 * One instrument's items in the chosen language: a short scale (the network question, WHO-5) as
 * radio buttons with every point labelled, a long one (0–10) as a list with its ends labelled;
 * the score as answered so far, by the same rule the server scores with.
 */
function InstrumentFields({
  form,
  formId,
  errors,
  instrument,
  lang,
  path,
}: {
  form: UseFormReturn<Draft, unknown, z.output<typeof MeasurementDraft>>;
  formId: string;
  errors: readonly FieldError[];
  instrument: Instrument;
  lang: 'da' | 'en';
  path: AnswerPath;
}) {
  const { t } = useTranslation();
  const values = form.watch(`${path}.values`) ?? [];
  const points: number[] = [];
  for (let v = instrument.scaleMin; v <= instrument.scaleMax; v++) points.push(v);
  const labelOf = (v: number) => instrument.labels.find((l) => l.value === v)?.text[lang];
  const short = points.length <= 6;
  // Shown highest first when every point is labelled (WHO-5 reads "all of the time" first).
  const ordered = instrument.code === 'WHO5' ? [...points].reverse() : points;
  const answered = values.every((v) => v !== '');
  const score = answered
    ? scoreAnswers(
        {
          scoring: instrument.scoring,
          scaleMin: instrument.scaleMin,
          scaleMax: instrument.scaleMax,
          items: instrument.items.length,
        },
        values.map(Number),
      )
    : null;
  const groupError = errorFor(errors, `${path}.values`);
  return (
    <VStack gap="space-8" id={fieldId(formId, `${path}.values`)} tabIndex={-1}>
      <Heading level="4" size="xsmall">
        {instrument.name[lang]}
      </Heading>
      <BodyShort size="small">{instrument.instructions[lang]}</BodyShort>
      {instrument.items.map((item, k) => {
        const name = `${path}.values.${k}` as const;
        const id = fieldId(formId, name);
        return short ? (
          <Controller
            key={item.id}
            control={form.control}
            name={name}
            render={({ field }) => (
              <RadioGroup
                id={id}
                legend={item.text[lang]}
                size="small"
                value={field.value}
                onChange={field.onChange}
                error={errorFor(errors, name) ?? (k === 0 ? groupError : undefined)}
              >
                {ordered.map((v) => (
                  <Radio key={v} value={String(v)}>
                    {labelOf(v) ? `${labelOf(v)} (${v})` : String(v)}
                  </Radio>
                ))}
              </RadioGroup>
            )}
          />
        ) : (
          <Select
            key={item.id}
            id={id}
            label={item.text[lang]}
            size="small"
            {...form.register(name)}
            error={errorFor(errors, name) ?? (k === 0 ? groupError : undefined)}
          >
            <option value="">{t('measures.notAnswered')}</option>
            {ordered.map((v) => (
              <option key={v} value={String(v)}>
                {labelOf(v) ? `${v} – ${labelOf(v)}` : String(v)}
              </option>
            ))}
          </Select>
        );
      })}
      <BodyShort size="small" weight="semibold" aria-live="polite">
        {score?.ok ? t('measures.scoreNow', { score: score.score }) : t('measures.scoreIncomplete')}
      </BodyShort>
    </VStack>
  );
}
