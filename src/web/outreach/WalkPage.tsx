import {
  Alert,
  BodyShort,
  Button,
  Checkbox,
  Heading,
  HStack,
  Link,
  Radio,
  RadioGroup,
  Select,
  Skeleton,
  Table,
  Tag,
  Textarea,
  VStack,
} from '@navikt/ds-react';
import { useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useEffect, useId, useState } from 'react';
import { Controller } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { z } from 'zod';
import {
  NoReason,
  type StaircaseWalk,
  VISIT_NOTE_MAX,
  type Visit,
  type VisitOutcome,
  visitFields,
  type WalkDoor,
  withVisitRules,
} from '../../shared/outreach/visits.contract';
import { announce } from '../app/Announcer';
import { useMe } from '../app/auth';
import { LanguageCombobox } from '../app/CodeCombobox';
import { DateField } from '../app/DateField';
import { FormProblem } from '../app/ErrorAlert';
import { FormErrorSummary } from '../app/FormErrorSummary';
import { fieldProps } from '../app/fieldProps';
import { formatDateTime } from '../app/format';
import { errorFor, fieldId } from '../app/forms';
import { PageHeading } from '../app/PageHeading';
import { TableHeadings } from '../app/TableHeadings';
import { useContractForm } from '../app/useContractForm';
import { outreachKeys, useBuilding, useBuildings, useMyArea, useWalk } from './outreach.api';
import { STATUS_LOOK } from './status';
import {
  discardVisit,
  dismissConflict,
  onVisitSent,
  recordVisit,
  sendWaiting,
  useVisitQueue,
  type WaitingVisit,
} from './visitQueue';
import './outreach.css';

const OUTCOMES = ['not_home', 'talked', 'call_back', 'not_interested', 'interested'] as const;

/** The last staircase walked, on this device: ids only, no personal data. */
const LAST_KEY = 'staircase.walk.last';
interface LastWalk {
  buildingId: string;
  staircaseId: string;
}
function readLast(): LastWalk | null {
  try {
    const parsed = JSON.parse(localStorage.getItem(LAST_KEY) ?? 'null') as LastWalk | null;
    return parsed && typeof parsed.buildingId === 'string' && typeof parsed.staircaseId === 'string'
      ? parsed
      : null;
  } catch {
    return null;
  }
}
function writeLast(last: LastWalk | null) {
  try {
    if (last) localStorage.setItem(LAST_KEY, JSON.stringify(last));
    else localStorage.removeItem(LAST_KEY);
  } catch {
    // Storage unavailable: the worker picks the staircase again.
  }
}

const floorName = (t: TFunction, floor: number) =>
  floor === 0
    ? t('outreach.ground')
    : floor === -1
      ? t('outreach.basement')
      : t('outreach.floorN', { floor });
const doorName = (t: TFunction, d: { floor: number; door: string }) =>
  t('visits.door', { floor: floorName(t, d.floor), door: d.door });

function useOnline(): boolean {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const on = () => setOnline(true);
    const off = () => setOnline(false);
    window.addEventListener('online', on);
    window.addEventListener('offline', off);
    return () => {
      window.removeEventListener('online', on);
      window.removeEventListener('offline', off);
    };
  }, []);
  return online;
}

/**
 * The outreach worker's walk (issue 15 §3): pick a building and a staircase, then go up the
 * stairs door by door, one tap for the outcome at each. Made for a phone held in one hand: every
 * target at least 48 px, the last staircase remembered, and working without a connection.
 */
