import {
  BodyLong,
  BodyShort,
  Button,
  Checkbox,
  CheckboxGroup,
  Detail,
  Heading,
  HStack,
  Pagination,
  Select,
  Tag,
  Textarea,
  TextField,
  VStack,
} from '@navikt/ds-react';
import './journal.css';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Controller } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { FamilyDetail } from '../../shared/families/families.contract';
import {
  NewNote,
  type Note,
  NoteCorrection,
  NoteKind,
  type ParticipantInput,
  SensitiveCategory,
} from '../../shared/journal/journal.contract';
import { announce } from '../app/Announcer';
import { LanguageCombobox } from '../app/CodeCombobox';
import { FormDateField } from '../app/DateField';
import { EnumOptions } from '../app/EnumOptions';
import { FormProblem } from '../app/ErrorAlert';
import { controlledProps, fieldProps } from '../app/fieldProps';
import { formatDate, formatDateTime, isolate, languageName, today } from '../app/format';
import { errorFor, fieldId } from '../app/forms';
import { focusSection, Section } from '../app/Section';
import { useSavingForm, VersionedForm } from '../app/VersionedForm';
import { useStaff } from '../families/families.api';
import { useFamilyTasks } from '../plans/plans.api';
import { journalApi, journalKeys, useFamilyNotes, useNoteDetail } from './journal.api';

const SECTION = 'journal';

/**
 * The family's journal (issue 14 §5, decision 0037): contact notes newest first. A sensitive note
 * the reader may not read arrives as its date alone and is shown as "Sensitive note, <date>";
 * whoever works with the family writes notes and corrects them (earlier texts stay, as such).
 * Without the family's details (a specialist of another team, routed one of its tasks, reads only
 * the notes linked to it) the form offers no family members to pick; a specialist who accepted the
 * task writes notes linked to it (decision 0045) — the server says so in the list's abilities, and
 * which tasks a note may link in each task's.
 */
export function JournalSection({ familyId, family }: { familyId: string; family?: FamilyDetail }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [adding, setAdding] = useState(false);
  const notes = useFamilyNotes(familyId, page);
  const data = notes.data;
  const pageCount = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  return (
    <Section
      id={SECTION}
      title={t('journal.title')}
      actions={
        data?.abilities.create && !adding ? (
          <Button type="button" size="small" variant="secondary" onClick={() => setAdding(true)}>
            {t('journal.add')}
          </Button>
        ) : undefined
      }
    >
      <FormProblem error={notes.error} />
      {adding && (
        <AddNoteForm
          familyId={familyId}
          members={family?.members ?? []}
          pair={family?.pair ?? []}
          onDone={() => {
            setAdding(false);
            setPage(1);
            focusSection(SECTION);
          }}
        />
      )}
      {data && data.items.length === 0 && <BodyShort>{t('journal.none')}</BodyShort>}
      {data && data.items.length > 0 && (
        <ol className="sc-plain-list" aria-busy={notes.isFetching}>
          {data.items.map((note) => (
            <li key={note.id}>
              {note.readable ? <NoteCard familyId={familyId} note={note} /> : <HiddenNote note={note} />}
            </li>
          ))}
        </ol>
      )}
      {data && pageCount > 1 && (
        <Pagination
          page={page}
          count={pageCount}
          onPageChange={setPage}
          size="small"
          srHeading={{ tag: 'h3', text: t('journal.pagination') }}
        />
      )}
    </Section>
  );
}

/** A sensitive note the reader may not read: that it exists, and its date. */
function HiddenNote({ note }: { note: Note }) {
  const { t } = useTranslation();
  return (
    <VStack gap="space-4" className="sc-note">
      <Heading level="3" size="xsmall">
        {t('journal.sensitiveHidden', { date: formatDate(note.occurredOn) })}
      </Heading>
      <Detail>{t('journal.sensitiveHiddenHelp')}</Detail>
    </VStack>
  );
}

