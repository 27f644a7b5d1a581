/**
 * Focus management on route change: the shell marks a navigation, and the next page heading
 * that renders takes focus, so screen readers announce the new page. The first page load is
 * left alone (the browser starts at the top of the document).
 */
let pending = false;

export function markNavigation(): void {
  pending = true;
}

export function takeNavigation(): boolean {
  const was = pending;
  pending = false;
  return was;
}
