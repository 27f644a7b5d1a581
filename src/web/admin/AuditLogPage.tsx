import { Alert, BodyShort, Checkbox, Detail, Link, Table, Tag, TextField, VStack } from '@navikt/ds-react';
import type { TFunction } from 'i18next';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import {
  AUDIT_COUNT_CAP,
  AUDIT_DEFAULT_DAYS,
  AuditAction,
  type AuditActor,
  type AuditEvent,
  auditPeriod,
  FamilyReference,
} from '../../shared/admin/audit.contract';
import { useMe } from '../app/auth';
import { DateField } from '../app/DateField';
import { FormProblem } from '../app/ErrorAlert';
import { formatDateTime, today } from '../app/format';
import { errorFor, problemToErrors } from '../app/forms';
import { intlLocale } from '../app/i18n';
import { enumOptions, itemOptions, ListFilters } from '../app/ListFilters';
import { ListResults } from '../app/ListPage';
import { PageHeading } from '../app/PageHeading';
import { ScrollTable } from '../app/ScrollTable';
import { TableHeadings } from '../app/TableHeadings';
import { useAuditActors, useAuditLog } from './audit.api';
import { useAuditParams } from './useAuditParams';

const pageSize = 50;
const formId = 'audit-filter';

/** Who read or changed what, when and why: searchable by the leader and the data-protection officer. */
export function AuditLogPage() {
  const { t } = useTranslation();
  const me = useMe();
  const listState = useAuditParams();
  const [params, update] = listState;
  // Anyone in the municipality may have acted on the leader's families (break the glass), so
  // the staff-member filter lists every account; the events shown stay within the searcher's scope.
  const actors = useAuditActors();

  // The same rules as the server's (a period of at most 12 months, pages within the first 1,000
  // matches), checked here first so the fields say what is wrong before anything is asked.
  const period = auditPeriod({ from: params.from, to: params.to, page: params.page, pageSize }, today());
  const log = useAuditLog(
    {
      actorId: params.actorId,
      householdReference: params.family,
      action: params.action,
      from: params.from,
      to: params.to,
      breakGlass: params.breakGlass,
      page: params.page,
      pageSize,
    },
    period.errors.length === 0,
  );
  const data = period.errors.length ? undefined : log.data;
  const errors = period.errors.length
    ? period.errors.map((e) => ({ field: e.field, key: e.key, message: t(e.key) }))
    : problemToErrors(log.error);
  const pageError = errorFor(errors, 'page');
  // Pages reach as far as the count: at most the first 1,000 matches.
  const pageCount = data ? Math.max(1, Math.ceil(Math.min(data.total, AUDIT_COUNT_CAP) / data.pageSize)) : 1;
  // Past the cap the count says how far it counted; below it, the list's own count (audit.count).
  const count = data?.totalCapped
    ? t('audit.countCapped', { cap: new Intl.NumberFormat(intlLocale()).format(AUDIT_COUNT_CAP) })
    : undefined;

  function actorLabel(a: AuditActor): string {
    const where = a.teamName ?? t(`enums.role.${a.role}`);
    return t(a.disabled ? 'audit.filters.actorOptionDisabled' : 'audit.filters.actorOption', {
      name: a.displayName,
      where,
    });
  }

  const actions = enumOptions(AuditAction.options, (a) => t(`enums.auditAction.${a}`));
  const actorOptions = itemOptions(actors.data?.items, actorLabel);
  const allActors = actors.isPending ? 'common.loading' : 'audit.filters.allActors';

  return (
    <VStack gap="space-24">
      <PageHeading title={t('audit.title')} />
      <BodyShort>{t('audit.intro')}</BodyShort>

      <search>
        <VStack gap="space-16">
          <ListFilters
            columns={{ xs: 1, sm: 2, lg: 3 }}
            align="start"
            selects={[
              {
                name: 'action',
                label: 'audit.filters.action',
                all: 'audit.filters.allActions',
                options: actions,
              },
              { name: 'actorId', label: 'audit.filters.actor', all: allActors, options: actorOptions },
            ]}
            values={params}
            update={update}
          >
            <FamilyFilter
              value={params.family}
              onChange={(family) => update({ family })}
              serverError={errorFor(errors, 'householdReference')}
            />
            {(['from', 'to'] as const).map((end) => (
              <DateField
                key={end}
                id={`${formId}-${end}`}
                label={t(`audit.filters.${end}`)}
                value={params[end] ?? log.data?.[end] ?? period[end]}
                onChange={(date) => isDateOrEmpty(date) && update({ [end]: date || undefined })}
                error={errorFor(errors, end)}
              />
            ))}
          </ListFilters>
          <Detail>{t('audit.filters.periodHint', { days: AUDIT_DEFAULT_DAYS })}</Detail>
          <Checkbox checked={params.breakGlass} onChange={(e) => update({ breakGlass: e.target.checked })}>
            {t('audit.filters.breakGlassOnly')}
          </Checkbox>
        </VStack>
      </search>

      <ListResults
        query={log}
        hidden={period.errors.length > 0}
        texts="audit"
        count={count}
        problem={
          <>
            <FormProblem error={log.error} />
            {pageError && (
              <Alert variant="error" role="alert">
                {pageError}
              </Alert>
            )}
          </>
        }
        state={listState}
        pageCount={pageCount}
      >
        {(items) => (
          <ScrollTable label={t('audit.tableLabel')}>
            <Table size="small" zebraStripes aria-busy={log.isFetching}>
              <TableHeadings
                labels={[
                  'audit.columns.at',
                  'audit.columns.actor',
                  'audit.columns.action',
                  'audit.columns.family',
                  'audit.columns.record',
                  'audit.columns.purpose',
                ]}
              />
              <Table.Body>
                {items.map((event) => (
                  <AuditRow key={event.id} event={event} linkFamilies={me.role === 'team_leader'} />
                ))}
              </Table.Body>
            </Table>
          </ScrollTable>
        )}
      </ListResults>
    </VStack>
  );
}

