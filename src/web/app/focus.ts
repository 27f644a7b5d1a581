import { useEffect, useRef } from 'react';

const fieldSelector =
  'input:not([type="hidden"]):not([disabled]), select:not([disabled]), textarea:not([disabled])';

/**
 * An inline form that opens in place takes focus on its first field (WCAG 2.4.3), so a
 * keyboard user is not left on a button that has just disappeared. Put the ref on the form.
 */
export function useFocusFirstField<T extends HTMLElement>(enabled = true) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (enabled) ref.current?.querySelector<HTMLElement>(fieldSelector)?.focus();
  }, [enabled]);
  return ref;
}

/** Focuses the element with this id once the render that brings it back has happened. */
export function focusById(id: string): void {
  requestAnimationFrame(() => document.getElementById(id)?.focus());
}
