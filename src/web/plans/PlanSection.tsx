import {
  BodyShort,
  Button,
  Checkbox,
  CheckboxGroup,
  Heading,
  HStack,
  Link,
  Select,
  Textarea,
  VStack,
} from '@navikt/ds-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Controller } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import {
  type Dream,
  type Goal,
  NewDream,
  NewGoal,
  type Plan,
  type PlanChange,
  type PlanContent,
  type PlanPerson,
} from '../../shared/plans/plans.contract';
import type { CompetenceDomain } from '../../shared/team/team.contract';
import { announce } from '../app/Announcer';
import { isConflict } from '../app/api';
import { ConflictAlert } from '../app/ConflictAlert';
import { DateField } from '../app/DateField';
import { FormProblem } from '../app/ErrorAlert';
import { FormErrorSummary } from '../app/FormErrorSummary';
import { formatDate, formatDateTime, languageName } from '../app/format';
import { errorFor, fieldId } from '../app/forms';
import { focusSection, Section } from '../app/Section';
import { useContractForm } from '../app/useContractForm';
import { useUnits } from '../team/team.api';
import { domainName } from '../team/unitNames';
import { planApi, planKeys, useFamilyPlan, usePlanVersion, usePlanVersions } from './plans.api';

const personName = (p: PlanPerson | undefined) => (p ? `${p.firstName} ${p.lastName}` : '');
const PRIORITIES = [1, 2, 3, 4, 5, 6, 7, 8, 9] as const;

/** The domain names of the municipality, in the reader's language. */
function useDomainNames() {
  const { t } = useTranslation();
  const domains = (useUnits('domains').data?.items ?? []) as CompetenceDomain[];
  return {
    domains,
    name: (id: string) => {
      const d = domains.find((x) => x.id === id);
      return d ? domainName(t, d) : '';
    },
  };
}

/** After a write: the plan and its versions (keys under the plan's) are read again. */
function useRefreshPlan(familyId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: planKeys.plan(familyId) });
}

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

/** A remove button's mutation, with a conflict shown where the button was. */
function useRemove(familyId: string, remove: (version: number) => Promise<void>) {
  const { t } = useTranslation();
  const refresh = useRefreshPlan(familyId);
  return useMutation({
    mutationFn: remove,
    onSuccess: async () => {
      await refresh();
      announce(t('plan.removed'));
    },
  });
}