/**
 * The family filter: its reference, typed (F-0012, f-12, 12). Applied on Enter or on leaving the
 * field, and only when it is a reference: a name or CPR number typed by mistake is refused here
 * and never reaches the address bar or the server.
 */
function FamilyFilter({
  value,
  onChange,
  serverError,
}: {
  value: string | undefined;
  onChange: (reference: string | undefined) => void;
  serverError: string | undefined;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState(value ?? '');
  const [error, setError] = useState<string | undefined>();
  // The address bar changed (Back, a link, the other filters' reset): the field follows it.
  useEffect(() => {
    setText(value ?? '');
    setError(undefined);
  }, [value]);

  function apply() {
    if (text.trim() === '') {
      setError(undefined);
      if (value !== undefined) onChange(undefined);
      return;
    }
    const parsed = FamilyReference.safeParse(text);
    if (!parsed.success) {
      setError(t(parsed.error.issues[0]?.message ?? 'errors.familyReference'));
      return;
    }
    setError(undefined);
    setText(parsed.data);
    if (parsed.data !== value) onChange(parsed.data);
  }

  return (
    <TextField
      id={`${formId}-family`}
      label={t('audit.filters.family')}
      description={t('audit.filters.familyHint')}
      value={text}
      autoComplete="off"
      htmlSize={12}
      onChange={(e) => setText(e.target.value)}
      onBlur={apply}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          e.preventDefault();
          apply();
        }
      }}
      error={error ?? serverError}
    />
  );
}

/** `cpr_masked`, `members.name`, `admin.auditSearch` → one camelCase key per field name. */
const fieldKey = (field: string) => field.replace(/[._]([a-zA-Z])/g, (_, c: string) => c.toUpperCase());

/** An unknown field name in words: `some_field` / `someField` → "some field". */
const fieldWords = (field: string) =>
  field
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[._]+/g, ' ')
    .toLowerCase();

/** Audit records name fields as the server wrote them (columns, contract names, query keys); shown in words. */
function useFieldName() {
  const { t } = useTranslation();
  return (field: string) => {
    const key = fieldKey(field);
    return t(`audit.fields.${key}`, {
      defaultValue: t(`family.history.field.${key}`, { defaultValue: fieldWords(field) }),
    });
  };
}

/** The start of an unknown username's keyed hash (after its key id): enough to tell attempts apart. */
const shortHash = (hash: string) => (hash.split(':')[1] ?? hash).slice(0, 12);

