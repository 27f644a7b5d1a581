import { HGrid, type HGridProps, Search } from '@navikt/ds-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FilterSelect } from './FilterSelect';
import type { ListSearch } from './useListSearch';

export interface FilterOption {
  value: string;
  label: string;
}

/**
 * One select filter of a list, bound to the list's URL state by its name. The labels are
 * translation keys, as a list's column headings are (SortableTable).
 */
export interface SelectFilter<P> {
  name: keyof P & string;
  label: string;
  all: string;
  options: FilterOption[];
}

/** A filter's choices from an enum's values (statuses, roles), each labelled. */
export function enumOptions<V extends string>(
  values: readonly V[],
  label: (value: V) => string,
): FilterOption[] {
  return values.map((value) => ({ value, label: label(value) }));
}

/** A filter's choices from fetched items (teams, areas, staff): by id, labelled by name unless told otherwise. */
export function itemOptions<I extends { id: string }>(
  items: I[] | undefined,
  label: (item: I) => string = (item) => (item as I & { name: string }).name,
): FilterOption[] {
  return (items ?? []).map((item) => ({ value: item.id, label: label(item) }));
}

/**
 * The filters above a list (families, accounts, the audit log), in one grid: the search field
 * if the list has one, a select per filter bound to the URL state (a change starts again at the
 * first page, useUrlListState), then any other filters the page has.
 */
export function ListFilters<P extends object>({
  columns,
  align = 'end',
  search,
  selects,
  values,
  update,
  children,
}: {
  columns: HGridProps['columns'];
  align?: HGridProps['align'];
  search?: { label: string; description?: string; state: ListSearch };
  selects: SelectFilter<P>[];
  values: P;
  update: (changes: Partial<P>) => void;
  /** More filters after the selects (dates, a reference), in the same grid. */
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <HGrid columns={columns} gap="space-16" align={align}>
      {search && (
        <Search
          label={search.label}
          hideLabel={false}
          description={search.description}
          variant="simple"
          value={search.state.text}
          onChange={search.state.setText}
          onClear={() => search.state.setText('')}
          autoComplete="off"
        />
      )}
      {selects.map((filter) => (
        <FilterSelect
          key={filter.name}
          label={t(filter.label)}
          allLabel={t(filter.all)}
          // The select only ever gives one of the options (or undefined): a value of this filter.
          value={values[filter.name] as string | undefined}
          options={filter.options}
          onChange={(value) => update({ [filter.name]: value } as Partial<P>)}
        />
      ))}
      {children}
    </HGrid>
  );
}