export function WalkPage() {
  const { t } = useTranslation();
  const me = useMe();
  const queryClient = useQueryClient();
  const area = useMyArea();
  const areaId = area.data?.areaId ?? null;
  const buildings = useBuildings(areaId);
  const [last, setLast] = useState<LastWalk | null>(readLast);
  const buildingId = last?.buildingId ?? '';
  const building = useBuilding(buildingId);
  const staircaseId = last?.staircaseId || null;
  const walk = useWalk(staircaseId);
  const online = useOnline();
  const queue = useVisitQueue();

  useEffect(() => {
    // A visit sent changes the staircase's list, the building's picture and the funnel alike: every
    // outreach query is read anew (the active ones now, the others when next shown), not after
    // the query cache's 30 s.
    onVisitSent(() => void queryClient.invalidateQueries({ queryKey: outreachKeys.all }));
    return () => onVisitSent(null);
  }, [queryClient]);
  useEffect(() => {
    void sendWaiting(me.id);
  }, [me.id]);

  const choose = (next: LastWalk | null) => {
    setLast(next);
    writeLast(next?.staircaseId ? next : null);
  };

  const w = walk.data;
  const address = w ? `${w.street} ${w.number}${w.entrance}` : '';
  return (
    <VStack gap="space-24">
      <PageHeading title={t('visits.title')} />
      <HStack gap="space-16" className="sc-no-print">
        <Link as={RouterLink} to="/outreach">
          {t('visits.back')}
        </Link>
      </HStack>
      {!online && (
        <Alert variant="warning" size="small">
          {t('visits.offline')}
        </Alert>
      )}
      <QueueStatus userId={me.id} walk={w} />
      <FormProblem error={area.error ?? buildings.error ?? walk.error} />
      <fieldset className="sc-walk-pick sc-no-print">
        <legend className="aksel-sr-only">{t('visits.pick')}</legend>
        <Select
          label={t('visits.building')}
          value={buildingId}
          onChange={(e) => choose(e.target.value ? { buildingId: e.target.value, staircaseId: '' } : null)}
        >
          <option value="">{t('visits.choose')}</option>
          {buildings.data?.items.map((b) => (
            <option key={b.id} value={b.id}>
              {b.name}
            </option>
          ))}
        </Select>
        <Select
          label={t('visits.staircase')}
          value={last?.staircaseId ?? ''}
          disabled={!buildingId}
          onChange={(e) => choose({ buildingId, staircaseId: e.target.value })}
        >
          <option value="">{t('visits.choose')}</option>
          {building.data?.staircases.map((s) => (
            <option key={s.id} value={s.id}>
              {`${s.street} ${s.number}${s.entrance}`}
            </option>
          ))}
        </Select>
      </fieldset>
      {staircaseId && walk.isPending && <Skeleton variant="rectangle" height="12rem" />}
      {w && (
        <>
          <section aria-labelledby="walk-doors" className="sc-no-print">
            <HStack justify="space-between" align="center" gap="space-8">
              <Heading id="walk-doors" level="2" size="medium">
                {`${address} · ${w.buildingName}`}
              </Heading>
              <Button type="button" variant="secondary" onClick={() => window.print()}>
                {t('visits.print')}
              </Button>
            </HStack>
            <BodyShort size="small">{t('visits.doorsHint')}</BodyShort>
            {w.doors.length === 0 ? (
              <BodyShort>{t('visits.noDoors')}</BodyShort>
            ) : (
              <ol className="sc-walk-doors" aria-label={t('visits.doors')}>
                {w.doors.map((d) => (
                  <Door
                    key={d.apartmentId}
                    door={d}
                    walk={w}
                    waiting={queue.waiting.filter((q) => q.body.householdId === d.household?.id)}
                  />
                ))}
              </ol>
            )}
          </section>
          <RouteList walk={w} address={address} />
        </>
      )}
    </VStack>
  );
}

/** What waits on the device, what the server refused, and the conflicts to look at. */
function QueueStatus({ userId, walk }: { userId: string; walk: StaircaseWalk | undefined }) {
  const { t } = useTranslation();
  const queue = useVisitQueue();
  const doorOf = (householdId: string) => {
    const d = walk?.doors.find((x) => x.household?.id === householdId);
    return d ? doorName(t, d) : '';
  };
  const pending = queue.waiting.filter((q) => !q.refused);
  return (
    <VStack gap="space-12" className="sc-no-print">
      {pending.length > 0 && (
        <Alert variant="info" size="small" role="status">
          <HStack gap="space-12" align="center">
            <span>
              {queue.sending ? t('visits.sending') : t('visits.waiting', { count: pending.length })}
            </span>
            {navigator.onLine && !queue.sending && (
              <Button type="button" size="small" variant="secondary" onClick={() => void sendWaiting(userId)}>
                {t('visits.sendNow')}
              </Button>
            )}
          </HStack>
        </Alert>
      )}
      {queue.waiting
        .filter(
          (q): q is WaitingVisit & { refused: NonNullable<WaitingVisit['refused']> } => q.refused !== null,
        )
        .map((q) => (
          <Alert key={q.body.clientId} variant="error" size="small">
            <VStack gap="space-8">
              <span>
                {t('visits.refused', {
                  door: doorOf(q.body.householdId),
                  reason: [q.refused.title, ...(q.refused.errors ?? []).map((e) => e.message)].join(' '),
                })}
              </span>
              <div>
                <Button
                  type="button"
                  size="small"
                  variant="secondary"
                  onClick={() => void discardVisit(userId, q.body.clientId)}
                >
                  {t('visits.discard')}
                </Button>
              </div>
            </VStack>
          </Alert>
        ))}
      {queue.conflicts.map((c) => (
        <Alert key={c.visit.id} variant="warning">
          <Heading level="2" size="small">
            {t('visits.conflictTitle')}
            {doorOf(c.visit.householdId) ? ` · ${doorOf(c.visit.householdId)}` : ''}
          </Heading>
          <BodyShort>{t('visits.conflictText')}</BodyShort>
          <ul>
            <li>
              {t('visits.yours', {
                outcome: t(`visits.outcome.${c.visit.outcome}`),
                when: formatDateTime(c.visit.visitedAt),
              })}
            </li>
            {c.conflict && (
              <li>
                {t('visits.theirs', {
                  outcome: t(`visits.outcome.${c.conflict.outcome}`),
                  when: formatDateTime(c.conflict.visitedAt),
                  who: c.conflict.visitedBy.name,
                })}
              </li>
            )}
          </ul>
          <Button type="button" size="small" variant="secondary" onClick={() => dismissConflict(c.visit.id)}>
            {t('visits.dismiss')}
          </Button>
        </Alert>
      ))}
    </VStack>
  );
}

