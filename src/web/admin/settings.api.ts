import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { MunicipalitySettings, type UpdateSettings } from '../../shared/admin/settings.contract';
import { api } from '../app/api';

const key = ['admin', 'settings'] as const;

export function useSettings() {
  return useQuery({ queryKey: key, queryFn: () => api.get('/api/admin/settings', MunicipalitySettings) });
}

export function useSaveSettings(onError: (error: unknown) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateSettings) => api.put('/api/admin/settings', body, MunicipalitySettings),
    onSuccess: (saved) => queryClient.setQueryData(key, saved),
    onError,
  });
}

/** Loads the settings anew (after a conflict: another administrator's save). */
export function useReloadSettings() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: key });
}
