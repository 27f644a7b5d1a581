import { PlusIcon } from '@navikt/aksel-icons';
import { Button, HStack, Link, Table, Tag, VStack } from '@navikt/ds-react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { z } from 'zod';
import { type AdminUser, UserSort, UserStatus } from '../../shared/admin/users.contract';
import { Role } from '../../shared/auth/auth.contract';
import { Id } from '../../shared/common/common.contract';
import { formatDate } from '../app/format';
import { enumOptions, itemOptions, ListFilters } from '../app/ListFilters';
import { PageHeading } from '../app/PageHeading';
import { type ListColumn, SortableList } from '../app/SortableTable';
import { useListSearch } from '../app/useListSearch';
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
  const listState = useUrlListState(userListFields);
  const [params, update] = listState;
  const search = useListSearch({ page: params.page, update });

  const roles = enumOptions(Role.options, (role) => t(`enums.role.${role}`));
  const teams = itemOptions(useAdminTeams().data?.items);
  const statuses = enumOptions(UserStatus.options, (status) => t(`users.statuses.${status}`));
  const list = useUsers({ q: search.debounced || undefined, ...params, pageSize });

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
        <ListFilters
          columns={{ xs: 1, md: '2fr 1fr 1fr 1fr' }}
          search={{ label: t('users.search'), state: search }}
          selects={[
            { name: 'role', label: 'users.role', all: 'users.allRoles', options: roles },
            { name: 'teamId', label: 'users.team', all: 'users.allTeams', options: teams },
            { name: 'status', label: 'users.status', all: 'users.allStatuses', options: statuses },
          ]}
          values={params}
          update={update}
        />
      </search>

      <SortableList
        query={list}
        texts="users"
        skeletonRows={3}
        columns={columns}
        state={listState}
        row={(user) => <UserRow key={user.id} user={user} />}
      />
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
