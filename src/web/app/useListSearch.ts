import { useEffect, useRef, useState } from 'react';

function stored(storageKey: string | undefined): string {
  if (!storageKey) return '';
  try {
    return sessionStorage.getItem(storageKey) ?? '';
  } catch {
    return '';
  }
}

/** A list's search text: as typed, and a trimmed, debounced copy for the query. */
export interface ListSearch {
  text: string;
  setText: (text: string) => void;
  debounced: string;
}

/**
 * A list page's search text, never in the URL (it may be a person's name). With a storage key it
 * is kept in this tab's sessionStorage (cleared at sign-out), so it survives opening a row and
 * coming back. A new search starts at the first page (`update({})` does that, useUrlListState).
 */
export function useListSearch({
  page,
  update,
  storageKey,
  delay = 300,
}: {
  page: number;
  update: (changes: Record<string, never>) => void;
  storageKey?: string;
  delay?: number;
}): ListSearch {
  const [text, setText] = useState(() => stored(storageKey));
  const [debounced, setDebounced] = useState(text);

  useEffect(() => {
    const timer = setTimeout(() => {
      setDebounced(text.trim());
      if (!storageKey) return;
      try {
        if (text) sessionStorage.setItem(storageKey, text);
        else sessionStorage.removeItem(storageKey);
      } catch {
        // Storage unavailable: the text lasts until the page is left.
      }
    }, delay);
    return () => clearTimeout(timer);
  }, [text, delay, storageKey]);

  const lastSearch = useRef(debounced);
  useEffect(() => {
    if (lastSearch.current === debounced) return;
    lastSearch.current = debounced;
    if (page !== 1) update({});
  }, [debounced, page, update]);

  return { text, setText, debounced };
}
