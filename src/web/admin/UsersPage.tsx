import { PlusIcon } from '@navikt/aksel-icons';
import {
  BodyShort,
  Button,
  HGrid,
  HStack,
  Link,
  Pagination,
  Search,
  Skeleton,
  Table,
  Tag,
  VStack,
} from '@navikt/ds-react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useSearchParams } from 'react-router';
import { type AdminUser, UserSort, UserStatus } from '../../shared/admin/users.contract';
import { Role } from '../../shared/auth/auth.contract';
import { Id } from '../../shared/common/common.contract';
import { ErrorAlert } from '../app/ErrorAlert';
import { FilterSelect } from '../app/FilterSelect';
import { formatDate } from '../app/format';
import { PageHeading } from '../app/PageHeading';
import { type ListColumn, SortableTable } from '../app/SortableTable';
import { ApprovalsSection } from './Approvals';
import { useAdminTeams, useUsers } from './users.api';

const pageSize = 25;

interface Params {
  role: Role | undefined;
  teamId: string | undefined;
  status: UserStatus | undefined;
  sort: UserSort;
  dir: 'asc' | 'desc';
  page: number;
}

/** Filters, sort and page in the URL (bookmarkable, back button); the search text is not (it is a name). */
function useParams() {
  const [search, setSearch] = useSearchParams();
  const params = useMemo<Params>(() => {
    const page = Number(search.get('page'));
    return {
      role: Role.safeParse(search.get('role')).data,
      // A bad id in an edited link is dropped, not sent to a 400 (the team filter shows 'all').
      teamId: Id.safeParse(search.get('teamId')).data,
      status: UserStatus.safeParse(search.get('status')).data,
      sort: UserSort.safeParse(search.get('sort')).data ?? 'displayName',
      dir: search.get('dir') === 'desc' ? 'desc' : 'asc',
      page: Number.isInteger(page) && page > 0 ? page : 1,
    };
  }, [search]);
  const update = useCallback(
    (changes: Partial<Params>) => {
      const next = { ...params, page: 1, ...changes };
      const out = new URLSearchParams();
      if (next.role) out.set('role', next.role);
      if (next.teamId) out.set('teamId', next.teamId);
      if (next.status) out.set('status', next.status);
      if (next.sort !== 'displayName') out.set('sort', next.sort);
      if (next.dir !== 'asc') out.set('dir', next.dir);
      if (next.page > 1) out.set('page', String(next.page));
      setSearch(out, { replace: !('page' in changes) });
    },
    [params, setSearch],
  );
  return [params, update] as const;
}

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
  const [params, update] = useParams();
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
  const pageCount = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;

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

      <BodyShort role="status" aria-live="polite">
        {data ? t('users.count', { count: data.total }) : ''}
      </BodyShort>
      {/* Not FormProblem: it hides a problem with field errors, and this list shows no fields' errors. */}
      {list.error && <ErrorAlert error={list.error} />}

      {list.isPending ? (
        <VStack gap="space-8" aria-hidden>
          {[0, 1, 2].map((i) => (
            <Skeleton key={i} variant="rectangle" height="2.5rem" />
          ))}
        </VStack>
      ) : data && data.items.length === 0 ? (
        <BodyShort>{t('users.empty')}</BodyShort>
      ) : data ? (
        <SortableTable
          label={t('users.tableLabel')}
          columns={columns}
          sort={params.sort}
          dir={params.dir}
          onSort={(key) => {
            const sort = UserSort.parse(key);
            update({ sort, dir: params.sort === sort && params.dir === 'asc' ? 'desc' : 'asc' });
          }}
          busy={list.isFetching}
        >
          {data.items.map((user) => (
            <UserRow key={user.id} user={user} />
          ))}
        </SortableTable>
      ) : null}

      {data && pageCount > 1 && (
        <Pagination
          page={params.page}
          count={pageCount}
          onPageChange={(page) => update({ page })}
          size="small"
          srHeading={{ tag: 'h2', text: t('users.pagination') }}
        />
      )}
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
