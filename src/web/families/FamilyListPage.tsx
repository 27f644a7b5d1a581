import { PlusIcon } from '@navikt/aksel-icons';
import { BodyShort, Button, HStack, Link, Switch, Table, Tag, VStack } from '@navikt/ds-react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useLocation } from 'react-router';
import { formatAddress } from '../../shared/families/address';
import { FamilyStatus, type FamilySummary } from '../../shared/families/families.contract';
import { BreakGlassNotice } from '../admin/BreakGlassNotice';
import { download } from '../app/api';
import { useMe } from '../app/auth';
import { FormProblem } from '../app/ErrorAlert';
import { ExportButtons } from '../app/ExportButtons';
import { formatDate } from '../app/format';
import { enumOptions, itemOptions, ListFilters } from '../app/ListFilters';
import { PageHeading } from '../app/PageHeading';
import { type ListColumn, SortableList } from '../app/SortableTable';
import { useListSearch } from '../app/useListSearch';
import { FamilyStatusTag } from './FamilyStatusTag';
import { useAreas, useFamilyList } from './families.api';
import { listState } from './listReturn';
import { familyFilters, type SortKey, useListParams } from './useListParams';

const pageSize = 25;

const columns: ListColumn<SortKey>[] = [
  { key: 'reference', label: 'families.list.columns.reference' },
  { key: 'name', label: 'families.list.columns.adults' },
  { key: 'address', label: 'families.list.columns.address' },
  { key: null, label: 'families.list.columns.area' },
  { key: 'memberCount', label: 'families.list.columns.members' },
  { key: 'pair', label: 'families.list.columns.pair' },
  { key: 'enrolledOn', label: 'families.list.columns.enrolledOn' },
  { key: null, label: 'families.list.columns.status' },
];

/** The team's families: search, filter, sort and page through them. */
export function FamilyListPage() {
  const { t } = useTranslation();
  const me = useMe();
  const listState = useListParams();
  const [params, update] = listState;
  const search = useListSearch({ page: params.page, update, storageKey: 'staircase.families.search' });

  // A leader is in no pair, so "only mine" would always be empty: the leader's switch finds the
  // families still waiting for a pair instead (issue 13).
  const leader = me.role === 'team_leader';
  const filtered = Boolean(params.status || params.areaId || params.mine || params.noPair);
  // The list and its export ask for the same families (the search text in the body, never the URL).
  const filters = familyFilters(params, search.debounced);
  const list = useFamilyList({ ...filters, page: params.page, pageSize });

  // The export takes the list as it is filtered and sorted now.
  const exporting = useMutation({
    mutationFn: (format: 'csv' | 'xlsx') => download('/api/families/export', { format, ...filters }),
  });

  const statuses = enumOptions(FamilyStatus.options, (s) => t(`enums.familyStatus.${s}`));
  const areas = itemOptions(useAreas().data?.items);

  return (
    <VStack gap="space-24">
      <HStack justify="space-between" align="start" gap="space-16" wrap>
        <PageHeading title={t('families.list.title')} />
        {/* A link styled as a button: Aksel gives it role="button", but it navigates. */}
        <Button
          as={RouterLink}
          to="/families/new"
          role="link"
          icon={<PlusIcon aria-hidden />}
          variant="primary"
        >
          {t('families.list.new')}
        </Button>
      </HStack>
      {me.role === 'team_leader' && <BreakGlassNotice />}

      <search>
        <ListFilters
          columns={{ xs: 1, md: '2fr 1fr 1fr' }}
          search={{
            label: t('families.list.search'),
            description: t('families.list.searchHint'),
            state: search,
          }}
          selects={[
            {
              name: 'status',
              label: 'families.list.status',
              all: 'families.list.allStatuses',
              options: statuses,
            },
            { name: 'areaId', label: 'families.list.area', all: 'families.list.allAreas', options: areas },
          ]}
          values={params}
          update={update}
        />
        <HStack justify="space-between" align="center" gap="space-16" wrap>
          {leader ? (
            <Switch checked={params.noPair} onChange={(e) => update({ noPair: e.target.checked })}>
              {t('families.list.noPair')}
            </Switch>
          ) : (
            <Switch checked={params.mine} onChange={(e) => update({ mine: e.target.checked })}>
              {t('families.list.mine')}
            </Switch>
          )}
          <ExportButtons exporting={exporting} label={(format) => t(`families.list.export.${format}`)} />
        </HStack>
        <FormProblem error={exporting.error} />
      </search>

      <SortableList
        query={list}
        texts="families.list"
        empty={
          <VStack gap="space-8" align="start">
            <BodyShort>{t('families.list.empty')}</BodyShort>
            {/* An empty list under filters says how to get the families back. */}
            {(filtered || search.text) && (
              <Button
                type="button"
                variant="secondary"
                size="small"
                onClick={() => {
                  search.setText('');
                  update({ status: undefined, areaId: undefined, mine: false, noPair: false });
                }}
              >
                {t('families.list.clearFilters')}
              </Button>
            )}
          </VStack>
        }
        columns={columns}
        state={listState}
        row={(family) => <FamilyRow key={family.id} family={family} />}
      />
    </VStack>
  );
}

function FamilyRow({ family }: { family: FamilySummary }) {
  const { t } = useTranslation();
  const location = useLocation();
  return (
    <Table.Row>
      <Table.HeaderCell scope="row" className="sc-nowrap">
        <Link as={RouterLink} to={`/families/${family.id}`} state={listState(location.search)}>
          {family.reference}
        </Link>
      </Table.HeaderCell>
      <Table.DataCell>{family.adultNames.join(', ')}</Table.DataCell>
      <Table.DataCell>{formatAddress(family)}</Table.DataCell>
      <Table.DataCell>{family.areaName}</Table.DataCell>
      <Table.DataCell className="sc-nowrap">
        {t('families.list.memberCounts', {
          adults: t('families.list.adultCount', { count: family.adultCount }),
          children: t('families.list.childCount', { count: family.childCount }),
        })}
      </Table.DataCell>
      <Table.DataCell>
        {family.pair.map((p) => p.displayName).join(', ') || '–'}
        {family.coveredFor && (
          <>
            {' '}
            <Tag size="xsmall" variant="outline" data-color="info">
              {t('families.list.coveredFor', { name: family.coveredFor })}
            </Tag>
          </>
        )}
      </Table.DataCell>
      <Table.DataCell className="sc-nowrap">{formatDate(family.enrolledOn) || '–'}</Table.DataCell>
      <Table.DataCell>
        <FamilyStatusTag status={family.status} />
      </Table.DataCell>
    </Table.Row>
  );
}
