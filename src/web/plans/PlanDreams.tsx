import { BodyShort, Button, Heading, HStack, Select, Textarea, VStack } from '@navikt/ds-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type Dream,
  NewDream,
  type Plan,
  type PlanContent,
  type PlanPerson,
} from '../../shared/plans/plans.contract';
import { announce } from '../app/Announcer';
import { isConflict } from '../app/api';
import { ConflictAlert } from '../app/ConflictAlert';
import { FormProblem } from '../app/ErrorAlert';
import { FormErrorSummary } from '../app/FormErrorSummary';
import { languageName } from '../app/format';
import { errorFor, fieldId } from '../app/forms';
import { focusSection } from '../app/Section';
import { useContractForm } from '../app/useContractForm';
import { personName, useRefreshPlan, useRemove } from './plan.hooks';
import { planApi } from './plans.api';

export function DreamsPart({ familyId, plan }: { familyId: string; plan: Plan }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<Dream | 'new' | null>(null);
  const close = () => {
    setEditing(null);
    focusSection('plan');
  };
  return (
    <VStack gap="space-8">
      <HStack justify="space-between" align="center" gap="space-8" wrap>
        <Heading level="3" size="small">
          {t('plan.dreams')}
        </Heading>
        {plan.abilities.edit && editing === null && plan.people.length > 0 && (
          <Button type="button" size="small" variant="secondary" onClick={() => setEditing('new')}>
            {t('plan.addDream')}
          </Button>
        )}
      </HStack>
      {editing !== null && (
        <DreamForm
          familyId={familyId}
          plan={plan}
          dream={editing === 'new' ? undefined : editing}
          onDone={close}
        />
      )}
      <DreamList
        content={plan}
        people={plan.people}
        actions={
          plan.abilities.edit && editing === null
            ? (dream) => <DreamActions familyId={familyId} plan={plan} dream={dream} onEdit={setEditing} />
            : undefined
        }
      />
    </VStack>
  );
}

function DreamActions({
  familyId,
  plan,
  dream,
  onEdit,
}: {
  familyId: string;
  plan: Plan;
  dream: Dream;
  onEdit: (d: Dream) => void;
}) {
  const { t } = useTranslation();
  const refresh = useRefreshPlan(familyId);
  const remove = useRemove(familyId, (version) => planApi.removeDream(familyId, dream.id, version));
  return (
    <VStack gap="space-4">
      <HStack gap="space-8">
        <Button type="button" size="xsmall" variant="tertiary" onClick={() => onEdit(dream)}>
          {t('plan.edit')}
        </Button>
        <Button
          type="button"
          size="xsmall"
          variant="tertiary"
          loading={remove.isPending}
          aria-label={t('plan.removeDream', { words: dream.words })}
          onClick={() => remove.mutate(plan.version)}
        >
          {t('plan.remove')}
        </Button>
      </HStack>
      {isConflict(remove.error) ? (
        <ConflictAlert onReload={() => refresh().then(() => remove.reset())} />
      ) : (
        <FormProblem error={remove.error} />
      )}
    </VStack>
  );
}

/** Dreams grouped by the person whose dream it is; the words as said, isolated, in their language. */
export function DreamList({
  content,
  people,
  actions,
}: {
  content: PlanContent;
  people: PlanPerson[];
  actions?: (dream: Dream) => React.ReactNode;
}) {
  const { t } = useTranslation();
  if (content.dreams.length === 0) return <BodyShort>{t('plan.noDreams')}</BodyShort>;
  const owners = people.filter((p) => content.dreams.some((d) => d.personId === p.id));
  return (
    <VStack gap="space-16">
      {owners.map((person) => (
        <VStack key={person.id} gap="space-4">
          <Heading level="4" size="xsmall">
            {personName(person)}
          </Heading>
          <ul className="sc-plain-list">
            {content.dreams
              .filter((d) => d.personId === person.id)
              .map((dream) => (
                <li key={dream.id} className="sc-plan-item">
                  <BodyShort lang={dream.language} dir="auto" weight="semibold">
                    {dream.words}
                  </BodyShort>
                  <BodyShort size="small">
                    {t('plan.saidIn', { language: languageName(dream.language) })}
                  </BodyShort>
                  {dream.danish && (
                    <BodyShort size="small">
                      {t('plan.danishLabel')}{' '}
                      <span lang="da" dir="auto">
                        {dream.danish}
                      </span>
                    </BodyShort>
                  )}
                  {actions?.(dream)}
                </li>
              ))}
          </ul>
        </VStack>
      ))}
    </VStack>
  );
}

