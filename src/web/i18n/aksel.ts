import type { Provider } from '@navikt/ds-react';
import { da as dateFnsDa } from 'date-fns/locale';
import type { ComponentProps } from 'react';

type AkselTranslations = Exclude<ComponentProps<typeof Provider>['translations'], unknown[] | undefined>;

/**
 * Danish texts for Aksel's built-in labels (close buttons, pagination, search…). Aksel ships
 * Norwegian and English; English uses Aksel's own English locale as it is.
 */
export const akselDa: AkselTranslations = {
  global: {
    // Aksel ships Norwegian and English date locales only: month and day names, and Monday as
    // the first day of the week, come from date-fns' Danish locale.
    dateLocale: dateFnsDa,
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
  DatePicker: {
    chooseDate: 'Vælg dato',
    chooseDates: 'Vælg datoer',
    chooseDateRange: 'Vælg start- og slutdato',
    chooseMonth: 'Vælg måned',
    week: 'Uge',
    weekNumber: 'Uge {week}',
    selectWeekNumber: 'Vælg uge {week}',
    month: 'Måned',
    goToNextMonth: 'Gå til næste måned',
    goToPreviousMonth: 'Gå til forrige måned',
    year: 'År',
    goToNextYear: 'Gå til næste år',
    goToPreviousYear: 'Gå til forrige år',
    openDatePicker: 'Åbn datovælger',
    openMonthPicker: 'Åbn månedsvælger',
    closeDatePicker: 'Luk datovælger',
    closeMonthPicker: 'Luk månedsvælger',
  },
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
