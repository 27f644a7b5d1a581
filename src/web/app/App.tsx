import { Provider } from '@navikt/ds-react';
import { en as akselEn } from '@navikt/ds-react/locales';
import { QueryClientProvider } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { RouterProvider } from 'react-router/dom';
import { akselDa } from '../i18n/aksel';
import { SessionSync } from './auth';
import { queryClient } from './queryClient';
import { router } from './router';

export function App() {
  const { i18n } = useTranslation();
  const danish = i18n.language !== 'en';
  return (
    <Provider locale={akselEn} translations={danish ? akselDa : undefined}>
      <QueryClientProvider client={queryClient}>
        <SessionSync>
          <RouterProvider router={router} />
        </SessionSync>
      </QueryClientProvider>
    </Provider>
  );
}
