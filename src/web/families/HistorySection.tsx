import { BodyShort, Detail, Pagination, Skeleton, VStack } from '@navikt/ds-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FamilyDetail, HistoryEntry } from '../../shared/families/families.contract';
import { FormProblem } from '../app/ErrorAlert';
import { countryName, formatDate, formatDateTime, isolate, languageName } from '../app/format';
import { Section } from '../app/Section';
import { useAreas, useFamilyHistory, useStaff } from './families.api';

/** Who changed what, when: newest first, with each field's value before and after. */
export function HistorySection({ family }: { family: FamilyDetail }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const history = useFamilyHistory(family.id, page, true);
  const staff = useStaff();
  const areas = useAreas();
  const names = new Map<string, string>();
  for (const s of staff.data?.items ?? []) names.set(s.id, s.displayName);
  for (const p of family.pair) names.set(p.id, p.displayName);
  for (const a of areas.data?.items ?? []) names.set(a.id, a.name);
  // A person's entry names the person, a consent's its purpose: two children's changes, or
  // two consents' withdrawals, must not read alike.
  const named = new Map<string, string>([
    ...family.members.map((m): [string, string] => [m.id, `${m.firstName} ${m.lastName}`]),
    ...family.consents.map((c): [string, string] => [c.id, t(`enums.consentPurpose.${c.purpose}`)]),
  ]);
  const data = history.data;
  const pageCount = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;

  return (
    <Section id="history" title={t('family.history.title')}>
      <FormProblem error={history.error} />
      {history.isPending ? (
        <Skeleton variant="rectangle" height="6rem" />
      ) : data && data.items.length === 0 ? (
        <BodyShort>{t('family.history.empty')}</BodyShort>
      ) : data ? (
        <ol className="sc-history" aria-busy={history.isFetching}>
          {data.items.map((entry) => (
            <HistoryItem key={entry.id} entry={entry} names={names} named={named} />
          ))}
        </ol>
      ) : null}
      {data && pageCount > 1 && (
        <Pagination
          page={page}
          count={pageCount}
          onPageChange={setPage}
          size="small"
          srHeading={{ tag: 'h3', text: t('family.history.pagination') }}
        />
      )}
    </Section>
  );
}

/** Column names (`building_number`) and contract names (`buildingNumber`) share one translation. */
const camel = (field: string) => field.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

function HistoryItem({
  entry,
  names,
  named,
}: {
  entry: HistoryEntry;
  names: ReadonlyMap<string, string>;
  /** Persons' names and consents' purposes, by id. */
  named: ReadonlyMap<string, string>;
}) {
  const { t } = useTranslation();
  const value = useValueFormatter(names);
  const action = t(`family.history.action.${entry.action}`, {
    defaultValue: t(`enums.auditAction.${entry.action}`, { defaultValue: entry.action }),
  });
  const kind = t(`family.history.entity.${entry.entity}`, { defaultValue: entry.entity });
  const name =
    entry.entity === 'person' || entry.entity === 'consent' ? named.get(entry.entityId) : undefined;
  const entity = name ? t('family.history.entityNamed', { entity: kind, name: isolate(name) }) : kind;
  return (
    <li>
      <VStack gap="space-4">
        <BodyShort weight="semibold">
          {t('family.history.line', {
            actor: entry.actor ? isolate(entry.actor.displayName) : t('family.history.system'),
            action,
            entity,
          })}
        </BodyShort>
        <Detail>
          <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
        </Detail>
        {entry.changes.length > 0 && (
          <ul className="sc-history-changes">
            {entry.changes.map((change) => {
              const field = t(`family.history.field.${camel(change.field)}`, { defaultValue: change.field });
              const from = value(change.from, camel(change.field));
              const to = value(change.to, camel(change.field));
              return (
                <li key={change.field} className="sc-history-change">
                  {/* A masked CPR number reads the same before and after: say it changed. */}
                  {from === to && camel(change.field) === 'cpr'
                    ? t('family.history.changedMasked', { field })
                    : t('family.history.change', { field, from: isolate(from), to: isolate(to) })}
                </li>
              );
            })}
          </ul>
        )}
      </VStack>
    </li>
  );
}

/** Fields whose values are enumerations with translated names. */
const enumOfField: Record<string, string> = {
  status: 'familyStatus',
  role: 'householdRole',
  householdRole: 'householdRole',
  purpose: 'consentPurpose',
  preferredContact: 'preferredContact',
};

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Shows a recorded value in words: empty as a dash, yes/no, lists joined, dates in the locale's format. */
function useValueFormatter(names: ReadonlyMap<string, string>) {
  const { t } = useTranslation();
  const format = (v: unknown, field: string): string => {
    if (v === null || v === undefined || v === '') return '–';
    if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no');
    if (Array.isArray(v)) return v.length ? v.map((item) => format(item, field)).join(', ') : '–';
    if (typeof v === 'string') {
      const enumName = enumOfField[field];
      if (enumName) return t(`enums.${enumName}.${v}`, { defaultValue: v });
      if (field === 'countryOfOrigin') return countryName(v);
      if (field === 'languages' || field === 'contactLanguage' || field === 'language')
        return languageName(v);
      if (field === 'givenHow') return t(`family.consents.givenHowOption.${v}`, { defaultValue: v });
      if (uuid.test(v)) return names.get(v) ?? t('family.history.unknownRef');
      if (/^\d{4}-\d{2}-\d{2}T/.test(v)) return formatDateTime(v);
      if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return formatDate(v);
      return v;
    }
    if (typeof v === 'number') return String(v);
    return JSON.stringify(v);
  };
  return format;
}
