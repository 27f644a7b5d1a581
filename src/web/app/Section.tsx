import { Button, Heading, HStack, VStack } from '@navikt/ds-react';
import type { ReactNode } from 'react';

interface Props {
  id: string;
  title: string;
  /** Buttons beside the heading (e.g. "Edit"). */
  actions?: ReactNode;
  children: ReactNode;
}

/** A titled part of a page: a landmark named by its h2. */
export function Section({ id, title, actions, children }: Props) {
  return (
    <section aria-labelledby={`${id}-heading`}>
      <VStack gap="space-16">
        <HStack justify="space-between" align="center" gap="space-16" wrap>
          <Heading id={`${id}-heading`} level="2" size="medium" tabIndex={-1} className="sc-page-heading">
            {title}
          </Heading>
          {actions}
        </HStack>
        {children}
      </VStack>
    </section>
  );
}

/** The button beside a section's heading that opens its inline form (add, edit, assign). */
export function SectionButton({
  icon,
  onClick,
  children,
}: {
  icon?: ReactNode;
  onClick: () => void;
  children: ReactNode;
}) {
  return (
    <Button type="button" size="small" variant="secondary" icon={icon} onClick={onClick}>
      {children}
    </Button>
  );
}

/** After an inline form closes, focus returns to its section instead of being lost on the page. */
export function focusSection(id: string): void {
  requestAnimationFrame(() => document.getElementById(`${id}-heading`)?.focus());
}

/** Label–value pairs as a description list. */
export function Facts({ items }: { items: { label: string; value: ReactNode }[] }) {
  return (
    <dl className="sc-facts">
      {items.map((item) => (
        <div key={item.label}>
          <dt>{item.label}</dt>
          <dd>{item.value}</dd>
        </div>
      ))}
    </dl>
  );
}