function DreamsPart({ familyId, plan }: { familyId: string; plan: Plan }) {
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

function GoalsPart({ familyId, plan }: { familyId: string; plan: Plan }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<Goal | 'new' | null>(null);
  const close = () => {
    setEditing(null);
    focusSection('plan');
  };
  return (
    <VStack gap="space-8">
      <HStack justify="space-between" align="center" gap="space-8" wrap>
        <Heading level="3" size="small">
          {t('plan.goals')}
        </Heading>
        {plan.abilities.edit && editing === null && (
          <Button type="button" size="small" variant="secondary" onClick={() => setEditing('new')}>
            {t('plan.addGoal')}
          </Button>
        )}
      </HStack>
      {editing !== null && (
        <GoalForm
          familyId={familyId}
          plan={plan}
          goal={editing === 'new' ? undefined : editing}
          onDone={close}
        />
      )}
      <GoalList
        content={plan}
        people={plan.people}
        actions={
          plan.abilities.edit && editing === null
            ? (goal) => <GoalActions familyId={familyId} plan={plan} goal={goal} onEdit={setEditing} />
            : undefined
        }
      />
    </VStack>
  );
}

function GoalActions({
  familyId,
  plan,
  goal,
  onEdit,
}: {
  familyId: string;
  plan: Plan;
  goal: Goal;
  onEdit: (g: Goal) => void;
}) {
  const { t } = useTranslation();
  const refresh = useRefreshPlan(familyId);
  const remove = useRemove(familyId, (version) => planApi.removeGoal(familyId, goal.id, version));
  return (
    <VStack gap="space-4">
      <HStack gap="space-8">
        <Button type="button" size="xsmall" variant="tertiary" onClick={() => onEdit(goal)}>
          {t('plan.edit')}
        </Button>
        <Button
          type="button"
          size="xsmall"
          variant="tertiary"
          loading={remove.isPending}
          aria-label={t('plan.removeGoal', { words: goal.words })}
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

/** "Agreed 20 Nov 2026 by Amal Odeh" — whatever of it the goal has. */
export function agreedText(t: ReturnType<typeof useTranslation>['t'], goal: Goal, people: PlanPerson[]) {
  const names = goal.agreedByPersonIds
    .map((id) => personName(people.find((p) => p.id === id)))
    .filter(Boolean)
    .join(', ');
  if (goal.agreedOn && names) return t('plan.agreed', { date: formatDate(goal.agreedOn), names });
  if (goal.agreedOn) return t('plan.agreedDate', { date: formatDate(goal.agreedOn) });
  return names ? `${t('plan.agreedBy')}: ${names}` : '';
}

/** Goals by domain, each domain's goals in the family's order. */
export function GoalList({
  content,
  people,
  actions,
}: {
  content: PlanContent;
  people: PlanPerson[];
  actions?: (goal: Goal) => React.ReactNode;
}) {
  const { t } = useTranslation();
  const domains = useDomainNames();
  if (content.goals.length === 0) return <BodyShort>{t('plan.noGoals')}</BodyShort>;
  const domainIds = [...new Set(content.goals.map((g) => g.domainId))];
  return (
    <HStack gap="space-16" align="start" wrap>
      {domainIds.map((domainId) => (
        <VStack key={domainId} gap="space-4" className="sc-task-column">
          <Heading level="4" size="xsmall">
            {domains.name(domainId)}
          </Heading>
          <ul className="sc-plain-list">
            {content.goals
              .filter((g) => g.domainId === domainId)
              .map((goal) => (
                <li key={goal.id} className="sc-plan-item">
                  <BodyShort weight="semibold" dir="auto">
                    {goal.words}
                  </BodyShort>
                  <BodyShort size="small">{t('plan.priorityShort', { priority: goal.priority })}</BodyShort>
                  {agreedText(t, goal, people) && (
                    <BodyShort size="small">{agreedText(t, goal, people)}</BodyShort>
                  )}
                  {actions?.(goal)}
                </li>
              ))}
          </ul>
        </VStack>
      ))}
    </HStack>
  );
}

function GoalForm({
  familyId,
  plan,
  goal,
  onDone,
}: {
  familyId: string;
  plan: Plan;
  goal?: Goal;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const refresh = useRefreshPlan(familyId);
  const { domains } = useDomainNames();
  const formId = goal ? `goal-${goal.id}` : 'add-goal';
  const { form, errors, showProblem } = useContractForm(NewGoal, {
    version: plan.version,
    domainId: goal?.domainId ?? '',
    words: goal?.words ?? '',
    priority: goal?.priority ?? 1,
    agreedOn: goal?.agreedOn ?? null,
    agreedByPersonIds: goal?.agreedByPersonIds ?? [],
  });
  const save = useMutation({
    mutationFn: (body: NewGoal) =>
      goal ? planApi.editGoal(familyId, goal.id, body) : planApi.addGoal(familyId, body),
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
    domainId: t('plan.domain'),
    words: t('plan.goalWords'),
    priority: t('plan.priority'),
    agreedOn: t('plan.agreedOn'),
    agreedByPersonIds: t('plan.agreedBy'),
  };
  return (
    <form onSubmit={submit} noValidate aria-label={goal ? t('plan.editGoal') : t('plan.addGoal')}>
      <VStack gap="space-8" className="sc-form-narrow">
        <FormErrorSummary formId={formId} errors={errors} labelFor={(field) => labels[field] ?? field} />
        {isConflict(save.error) ? (
          <ConflictAlert onReload={() => refresh().then(onDone)} />
        ) : (
          <FormProblem error={save.error} />
        )}
        <Select
          id={fieldId(formId, 'domainId')}
          label={labels.domainId}
          {...form.register('domainId')}
          error={errorFor(errors, 'domainId')}
        >
          <option value="">–</option>
          {domains.map((d) => (
            <option key={d.id} value={d.id}>
              {domainName(t, d)}
            </option>
          ))}
        </Select>
        <Textarea
          id={fieldId(formId, 'words')}
          label={labels.words}
          dir="auto"
          {...form.register('words')}
          error={errorFor(errors, 'words')}
        />
        <Select
          id={fieldId(formId, 'priority')}
          label={labels.priority}
          {...form.register('priority', { valueAsNumber: true })}
          error={errorFor(errors, 'priority')}
        >
          {PRIORITIES.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </Select>
        <Controller
          control={form.control}
          name="agreedOn"
          render={({ field }) => (
            <DateField
              id={fieldId(formId, 'agreedOn')}
              label={labels.agreedOn}
              error={errorFor(errors, 'agreedOn')}
              value={field.value ?? ''}
              onChange={(v) => field.onChange(v === '' ? null : v)}
            />
          )}
        />
        <Controller
          control={form.control}
          name="agreedByPersonIds"
          render={({ field }) => (
            <CheckboxGroup
              id={fieldId(formId, 'agreedByPersonIds')}
              legend={labels.agreedByPersonIds}
              value={field.value ?? []}
              onChange={field.onChange}
              error={errorFor(errors, 'agreedByPersonIds')}
            >
              {plan.people.map((p) => (
                <Checkbox key={p.id} value={p.id}>
                  {personName(p)}
                </Checkbox>
              ))}
            </CheckboxGroup>
          )}
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
function VersionsPart({ familyId, plan }: { familyId: string; plan: Plan }) {
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
