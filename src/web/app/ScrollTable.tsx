import { type ReactNode, useLayoutEffect, useRef } from 'react';

/**
 * A list's table. Wide screens: a region that scrolls sideways when the table is wider, focusable
 * so keyboard users can scroll it too. Phones: each row is stacked as a card (app.css,
 * `.sc-table-scroll`), its cells under their column's heading — a 926 px table scrolled in
 * 358 px hid a person's "Edit" button at x≈810 (issue 13).
 */
export function ScrollTable({ label, children }: { label: string; children: ReactNode }) {
  const ref = useRef<HTMLElement>(null);
  // Each cell carries its column's heading, shown beside it when the rows stack. From the
  // rendered headings, so every list gets it without repeating its column names per cell;
  // after every render, as rows come and go with the data.
  useLayoutEffect(() => {
    const table = ref.current?.querySelector('table');
    if (!table) return;
    const headings = [...table.querySelectorAll('thead th')].map((th) => th.textContent?.trim() ?? '');
    for (const row of table.querySelectorAll('tbody tr')) {
      [...row.children].forEach((cell, i) => {
        const heading = headings[i] ?? '';
        if (cell.getAttribute('data-label') !== heading) cell.setAttribute('data-label', heading);
      });
    }
  });
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1)
    <section ref={ref} className="sc-table-scroll" tabIndex={0} aria-label={label}>
      {children}
    </section>
  );
}