function NoteCard({ familyId, note }: { familyId: string; note: Note }) {
  const { t } = useTranslation();
  const [correcting, setCorrecting] = useState(false);
  const [showEarlier, setShowEarlier] = useState(false);
  const names = (note.participants ?? []).map((p) => isolate(p.name ?? p.role ?? ''));
  const tasks = (note.tasks ?? []).map((task) =>
    task.words ? isolate(task.words) : t('journal.hiddenTask'),
  );
  const corrected = (note.version ?? 1) > 1;
  return (
    <VStack gap="space-8" className="sc-note">
      <HStack gap="space-8" align="center" wrap>
        <Heading level="3" size="xsmall">
          {formatDate(note.occurredOn)} – {note.kind ? t(`journal.kind.${note.kind}`) : ''}
        </Heading>
        {note.sensitive && note.sensitiveCategory && (
          <Tag variant="warning" size="small">
            {t('journal.sensitiveTag', { category: t(`journal.category.${note.sensitiveCategory}`) })}
          </Tag>
        )}
      </HStack>
      <BodyLong className="sc-note-text">{note.text}</BodyLong>
      {names.length > 0 && (
        <BodyShort size="small">{t('journal.participants', { names: names.join(', ') })}</BodyShort>
      )}
      {note.interpreterUsed && note.interpreterLanguage && (
        <BodyShort size="small">
          {t('journal.interpreter', { language: languageName(note.interpreterLanguage) })}
        </BodyShort>
      )}
      {tasks.length > 0 && (
        <BodyShort size="small">{t('journal.linkedTasks', { tasks: tasks.join(', ') })}</BodyShort>
      )}
      <Detail>
        {t('journal.writtenBy', { name: note.author?.displayName ?? '' })}
        {corrected && ` · ${t('journal.corrected', { date: formatDateTime(note.correctedAt) })}`}
      </Detail>
      <HStack gap="space-8">
        {note.abilities.correct && !correcting && (
          <Button type="button" size="small" variant="secondary" onClick={() => setCorrecting(true)}>
            {t('journal.correct')}
          </Button>
        )}
        {corrected && (
          <Button
            type="button"
            size="small"
            variant="tertiary"
            aria-expanded={showEarlier}
            onClick={() => setShowEarlier((v) => !v)}
          >
            {showEarlier ? t('journal.hideEarlier') : t('journal.showEarlier')}
          </Button>
        )}
      </HStack>
      {showEarlier && <EarlierVersions familyId={familyId} noteId={note.id} />}
      {correcting && <CorrectNoteForm familyId={familyId} note={note} onDone={() => setCorrecting(false)} />}
    </VStack>
  );
}

/** The note's earlier texts, each marked as an earlier version with who wrote it and when. */
function EarlierVersions({ familyId, noteId }: { familyId: string; noteId: string }) {
  const { t } = useTranslation();
  const detail = useNoteDetail(familyId, noteId, true);
  return (
    <VStack gap="space-8">
      <FormProblem error={detail.error} />
      <Heading level="4" size="xsmall">
        {t('journal.earlierTitle')}
      </Heading>
      <ol className="sc-plain-list">
        {(detail.data?.earlier ?? []).map((e) => (
          <li key={e.version} className="sc-note-earlier">
            <Detail>
              {t('journal.earlierVersion', {
                version: e.version,
                date: formatDateTime(e.writtenAt),
                name: e.writtenBy.displayName,
              })}
            </Detail>
            <BodyLong className="sc-note-text">{e.text}</BodyLong>
          </li>
        ))}
      </ol>
    </VStack>
  );
}

const splitRoles = (typed: string) =>
  typed
    .split(',')
    .map((r) => r.trim())
    .filter((r) => r.length > 0);

