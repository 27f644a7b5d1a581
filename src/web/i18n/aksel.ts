import type { Provider } from '@navikt/ds-react';
import type { ComponentProps } from 'react';

type AkselTranslations = Exclude<ComponentProps<typeof Provider>['translations'], unknown[] | undefined>;

/**
 * Danish texts for Aksel's built-in labels (close buttons, pagination, search…). Aksel ships
 * Norwegian and English; English uses Aksel's own English locale as it is.
 */
export const akselDa: AkselTranslations = {
  global: {
    showMore: 'Vis mere',
    showLess: 'Vis mindre',
    readOnly: 'Skrivebeskyttet',
    close: 'Luk',
    error: 'Fejl',
    info: 'Information',
    success: 'Gennemført',
    warning: 'Advarsel',
    announcement: 'Meddelelse',
  },
  Chips: { Removable: { labelSuffix: 'slet' } },
  Combobox: {
    addOption: 'Tilføj',
    noMatches: 'Ingen resultater',
    loading: 'Søger…',
    maxSelected: '{selected} af højst {limit} er valgt.',
  },
  CopyButton: { title: 'Kopiér', activeText: 'Kopieret!' },
  ErrorSummary: { heading: 'Du skal rette følgende, før du kan fortsætte:' },
  FormProgress: {
    step: 'Trin {activeStep} af {totalSteps}',
    showAllSteps: 'Vis alle trin',
    hideAllSteps: 'Skjul alle trin',
  },
  FormSummary: { editAnswer: 'Ret svar' },
  GuidePanel: { illustrationLabel: 'Illustration af en vejleder' },
  HelpText: { title: 'Mere information' },
  Loader: { title: 'Venter…' },
  Pagination: { previous: 'Forrige', next: 'Næste' },
  Process: { active: 'Aktiv' },
  ProgressBar: {
    progress: '{current} af {max}',
    progressUnknown: 'Fremdriften er ukendt, anslået tid er {seconds} sekunder.',
  },
  Search: { clear: 'Tøm feltet', search: 'Søg' },
  Textarea: {
    maxLength: 'Tekstfelt med højst {maxLength} tegn.',
    charsTooMany: '{chars} tegn for mange',
    charsLeft: '{chars} tegn tilbage',
  },
  Tooltip: { shortcutSeparator: 'eller' },
};
