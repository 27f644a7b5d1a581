import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { ComparisonCounts } from '../../shared/outreach/enrollment.contract';
import { Funnel, FunnelPlaces, type FunnelQuery } from '../../shared/outreach/funnel.contract';
import { api, download, query } from '../app/api';

export type FunnelFilters = Omit<FunnelQuery, 'by'>;

export const funnelKeys = {
  all: ['outreach', 'funnel'] as const,
  places: ['outreach', 'funnel', 'places'] as const,
  funnel: (f: FunnelFilters) => ['outreach', 'funnel', f] as const,
  comparison: ['outreach', 'comparison-group'] as const,
};

/** The areas, buildings and staircases the user may count. */
export function useFunnelPlaces() {
  return useQuery({
    queryKey: funnelKeys.places,
    queryFn: () => api.get('/api/outreach/funnel/places', FunnelPlaces),
  });
}

/**
 * The funnel of the chosen cut; the last answer stays on screen while the next one loads, and it
 * is always read anew when opened: the whole team's visits and enrollments move it.
 */
export function useFunnel(filters: FunnelFilters) {
  return useQuery({
    queryKey: funnelKeys.funnel(filters),
    queryFn: () => api.get(`/api/outreach/funnel${query({ ...filters })}`, Funnel),
    placeholderData: keepPreviousData,
    refetchOnMount: 'always',
  });
}

/** The same cut as a CSV or XLSX file, downloaded by the browser. */
export const downloadFunnel = (format: 'csv' | 'xlsx', filters: FunnelFilters) =>
  download('/api/outreach/funnel/export', { format, ...filters });

/** The comparison group's counts per area, small ones suppressed: analysts only (decision 0049). */
export function useComparisonGroup() {
  return useQuery({
    queryKey: funnelKeys.comparison,
    queryFn: () => api.get('/api/outreach/comparison-group', ComparisonCounts),
  });
}
