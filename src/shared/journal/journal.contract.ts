import { z } from 'zod';
import { Id, IsoDate, paged, pastDate } from '../common/common.contract';
import { isLanguageCode } from '../common/iso-codes';
import { freeText, nameText, textMeta, typedString } from '../common/text';
import { StaffRef } from '../families/families.contract';

/*
 * The journal's contact notes (issue 14 §5, decision 0037): what happened at a contact with the
 * family, who took part, whether an interpreter was used, which of the family's tasks it concerns.
 * A note can be sensitive (a category says why): then only the pair (and a cover), the leader
 * and the specialists routed a task it is linked to read it; everyone else on the team sees that
 * a sensitive note exists and its date, nothing more — the server never selects the rest for them.
 * A correction is a new version of the text; the earlier versions stay, shown as such.
 */

export const NoteKind = z.enum([
  'home_visit',
  'office',
  'phone',
  'text',
  'authority_meeting',
  'network_meeting',
]);
export type NoteKind = z.infer<typeof NoteKind>;
export const SensitiveCategory = z.enum(['health', 'violence', 'abuse', 'criminal', 'other']);
export type SensitiveCategory = z.infer<typeof SensitiveCategory>;
export const ParticipantKind = z.enum(['member', 'staff', 'other']);
export type ParticipantKind = z.infer<typeof ParticipantKind>;

export const NOTE_TEXT_MAX = 20_000;
export const ROLE_MAX = 100;
export const PARTICIPANTS_MAX = 30;
export const LINKED_TASKS_MAX = 20;

/** Empty form fields arrive as '' and mean "not given". */
const emptyToNull = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? null : v);

/** A known ISO 639-1 language, in small letters whatever was typed. */
const Language = typedString()
  .toLowerCase()
  .refine(isLanguageCode, { message: 'errors.language' })
  .meta(textMeta('code'));

/**
 * Who took part: a member of the family, a staff member (of any team of the municipality), or
 * someone else named by role only ("school teacher", "GP") — never by name, as the note is the
 * family's record, not theirs.
 */
export const ParticipantInput = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('member'), personId: Id }),
  z.strictObject({ kind: z.literal('staff'), staffId: Id }),
  z.strictObject({ kind: z.literal('other'), role: nameText(ROLE_MAX) }),
]);
export type ParticipantInput = z.input<typeof ParticipantInput>;

/** The sensitive marking: a category exactly when the note is sensitive. */
const sensitiveHasCategory = (n: { sensitive?: boolean; sensitiveCategory?: string | null }) =>
  !n.sensitive || (n.sensitiveCategory ?? null) !== null;

export const NewNote = z
  .strictObject({
    occurredOn: pastDate('2000-01-01', 'errors.date'),
    kind: NoteKind,
    text: freeText(NOTE_TEXT_MAX),
    participants: z.array(ParticipantInput).max(PARTICIPANTS_MAX).default([]),
    interpreterUsed: z.boolean().default(false),
    /** The language interpreted, when an interpreter was used. */
    interpreterLanguage: z.preprocess(emptyToNull, Language.nullable()).optional(),
    /** The family's tasks the contact concerns. */
    taskIds: z
      .array(Id)
      .max(LINKED_TASKS_MAX)
      .default([])
      .transform((ids) => [...new Set(ids)]),
    sensitive: z.boolean().default(false),
    sensitiveCategory: z.preprocess(emptyToNull, SensitiveCategory.nullable()).optional(),
  })
  .refine(sensitiveHasCategory, { path: ['sensitiveCategory'], message: 'errors.required' })
  .refine((n) => !n.interpreterUsed || (n.interpreterLanguage ?? null) !== null, {
    path: ['interpreterLanguage'],
    message: 'errors.required',
  });
export type NewNote = z.input<typeof NewNote>;

/**
 * A correction: the note's new text (the earlier one is kept as a version) and, optionally, its
 * sensitive marking; `version` is the version the writer opened (409 if someone corrected it since).
 */
export const NoteCorrection = z
  .strictObject({
    version: z.number().int().min(1),
    text: freeText(NOTE_TEXT_MAX),
    sensitive: z.boolean().optional(),
    sensitiveCategory: z.preprocess(emptyToNull, SensitiveCategory.nullable()).optional(),
  })
  .refine(sensitiveHasCategory, { path: ['sensitiveCategory'], message: 'errors.required' });
export type NoteCorrection = z.input<typeof NoteCorrection>;

export const NoteParams = z.strictObject({ familyId: Id, noteId: Id });
export const NoteListQuery = z.strictObject({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const Participant = z.object({
  kind: ParticipantKind,
  /** The member or staff member, by id and name; null for someone else, named by role. */
  id: Id.nullable(),
  name: z.string().nullable(),
  role: z.string().nullable(),
});
export type Participant = z.infer<typeof Participant>;

export const LinkedTask = z.object({ id: Id, words: z.string() });
export type LinkedTask = z.infer<typeof LinkedTask>;

/**
 * A note as the actor may see it. `readable` false: a sensitive note the actor may not read —
 * only its id, date and that it is sensitive; every other field is null (never selected).
 */
export const Note = z.object({
  id: Id,
  familyId: Id,
  occurredOn: IsoDate,
  sensitive: z.boolean(),
  readable: z.boolean(),
  kind: NoteKind.nullable(),
  text: z.string().nullable(),
  sensitiveCategory: SensitiveCategory.nullable(),
  interpreterUsed: z.boolean().nullable(),
  interpreterLanguage: z.string().nullable(),
  participants: z.array(Participant).nullable(),
  tasks: z.array(LinkedTask).nullable(),
  author: StaffRef.nullable(),
  createdAt: z.string().nullable(),
  /** When the current text was written (the last correction, or the note itself). */
  correctedAt: z.string().nullable(),
  /** The text's version (the one a correction names); null with the rest for a note not readable. */
  version: z.number().int().nullable(),
  abilities: z.object({ correct: z.boolean() }),
});
export type Note = z.infer<typeof Note>;

/** An earlier text of a note, kept when it was corrected. */
export const NoteVersion = z.object({
  version: z.number().int(),
  text: z.string(),
  writtenBy: StaffRef,
  writtenAt: z.string(),
});
export type NoteVersion = z.infer<typeof NoteVersion>;

/** One note with its earlier texts, newest first (none for a note the actor may not read). */
export const NoteDetail = Note.extend({ earlier: z.array(NoteVersion) });
export type NoteDetail = z.infer<typeof NoteDetail>;

export const NoteList = paged(Note).extend({
  /** Whether the actor may add a note (the pair, a cover, the leader). */
  abilities: z.object({ create: z.boolean() }),
});
export type NoteList = z.infer<typeof NoteList>;
