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

/** Focuses a form's first field, as useFocusFirstField does when it opens (after a reload of its values, say). */
export function focusFirstField(form: HTMLElement | null): void {
  requestAnimationFrame(() => form?.querySelector<HTMLElement>(fieldSelector)?.focus());
}

/**
 * Focuses the element with this id once the render that brings it back has happened. That
 * render is React's to schedule: after a request (a mutation's onSuccess) it can come a frame
 * or two after the next animation frame on a busy machine, and a closing dialog may hand focus
 * back to what it remembers a frame later still. So the element is looked for, and focused again
 * if focus left it, on the following frames (up to ~10, a sixth of a second) until it has kept
 * focus for two frames running.
 */
export function focusById(id: string, framesLeft = 10, heldFor = 0): void {
  requestAnimationFrame(() => {
    const element = document.getElementById(id);
    const held = element !== null && document.activeElement === element;
    if (element && !held) element.focus();
    if (held && heldFor >= 1) return;
    if (framesLeft > 0) focusById(id, framesLeft - 1, held ? heldFor + 1 : 0);
  });
}