function lastVisitText(t: TFunction, v: Visit | undefined) {
  return v
    ? t('visits.lastVisit', {
        outcome: t(`visits.outcome.${v.outcome}`),
        when: formatDateTime(v.visitedAt),
        who: v.visitedBy.name,
      })
    : t('visits.noVisit');
}

/** One door: who lives there, how far outreach has come, and the outcome buttons. */
function Door({ door, walk, waiting }: { door: WalkDoor; walk: StaircaseWalk; waiting: WaitingVisit[] }) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<VisitOutcome | null>(null);
  const headingId = useId();
  const h = door.household;
  const name = doorName(t, door);
  return (
    <li className="sc-walk-door" aria-labelledby={headingId}>
      <Heading id={headingId} level="3" size="small">
        {name}
        {h && h.names.length > 0 ? ` · ${h.names.join(', ')}` : ''}
      </Heading>
      {!h ? (
        <BodyShort size="small">{t('visits.noHousehold')}</BodyShort>
      ) : (
        <VStack gap="space-8">
          <BodyShort size="small">
            <span aria-hidden="true">{STATUS_LOOK[h.status].symbol} </span>
            {t('visits.status', { status: t(`outreach.statusName.${h.status}`) })}
            {' · '}
            {lastVisitText(t, h.visits[0])}
          </BodyShort>
          {waiting.length > 0 && (
            <div>
              <Tag variant="warning" size="small">
                {`${t('visits.waitingTag')} (${waiting.map((q) => t(`visits.outcome.${q.body.outcome}`)).join(', ')})`}
              </Tag>
            </div>
          )}
          <fieldset className="sc-walk-outcomes">
            <legend className="aksel-sr-only">{t('visits.outcomesFor', { door: name })}</legend>
            {OUTCOMES.map((o) => (
              <Button
                key={o}
                type="button"
                variant={chosen === o ? 'primary' : 'secondary'}
                aria-pressed={chosen === o}
                onClick={() => setChosen(chosen === o ? null : o)}
              >
                {t(`visits.outcome.${o}`)}
              </Button>
            ))}
          </fieldset>
          {chosen && (
            <VisitForm
              key={chosen}
              outcome={chosen}
              household={h}
              walk={walk}
              doorName={name}
              onDone={() => setChosen(null)}
            />
          )}
        </VStack>
      )}
    </li>
  );
}

const VisitFormSchema = withVisitRules(
  z.object({
    outcome: visitFields.outcome,
    callBackOn: visitFields.callBackOn,
    reason: visitFields.reason,
    language: visitFields.language,
    interpreterNeeded: z.boolean(),
    companionId: visitFields.companionId,
    note: visitFields.note,
  }),
);

