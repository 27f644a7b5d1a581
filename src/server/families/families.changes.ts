import type { Trx } from '../../db/queryable';
import { MemberInput } from '../../shared/families/families.contract';
import type { Actor } from '../http/access';
import { changesOf, personColumns } from './families.columns';
import { insertPerson } from './families.queries';
import { recordChange, recordFamilyChange, translateConstraint } from './families.service';

/*
 * Edits in the contract's field names turned into columns, and into the history's entries of
 * what changed from what to what.
 */

/** Picks the defined fields of `input` and renames them to columns. */
function toColumns<M extends Record<string, string>>(map: M, input: Record<string, unknown>) {
  const out: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(map)) if (input[key] !== undefined) out[column] = input[key];
  return out;
}

/**
 * Saves an edit of one record of the family (its version already checked): writes the columns
 * that change, and records what changed in the family's history and the audit log. An edit
 * that changes nothing writes nothing.
 */
export async function saveEdit<M extends Record<string, string>>(
  trx: Trx,
  actor: Actor,
  familyId: string,
  edit: {
    entity: 'household' | 'person';
    entityId: string;
    map: M;
    before: Record<string, unknown>;
    input: Record<string, unknown>;
    write: (columns: Record<string, unknown>) => Promise<unknown>;
    /** Why, for the audit record (FamilyContext.purpose). */
    purpose: string;
  },
) {
  const changes = changesOf(edit.map, edit.before, edit.input);
  if (!changes.length) return;
  await edit.write(toColumns(edit.map, edit.input)).catch(translateConstraint);
  await recordFamilyChange(trx, actor, familyId, {
    entity: edit.entity,
    entityId: edit.entityId,
    action: 'update',
    changes,
    auditAction: 'update',
    auditFields: changes.map((c) => c.field),
    purpose: edit.purpose,
  });
}

/** Adds a member to a family and records it in the family’s history. */
export async function insertMember(trx: Trx, actor: Actor, familyId: string, input: MemberInput) {
  const m = MemberInput.parse(input);
  const row = await insertPerson(trx, actor.municipalityId, familyId, m);
  await recordChange(trx, actor, familyId, 'person', row.id, 'create', changesOf(personColumns, {}, m));
  return row.id;
}

/**
 * Adds a member to an existing family: the person, the history entry, the audit record of the
 * created person (the fields given) and the family's list columns, in the writer's transaction.
 */
export async function addMember(
  trx: Trx,
  actor: Actor,
  familyId: string,
  input: MemberInput,
  /** Why, for the audit record (FamilyContext.purpose). */
  purpose: string,
) {
  const m = MemberInput.parse(input);
  const row = await insertPerson(trx, actor.municipalityId, familyId, m).catch(translateConstraint);
  await recordFamilyChange(trx, actor, familyId, {
    entity: 'person',
    entityId: row.id,
    action: 'create',
    changes: changesOf(personColumns, {}, m),
    auditAction: 'create',
    auditFields: Object.keys(input),
    purpose,
  });
  return row.id;
}

/**
 * A consent given, as the history's entries: its purpose and date, and what else was said —
 * the scope, how it was given, the language and the interpreter (the family page and enrollment alike).
 */
export function consentGivenChanges(c: {
  purpose: string;
  givenOn: string;
  scope?: string | null | undefined;
  givenHow?: string | null | undefined;
  language?: string | null | undefined;
  interpreter?: boolean | undefined;
}) {
  return [
    { field: 'purpose', from: null, to: c.purpose },
    { field: 'givenOn', from: null, to: c.givenOn },
    ...(c.scope ? [{ field: 'scope', from: null, to: c.scope }] : []),
    ...(c.givenHow ? [{ field: 'givenHow', from: null, to: c.givenHow }] : []),
    ...(c.language ? [{ field: 'language', from: null, to: c.language }] : []),
    ...(c.interpreter ? [{ field: 'interpreter', from: null, to: true }] : []),
  ];
}
