import type { Insertable } from 'kysely';
import type { JournalNoteTable } from '../../../src/db/schema';

/** A demo note with its text as the web would send it (NewNote's body), for checking it against the contract. */
export const noteBody = (n: Insertable<JournalNoteTable>, text: string) => ({
  occurredOn: n.occurred_on,
  kind: n.kind,
  text,
  interpreterUsed: n.interpreter_used,
  interpreterLanguage: n.interpreter_language,
  sensitive: n.sensitive,
  sensitiveCategory: n.sensitive_category,
});
