import type { ReactNode } from 'react';

/** Lets a wide table scroll sideways on a phone; focusable so keyboard users can scroll it too. */
export function ScrollTable({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1)
    <section className="sc-table-scroll" tabIndex={0} aria-label={label}>
      {children}
    </section>
  );
}
