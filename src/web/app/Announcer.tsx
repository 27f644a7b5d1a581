import { useEffect, useState } from 'react';

type Listener = (message: string) => void;
let listener: Listener | null = null;

/** Tells screen-reader users that something happened without moving focus (WCAG 4.1.3). */
export function announce(message: string): void {
  listener?.(message);
}

/** The one polite live region of the app, visually hidden; rendered once by the shell. */
export function Announcer() {
  const [message, setMessage] = useState('');
  useEffect(() => {
    listener = (text) => {
      // Clearing first makes a repeated message ("Saved") be read again.
      setMessage('');
      setTimeout(() => setMessage(text), 50);
    };
    return () => {
      listener = null;
    };
  }, []);
  return (
    <div className="aksel-sr-only" role="status" aria-live="polite">
      {message}
    </div>
  );
}
