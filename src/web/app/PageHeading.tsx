import { Heading } from '@navikt/ds-react';
import { type ReactNode, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { takeNavigation } from './routeFocus';

interface Props {
  /** The page's name, also used for document.title. */
  title: string;
  children?: ReactNode;
  /** Take focus when shown even without a navigation (a new step of the same page). */
  autoFocus?: boolean;
}

/** The page's single h1: sets the document title and takes focus after a navigation. */
export function PageHeading({ title, children, autoFocus = false }: Props) {
  const { t } = useTranslation();
  const ref = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    document.title = t('app.documentTitle', { page: title });
  }, [t, title]);

  useEffect(() => {
    if (takeNavigation() || autoFocus) ref.current?.focus();
  }, [autoFocus]);

  return (
    <Heading ref={ref} level="1" size="xlarge" tabIndex={-1} className="sc-page-heading">
      {children ?? title}
    </Heading>
  );
}
