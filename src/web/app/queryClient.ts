import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError } from './api';
import { onUnauthenticated } from './session';

function handleError(error: unknown): void {
  if (error instanceof ApiError && error.status === 401) {
    onUnauthenticated(error.hasType('/second-factor-required'));
  }
}

/** Server state: no retries on problems the server explained (4xx), one retry on network trouble. */
export const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError: handleError }),
  mutationCache: new MutationCache({ onError: handleError }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      retry: (failureCount, error) => !(error instanceof ApiError) && failureCount < 1,
    },
    mutations: { retry: false },
  },
});