function DreamForm({
  familyId,
  plan,
  dream,
  onDone,
}: {
  familyId: string;
  plan: Plan;
  dream?: Dream;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const refresh = useRefreshPlan(familyId);
  const formId = dream ? `dream-${dream.id}` : 'add-dream';
  const first = plan.people[0];
  const { form, errors, showProblem } = useContractForm(NewDream, {
    version: plan.version,
    personId: dream?.personId ?? first?.id ?? '',
    words: dream?.words ?? '',
    language: dream?.language ?? first?.languages[0] ?? 'da',
    danish: dream?.danish ?? '',
  });
  const personId = form.watch('personId');
  const person = plan.people.find((p) => p.id === personId);
  const languages = [...new Set([...(person?.languages ?? []), 'da', form.getValues('language') ?? 'da'])];
  const save = useMutation({
    mutationFn: (body: NewDream) =>
      dream
        ? planApi.editDream(familyId, dream.id, {
            version: body.version,
            words: body.words,
            language: body.language,
            danish: body.danish,
          })
        : planApi.addDream(familyId, body),
    onSuccess: async (saved) => {
      announce(t('plan.saved', { version: saved.version }));
      await refresh();
      onDone();
    },
    onError: (error) => {
      if (!isConflict(error)) showProblem(error);
    },
  });
  const submit = form.handleSubmit(
    (body) => save.mutate(body),
    () => save.reset(),
  );
  const labels: Record<string, string> = {
    personId: t('plan.person'),
    words: t('plan.dreamWords'),
    language: t('plan.language'),
    danish: t('plan.danish'),
  };
  return (
    <form onSubmit={submit} noValidate aria-label={dream ? t('plan.editDream') : t('plan.addDream')}>
      <VStack gap="space-8" className="sc-form-narrow">
        <FormErrorSummary formId={formId} errors={errors} labelFor={(field) => labels[field] ?? field} />
        {isConflict(save.error) ? (
          <ConflictAlert onReload={() => refresh().then(onDone)} />
        ) : (
          <FormProblem error={save.error} />
        )}
        {dream ? (
          <BodyShort weight="semibold">{personName(person)}</BodyShort>
        ) : (
          <Select
            id={fieldId(formId, 'personId')}
            label={labels.personId}
            {...form.register('personId')}
            error={errorFor(errors, 'personId')}
          >
            {plan.people.map((p) => (
              <option key={p.id} value={p.id}>
                {personName(p)}
              </option>
            ))}
          </Select>
        )}
        <Textarea
          id={fieldId(formId, 'words')}
          label={labels.words}
          {...form.register('words')}
          dir="auto"
          error={errorFor(errors, 'words')}
        />
        <Select
          id={fieldId(formId, 'language')}
          label={labels.language}
          {...form.register('language')}
          error={errorFor(errors, 'language')}
        >
          {languages.map((code) => (
            <option key={code} value={code}>
              {languageName(code)}
            </option>
          ))}
        </Select>
        <Textarea
          id={fieldId(formId, 'danish')}
          label={labels.danish}
          lang="da"
          {...form.register('danish')}
          error={errorFor(errors, 'danish')}
        />
        <HStack gap="space-8">
          <Button type="submit" size="small" loading={save.isPending}>
            {t('plan.save')}
          </Button>
          <Button type="button" size="small" variant="tertiary" onClick={onDone}>
            {t('forms.cancel')}
          </Button>
        </HStack>
      </VStack>
    </form>
  );
}