function VisitForm({
  outcome,
  household,
  walk,
  doorName: name,
  onDone,
}: {
  outcome: VisitOutcome;
  household: NonNullable<WalkDoor['household']>;
  walk: StaircaseWalk;
  doorName: string;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const formId = `visit-${household.id}`;
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const { form, errors } = useContractForm(VisitFormSchema, {
    outcome,
    callBackOn: '',
    reason: '',
    language: '',
    interpreterNeeded: false,
    companionId: '',
    note: '',
  });
  const field = fieldProps(form, formId, errors);
  const labels: Record<string, string> = {
    callBackOn: t('visits.callBackOn'),
    reason: t('visits.reasonLabel'),
    language: t('visits.language'),
    interpreterNeeded: t('visits.interpreterNeeded'),
    companionId: t('visits.companion'),
    note: t('visits.note'),
    outcome: t('visits.form', { outcome: '' }),
  };
  const submit = form.handleSubmit(async (parsed) => {
    setSaving(true);
    setFailure(null);
    try {
      await recordVisit(me.id, {
        staircaseId: walk.id,
        body: {
          ...parsed,
          clientId: crypto.randomUUID(),
          householdId: household.id,
          // What the device knew: the visit on top when the walk was read.
          lastKnownVisitId: household.visits[0]?.id ?? null,
          visitedAt: new Date().toISOString(),
        },
      });
      announce(navigator.onLine ? t('visits.saved') : t('visits.kept'));
      onDone();
    } catch (error) {
      setFailure(error);
    } finally {
      setSaving(false);
    }
  });
  return (
    <form
      onSubmit={submit}
      noValidate
      aria-label={`${t('visits.form', { outcome: t(`visits.outcome.${outcome}`) })} · ${name}`}
      className="sc-walk-form"
    >
      <VStack gap="space-12">
        <FormErrorSummary formId={formId} errors={errors} labelFor={(f) => labels[f] ?? f} />
        <FormProblem error={failure} />
        {outcome === 'call_back' && (
          <Controller
            control={form.control}
            name="callBackOn"
            render={({ field }) => (
              <DateField
                id={fieldId(formId, 'callBackOn')}
                label={labels.callBackOn!}
                error={errorFor(errors, 'callBackOn')}
                value={(field.value as string | null | undefined) ?? ''}
                onChange={field.onChange}
              />
            )}
          />
        )}
        {outcome === 'not_interested' && (
          <Controller
            control={form.control}
            name="reason"
            render={({ field }) => (
              <RadioGroup
                id={fieldId(formId, 'reason')}
                legend={labels.reason}
                value={field.value ?? ''}
                onChange={field.onChange}
                error={errorFor(errors, 'reason')}
              >
                {NoReason.options.map((r) => (
                  <Radio key={r} value={r}>
                    {t(`visits.reason.${r}`)}
                  </Radio>
                ))}
              </RadioGroup>
            )}
          />
        )}
        <Controller
          control={form.control}
          name="language"
          render={({ field }) => (
            <LanguageCombobox
              id={fieldId(formId, 'language')}
              label={labels.language}
              error={errorFor(errors, 'language')}
              value={(field.value as string | null | undefined) ?? ''}
              onChange={field.onChange}
            />
          )}
        />
        <Controller
          control={form.control}
          name="interpreterNeeded"
          render={({ field }) => (
            <Checkbox
              id={fieldId(formId, 'interpreterNeeded')}
              checked={field.value ?? false}
              onChange={(e) => field.onChange(e.target.checked)}
            >
              {labels.interpreterNeeded}
            </Checkbox>
          )}
        />
        <Select label={labels.companionId} {...field('companionId')}>
          <option value="">{t('visits.noCompanion')}</option>
          {walk.colleagues
            .filter((c) => c.id !== me.id)
            .map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
        </Select>
        <Textarea label={labels.note} maxLength={VISIT_NOTE_MAX} {...field('note')} />
        <HStack gap="space-8">
          <Button type="submit" loading={saving}>
            {t('visits.save')}
          </Button>
          <Button type="button" variant="tertiary" onClick={onDone}>
            {t('visits.cancel')}
          </Button>
        </HStack>
      </VStack>
    </form>
  );
}

/** The route list, for paper: the doors in stair order, printed from the browser only. */
function RouteList({ walk, address }: { walk: StaircaseWalk; address: string }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="route-list" className="sc-print-only">
      <Heading id="route-list" level="2" size="medium">
        {t('visits.routeList', { address })}
      </Heading>
      <BodyShort size="small">{t('visits.routeListHint')}</BodyShort>
      <Table size="small">
        <TableHeadings
          labels={[
            'outreach.floor',
            'outreach.door',
            'visits.name',
            'outreach.status',
            'visits.last',
            'visits.notes',
          ]}
        />
        <Table.Body>
          {walk.doors.map((d) => (
            <Table.Row key={d.apartmentId}>
              <Table.DataCell>{floorName(t, d.floor)}</Table.DataCell>
              <Table.DataCell>{d.door}</Table.DataCell>
              <Table.DataCell>{d.household?.names.join(', ') ?? t('visits.noHousehold')}</Table.DataCell>
              <Table.DataCell>
                {d.household ? t(`outreach.statusName.${d.household.status}`) : ''}
              </Table.DataCell>
              <Table.DataCell>{d.household ? lastVisitText(t, d.household.visits[0]) : ''}</Table.DataCell>
              <Table.DataCell className="sc-route-notes" />
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    </section>
  );
}
