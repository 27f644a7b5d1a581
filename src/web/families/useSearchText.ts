import { useEffect, useState } from 'react';

const storageKey = 'staircase.families.search';

function stored(): string {
  try {
    return sessionStorage.getItem(storageKey) ?? '';
  } catch {
    return '';
  }
}

/**
 * The family search text: kept in this tab's sessionStorage (cleared at sign-out), never in the
 * URL. Returns the text as typed and a debounced copy for the query.
 */
export function useSearchText(delay = 300) {
  const [text, setText] = useState(stored);
  const [debounced, setDebounced] = useState(text);

  useEffect(() => {
    const timer = setTimeout(() => {
      setDebounced(text.trim());
      try {
        if (text) sessionStorage.setItem(storageKey, text);
        else sessionStorage.removeItem(storageKey);
      } catch {
        // Storage unavailable: the text lasts until the page is left.
      }
    }, delay);
    return () => clearTimeout(timer);
  }, [text, delay]);

  return { text, setText, debounced };
}