function AuditRow({ event, linkFamilies }: { event: AuditEvent; linkFamilies: boolean }) {
  const { t } = useTranslation();
  const fieldName = useFieldName();
  const actionColor = event.action === 'denied' || event.action === 'sign_in_failed' ? 'danger' : 'neutral';
  return (
    <Table.Row>
      <Table.DataCell className="sc-nowrap">
        <time dateTime={event.at}>{formatDateTime(event.at)}</time>
      </Table.DataCell>
      <Table.DataCell>
        {event.actor ? (
          <>
            {event.actor.displayName}
            <Detail>{t(`enums.role.${event.actor.role}`, { defaultValue: event.actor.role })}</Detail>
          </>
        ) : event.commandLine ? (
          t('audit.commandLine')
        ) : (
          t('audit.noActor')
        )}
      </Table.DataCell>
      <Table.DataCell>
        <VStack gap="space-4" align="start">
          <Tag size="small" variant="moderate" data-color={actionColor}>
            {t(`enums.auditAction.${event.action}`, { defaultValue: event.action })}
          </Tag>
          {event.breakGlass && (
            <Tag size="small" variant="strong" data-color="warning">
              {t('audit.breakGlass')}
            </Tag>
          )}
        </VStack>
      </Table.DataCell>
      <Table.DataCell className={event.listedFamilies ? undefined : 'sc-nowrap'}>
        {event.listedFamilies ? (
          <ListedFamilies listed={event.listedFamilies} linkFamilies={linkFamilies} />
        ) : event.householdReference && event.householdId && linkFamilies ? (
          <Link as={RouterLink} to={`/families/${event.householdId}`}>
            {event.householdReference}
          </Link>
        ) : (
          (event.householdReference ?? '–')
        )}
      </Table.DataCell>
      <Table.DataCell>
        {t(`audit.entity.${event.entity}`, { defaultValue: event.entity })}
        {event.fields.length > 0 && <Detail>{event.fields.map(fieldName).join(', ')}</Detail>}
        {event.subjectHash && (
          <Detail title={event.subjectHash}>
            {t('audit.unknownUsername', { hash: shortHash(event.subjectHash) })}
          </Detail>
        )}
      </Table.DataCell>
      <Table.DataCell>
        {purposeText(event.purpose, t)}
        {event.breakGlassGrant && <GrantFacts grant={event.breakGlassGrant} />}
      </Table.DataCell>
    </Table.Row>
  );
}

/** A date half typed is not searched for: the log is searched when the field holds a whole date, or none. */
function isDateOrEmpty(value: string): boolean {
  return value === '' || /^\d{4}-\d{2}-\d{2}$/.test(value);
}

/** Sign-ins record how they were verified in the purpose column: shown as the method, not as a purpose. */
const signInMethods = new Set(['password', 'totp', 'recovery_code', 'oidc']);

function purposeText(purpose: string, t: TFunction): string {
  if (signInMethods.has(purpose)) {
    return t('audit.signInMethod', { method: t(`audit.signInMethods.${purpose}`) });
  }
  return t(`audit.purpose.${purpose}`, { defaultValue: purpose });
}

/**
 * A list's families (decision 0022): how many, opened to their references — links for the
 * leader, as a single family's event is — and how many more than the search sends.
 */
function ListedFamilies({
  listed,
  linkFamilies,
}: {
  listed: NonNullable<AuditEvent['listedFamilies']>;
  linkFamilies: boolean;
}) {
  const { t } = useTranslation();
  const more = listed.count - listed.shown.length;
  return (
    <details className="sc-listed">
      <summary>{t('audit.listedFamilies', { count: listed.count })}</summary>
      <ul>
        {listed.shown.map((family) => (
          <li key={family.id}>
            {linkFamilies ? (
              <Link as={RouterLink} to={`/families/${family.id}`}>
                {family.reference}
              </Link>
            ) : (
              family.reference
            )}
          </li>
        ))}
      </ul>
      {more > 0 && <Detail>{t('audit.listedFamiliesMore', { count: more })}</Detail>}
    </details>
  );
}

/**
 * Why the glass was broken and until when. The server sends the reason to the leader of the
 * family's team only (it is case content); others are told who may read it.
 */
function GrantFacts({ grant }: { grant: NonNullable<AuditEvent['breakGlassGrant']> }) {
  const { t } = useTranslation();
  return (
    <dl className="sc-grant">
      <dt>{t('audit.grant.reason')}</dt>
      <dd>
        {/* Free text, isolated: a bidi control in the reason cannot reorder the page. */}
        {grant.reason !== null ? (
          <bdi className="sc-free-text">{grant.reason}</bdi>
        ) : (
          <em>{t('audit.grant.reasonWithheld')}</em>
        )}
      </dd>
      <dt>{t('audit.grant.expiresAt')}</dt>
      <dd>
        <time dateTime={grant.expiresAt}>{formatDateTime(grant.expiresAt)}</time>
      </dd>
    </dl>
  );
}
