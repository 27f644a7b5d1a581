import { Heading, HStack, VStack } from '@navikt/ds-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { domainName } from '../team/unitNames';
import { useDomainNames } from './plan.hooks';

/** A Select's options for a domain of the municipality, by its name in the reader's language; none chosen first. */
export function DomainOptions() {
  const { t } = useTranslation();
  const { domains } = useDomainNames();
  return (
    <>
      <option value="">–</option>
      {domains.map((d) => (
        <option key={d.id} value={d.id}>
          {domainName(t, d)}
        </option>
      ))}
    </>
  );
}

/**
 * Items side by side by domain (the family works on several at once), each domain under its
 * name, its items in the order given.
 */
export function DomainColumns<T extends { id: string; domainId: string }>({
  items,
  headingLevel,
  gap,
  itemClassName,
  children,
}: {
  items: T[];
  headingLevel: '3' | '4';
  gap: 'space-4' | 'space-8';
  itemClassName?: string;
  children: (item: T) => ReactNode;
}) {
  const domains = useDomainNames();
  const domainIds = [...new Set(items.map((i) => i.domainId))];
  return (
    <HStack gap="space-16" align="start" wrap>
      {domainIds.map((domainId) => (
        <VStack key={domainId} gap={gap} className="sc-task-column">
          <Heading level={headingLevel} size="xsmall">
            {domains.name(domainId)}
          </Heading>
          <ul className="sc-plain-list">
            {items
              .filter((i) => i.domainId === domainId)
              .map((item) => (
                <li key={item.id} className={itemClassName}>
                  {children(item)}
                </li>
              ))}
          </ul>
        </VStack>
      ))}
    </HStack>
  );
}
