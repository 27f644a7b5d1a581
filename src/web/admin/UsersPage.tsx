import { PlusIcon } from '@navikt/aksel-icons';
import { BodyShort, Button, HGrid, HStack, Link, Search, Table, Tag, VStack } from '@navikt/ds-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { z } from 'zod';
import { type AdminUser, UserSort, UserStatus } from '../../shared/admin/users.contract';
import { Role } from '../../shared/auth/auth.contract';
import { Id } from '../../shared/common/common.contract';
import { FilterSelect } from '../app/FilterSelect';
import { formatDate } from '../app/format';
import { ListResults, toggleSort } from '../app/ListPage';
import { PageHeading } from '../app/PageHeading';
import { type ListColumn, SortableTable } from '../app/SortableTable';
import { urlPage, urlValue, useUrlListState } from '../app/useUrlListState';
import { ApprovalsSection } from './Approvals';
import { useAdminTeams, useUsers } from './users.api';

const pageSize = 25;

/** Filters, sort and page in the URL (bookmarkable, back button); the search text is not (it is a name). */
const userListFields = {
  role: urlValue(Role),
  // A bad id in an edited link is dropped, not sent to a 400 (the team filter shows 'all').
  teamId: urlValue(Id),
  status: urlValue(UserStatus),
  sort: urlValue(UserSort, 'displayName'),
  dir: urlValue(z.enum(['asc', 'desc']), 'asc'),
  page: urlPage,
};

const columns: ListColumn<UserSort>[] = [
  { key: 'displayName', label: 'users.columns.name' },
  { key: 'username', label: 'users.columns.username' },
  { key: 'role', label: 'users.columns.role' },
  { key: 'team', label: 'users.columns.team' },
  { key: null, label: 'users.columns.status' },
  { key: 'createdAt', label: 'users.columns.createdAt' },
];

/** The municipality's accounts: search, filter, sort, page; a new account; each account's page. */
export function UsersPage() {
  const { t } = useTranslation();
  const [params, update] = useUrlListState(userListFields);
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const teams = useAdminTeams();

  useEffect(() => {
    const timer = setTimeout(() => setQ(text.trim()), 300);
    return () => clearTimeout(timer);
  }, [text]);
  // A new search starts at the first page.
  const lastQ = useRef(q);
  useEffect(() => {
    if (lastQ.current === q) return;
    lastQ.current = q;
    if (params.page !== 1) update({});
  }, [q, params.page, update]);

  const list = useUsers({ q: q || undefined, ...params, pageSize });
  const data = list.data;

  return (
    <VStack gap="space-24">
      <HStack justify="space-between" align="start" gap="space-16" wrap>
        <PageHeading title={t('users.title')} />
        <Button as={RouterLink} to="/admin/users/new" role="link" icon={<PlusIcon aria-hidden />}>
          {t('users.new')}
        </Button>
      </HStack>
      <ApprovalsSection />

      <search>
        <HGrid columns={{ xs: 1, md: '2fr 1fr 1fr 1fr' }} gap="space-16" align="end">
          <Search
            label={t('users.search')}
            hideLabel={false}
            variant="simple"
            value={text}
            onChange={setText}
            onClear={() => setText('')}
            autoComplete="off"
          />
          <FilterSelect
            label={t('users.role')}
            allLabel={t('users.allRoles')}
            value={params.role}
            options={Role.options.map((role) => ({ value: role, label: t(`enums.role.${role}`) }))}
            onChange={(role) => update({ role })}
          />
          <FilterSelect
            label={t('users.team')}
            allLabel={t('users.allTeams')}
            value={params.teamId}
            options={(teams.data?.items ?? []).map((team) => ({ value: team.id, label: team.name }))}
            onChange={(teamId) => update({ teamId })}
          />
          <FilterSelect
            label={t('users.status')}
            allLabel={t('users.allStatuses')}
            value={params.status}
            options={UserStatus.options.map((status) => ({
              value: status,
              label: t(`users.statuses.${status}`),
            }))}
            onChange={(status) => update({ status })}
          />
        </HGrid>
      </search>

      <ListResults
        query={list}
        count={data ? t('users.count', { count: data.total }) : ''}
        skeletonRows={3}
        empty={<BodyShort>{t('users.empty')}</BodyShort>}
        page={params.page}
        onPageChange={(page) => update({ page })}
        paginationLabel={t('users.pagination')}
      >
        {(items) => (
          <SortableTable
            label={t('users.tableLabel')}
            columns={columns}
            sort={params.sort}
            dir={params.dir}
            onSort={(key) => update(toggleSort(params, UserSort.parse(key)))}
            busy={list.isFetching}
          >
            {items.map((user) => (
              <UserRow key={user.id} user={user} />
            ))}
          </SortableTable>
        )}
      </ListResults>
    </VStack>
  );
}

export function StatusTag({ user }: { user: AdminUser }) {
  const { t } = useTranslation();
  return (
    <HStack gap="space-4" wrap>
      <Tag size="small" variant="moderate" data-color={user.status === 'active' ? 'success' : 'neutral'}>
        {t(`users.statuses.${user.status}`)}
      </Tag>
      {user.locked && (
        <Tag size="small" variant="moderate" data-color="warning">
          {t('users.locked')}
        </Tag>
      )}
    </HStack>
  );
}

function UserRow({ user }: { user: AdminUser }) {
  const { t } = useTranslation();
  return (
    <Table.Row>
      <Table.HeaderCell scope="row">
        <Link as={RouterLink} to={`/admin/users/${user.id}`}>
          {user.displayName}
        </Link>
      </Table.HeaderCell>
      <Table.DataCell>{user.username}</Table.DataCell>
      <Table.DataCell>{t(`enums.role.${user.role}`)}</Table.DataCell>
      <Table.DataCell>{user.team?.name ?? '–'}</Table.DataCell>
      <Table.DataCell>
        <StatusTag user={user} />
      </Table.DataCell>
      <Table.DataCell className="sc-nowrap">{formatDate(user.createdAt)}</Table.DataCell>
    </Table.Row>
  );
}
