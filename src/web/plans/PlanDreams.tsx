import { BodyShort, Heading, Select, Textarea, VStack } from '@navikt/ds-react';
import { useTranslation } from 'react-i18next';
import {
  type Dream,
  NewDream,
  type Plan,
  type PlanContent,
  type PlanPerson,
} from '../../shared/plans/plans.contract';
import { languageName } from '../app/format';
import { VersionedForm } from '../app/VersionedForm';
import { PlanItemActions, PlanPart } from './PlanPart';
import { personName, usePlanItemForm } from './plan.hooks';
import { planApi } from './plans.api';

export function DreamsPart({ familyId, plan }: { familyId: string; plan: Plan }) {
  const { t } = useTranslation();
  return (
    <PlanPart<Dream>
      plan={plan}
      title={t('plan.dreams')}
      addLabel={t('plan.addDream')}
      canAdd={plan.people.length > 0}
      form={(dream, close) => <DreamForm familyId={familyId} plan={plan} dream={dream} onDone={close} />}
      list={(edit) => (
        <DreamList
          content={plan}
          people={plan.people}
          actions={
            edit &&
            ((dream) => (
              <PlanItemActions
                familyId={familyId}
                plan={plan}
                removeLabel={t('plan.removeDream', { words: dream.words })}
                onEdit={() => edit(dream)}
                remove={(version) => planApi.removeDream(familyId, dream.id, version)}
              />
            ))
          }
        />
      )}
    />
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
  const first = plan.people[0];
  const { form, field, frame } = usePlanItemForm(
    familyId,
    dream ? `dream-${dream.id}` : 'add-dream',
    NewDream,
    {
      version: plan.version,
      personId: dream?.personId ?? first?.id ?? '',
      words: dream?.words ?? '',
      language: dream?.language ?? first?.languages[0] ?? 'da',
      danish: dream?.danish ?? '',
    },
    (body) =>
      dream
        ? planApi.editDream(familyId, dream.id, {
            version: body.version,
            words: body.words,
            language: body.language,
            danish: body.danish,
          })
        : planApi.addDream(familyId, body),
    onDone,
  );
  const personId = form.watch('personId');
  const person = plan.people.find((p) => p.id === personId);
  const languages = [...new Set([...(person?.languages ?? []), 'da', form.getValues('language') ?? 'da'])];
  const labels: Record<string, string> = {
    personId: t('plan.person'),
    words: t('plan.dreamWords'),
    language: t('plan.language'),
    danish: t('plan.danish'),
  };
  return (
    <VersionedForm {...frame} label={dream ? t('plan.editDream') : t('plan.addDream')} labels={labels}>
      {dream ? (
        <BodyShort weight="semibold">{personName(person)}</BodyShort>
      ) : (
        <Select label={labels.personId} {...field('personId')}>
          {plan.people.map((p) => (
            <option key={p.id} value={p.id}>
              {personName(p)}
            </option>
          ))}
        </Select>
      )}
      <Textarea label={labels.words} {...field('words')} dir="auto" />
      <Select label={labels.language} {...field('language')}>
        {languages.map((code) => (
          <option key={code} value={code}>
            {languageName(code)}
          </option>
        ))}
      </Select>
      <Textarea label={labels.danish} lang="da" {...field('danish')} />
    </VersionedForm>
  );
}