function AddNoteForm({
  familyId,
  members,
  pair,
  onDone,
}: {
  familyId: string;
  members: FamilyDetail['members'];
  pair: FamilyDetail['pair'];
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  // The tasks a note may concern, as the server allows them (a specialist: the ones they took over).
  const linkable = (useFamilyTasks(familyId).data?.items ?? []).filter((task) => task.abilities.linkNote);
  // The pair first, then the rest of the team: whoever took part in the contact.
  const team = useStaff();
  const pairIds = new Set(pair.map((s) => s.id));
  const staffOptions = [...pair, ...(team.data?.items ?? []).filter((s) => !pairIds.has(s.id))];
  const { form, errors, saving, submit } = useSavingForm(
    NewNote,
    {
      occurredOn: today(),
      kind: 'home_visit',
      text: '',
      participants: [],
      interpreterUsed: false,
      interpreterLanguage: '',
      taskIds: [],
      sensitive: false,
      sensitiveCategory: '' as never,
    },
    (body) => journalApi.create(familyId, body),
    async () => {
      announce(t('journal.added'));
      await queryClient.invalidateQueries({ queryKey: journalKeys.all });
      onDone();
    },
  );
  const [memberIds, setMemberIds] = useState<string[]>([]);
  const [staffIds, setStaffIds] = useState<string[]>([]);
  const [roles, setRoles] = useState('');
  const formId = 'add-note';
  const field = fieldProps(form, formId, errors);
  const bound = controlledProps(form, formId, errors);
  const interpreterUsed = form.watch('interpreterUsed');
  const sensitive = form.watch('sensitive');
  const submitAll = (event?: React.BaseSyntheticEvent) => {
    // Who was present is picked in three lists; the contract takes them as one.
    const participants: ParticipantInput[] = [
      ...memberIds.map((personId) => ({ kind: 'member' as const, personId })),
      ...staffIds.map((staffId) => ({ kind: 'staff' as const, staffId })),
      ...splitRoles(roles).map((role) => ({ kind: 'other' as const, role })),
    ];
    form.setValue('participants', participants);
    return submit(event);
  };
  const labels: Record<string, string> = {
    occurredOn: t('journal.occurredOn'),
    kind: t('journal.kindLabel'),
    text: t('journal.text'),
    participants: t('journal.others'),
    interpreterLanguage: t('journal.interpreterLanguage'),
    taskIds: t('journal.tasks'),
    sensitiveCategory: t('journal.categoryLabel'),
  };
  return (
    <VersionedForm
      formId={formId}
      label={t('journal.add')}
      labels={labels}
      errors={errors}
      saving={saving}
      submit={submitAll}
      submitLabel={t('journal.save')}
      onCancel={onDone}
      narrow
    >
      <FormDateField label={labels.occurredOn} {...bound('occurredOn')} />
      <Select label={labels.kind} {...field('kind')}>
        <EnumOptions values={NoteKind.options} prefix="journal.kind" />
      </Select>
      <Textarea label={labels.text} {...field('text')} />
      {members.length > 0 && (
        <CheckboxGroup legend={t('journal.members')} value={memberIds} onChange={setMemberIds} size="small">
          {members.map((m) => (
            <Checkbox key={m.id} value={m.id}>
              {`${m.firstName} ${m.lastName}`}
            </Checkbox>
          ))}
        </CheckboxGroup>
      )}
      {staffOptions.length > 0 && (
        <CheckboxGroup legend={t('journal.staff')} value={staffIds} onChange={setStaffIds} size="small">
          {staffOptions.map((s) => (
            <Checkbox key={s.id} value={s.id}>
              {s.displayName}
            </Checkbox>
          ))}
        </CheckboxGroup>
      )}
      <TextField
        id={fieldId(formId, 'participants')}
        label={labels.participants}
        description={t('journal.othersHelp')}
        value={roles}
        onChange={(e) => setRoles(e.target.value)}
        error={errorFor(errors, 'participants')}
      />
      <Checkbox {...form.register('interpreterUsed')}>{t('journal.interpreterUsed')}</Checkbox>
      {interpreterUsed && (
        <Controller
          control={form.control}
          name="interpreterLanguage"
          render={({ field }) => (
            <LanguageCombobox
              id={fieldId(formId, 'interpreterLanguage')}
              label={labels.interpreterLanguage}
              value={typeof field.value === 'string' ? field.value : ''}
              onChange={field.onChange}
              error={errorFor(errors, 'interpreterLanguage')}
            />
          )}
        />
      )}
      {linkable.length > 0 && (
        <Controller
          control={form.control}
          name="taskIds"
          render={({ field }) => (
            <CheckboxGroup
              id={fieldId(formId, 'taskIds')}
              legend={labels.taskIds}
              value={field.value ?? []}
              onChange={field.onChange}
              error={errorFor(errors, 'taskIds')}
              size="small"
            >
              {linkable.map((task) => (
                <Checkbox key={task.id} value={task.id}>
                  {task.words}
                </Checkbox>
              ))}
            </CheckboxGroup>
          )}
        />
      )}
      <SensitiveFields formId={formId} form={form} sensitive={Boolean(sensitive)} errors={errors} />
    </VersionedForm>
  );
}

type SensitiveForm = {
  register: (name: 'sensitive' | 'sensitiveCategory') => object;
};

/** The sensitive marking: a checkbox, and the category once it is checked. */
function SensitiveFields({
  formId,
  form,
  sensitive,
  errors,
}: {
  formId: string;
  form: SensitiveForm;
  sensitive: boolean;
  errors: Parameters<typeof errorFor>[0];
}) {
  const { t } = useTranslation();
  return (
    <>
      <Checkbox {...form.register('sensitive')} description={t('journal.sensitiveHelp')}>
        {t('journal.sensitive')}
      </Checkbox>
      {sensitive && (
        <Select
          id={fieldId(formId, 'sensitiveCategory')}
          label={t('journal.categoryLabel')}
          {...form.register('sensitiveCategory')}
          error={errorFor(errors, 'sensitiveCategory')}
        >
          <option value="">{t('forms.choose')}</option>
          <EnumOptions values={SensitiveCategory.options} prefix="journal.category" />
        </Select>
      )}
    </>
  );
}

/** A correction: the new text (the earlier one stays as an earlier version); 409 if corrected meanwhile. */
function CorrectNoteForm({ familyId, note, onDone }: { familyId: string; note: Note; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const formId = `correct-note-${note.id}`;
  const refresh = () => queryClient.invalidateQueries({ queryKey: journalKeys.all });
  const { form, errors, saving, submit } = useSavingForm(
    NoteCorrection,
    {
      version: note.version ?? 1,
      text: note.text ?? '',
      sensitive: note.sensitive,
      sensitiveCategory: (note.sensitiveCategory ?? '') as never,
    },
    (body) => journalApi.correct(familyId, note.id, body),
    async () => {
      announce(t('journal.correctedDone'));
      await refresh();
      onDone();
    },
  );
  const field = fieldProps(form, formId, errors);
  const sensitive = form.watch('sensitive');
  const labels: Record<string, string> = {
    text: t('journal.text'),
    sensitiveCategory: t('journal.categoryLabel'),
  };
  return (
    <VersionedForm
      formId={formId}
      label={t('journal.correctTitle')}
      labels={labels}
      errors={errors}
      saving={saving}
      submit={submit}
      submitLabel={t('journal.saveCorrection')}
      onReload={() => refresh().then(onDone)}
      onCancel={onDone}
      narrow
    >
      <Textarea label={labels.text} description={t('journal.correctHelp')} {...field('text')} />
      <SensitiveFields formId={formId} form={form} sensitive={Boolean(sensitive)} errors={errors} />
    </VersionedForm>
  );
}
