import { Fieldset, VStack } from '@navikt/ds-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { type Member, MemberInput, MemberUpdate } from '../../shared/families/families.contract';
import { announce } from '../app/Announcer';
import { isConflict } from '../app/api';
import { ConflictAlert } from '../app/ConflictAlert';
import { FormProblem } from '../app/ErrorAlert';
import { FormActions } from '../app/FormActions';
import { FormErrorSummary } from '../app/FormErrorSummary';
import { useFocusFirstField } from '../app/focus';
import { changedFields } from '../app/forms';
import { useContractForm } from '../app/useContractForm';
import {
  emptyMember,
  type MemberDraft,
  memberBody,
  memberFields,
  memberOf,
  normaliseMemberErrors,
} from './drafts';
import { familiesApi, familyKeys } from './families.api';
import { MemberFields, useMemberLabels } from './MemberFields';

/** The person's fields as typed (text, '' for no choice); the contract decides what is valid. */
const MemberDraftSchema = z.object({
  firstName: z.string(),
  lastName: z.string(),
  cpr: z.string(),
  birthDate: z.string(),
  role: z.string(),
  countryOfOrigin: z.string(),
  languages: z.string(),
  interpreterNeeded: z.boolean(),
  phone: z.string(),
  email: z.string(),
  preferredContact: z.string(),
  contactLanguage: z.string(),
});

/** What an edit sends: only what changed, and a CPR number only when one was typed. */
function memberChanges(base: Member, draft: MemberDraft) {
  const { cpr, ...after } = memberBody(draft);
  const { cpr: _unknown, ...before } = memberBody(memberOf(base));
  const changes = changedFields(before, after);
  if (cpr) Object.assign(changes, { cpr });
  return changes;
}

/** A new person is checked whole (MemberInput); an edit only in what it changes (MemberUpdate). */
const memberForm = (base: Member | undefined) =>
  base
    ? MemberDraftSchema.transform(
        (d) =>
          ({ version: base.version, ...memberChanges(base, d as MemberDraft) }) as z.input<
            typeof MemberUpdate
          >,
      ).pipe(MemberUpdate)
    : MemberDraftSchema.transform((d) => memberBody(d as MemberDraft) as z.input<typeof MemberInput>).pipe(
        MemberInput,
      );

interface Props {
  familyId: string;
  /** The person to edit; none to add a new person. */
  member?: Member;
  onDone: () => void;
}

/** Adds a person to the family, or edits one (sending only what changed, with the version read). */
export function MemberForm({ familyId, member, onDone }: Props) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const labels = useMemberLabels();
  const formId = member ? `member-edit-${member.id}` : 'member-add';
  // The person as the form opened on them: an edit is made against this version and these
  // values, whatever the page refetches meanwhile (see OverviewForm).
  const [base] = useState(member);
  const [schema] = useState(() => memberForm(base));
  const {
    form,
    errors: fieldErrors,
    showProblem,
  } = useContractForm(
    schema as z.ZodType<z.output<typeof schema>, MemberDraft>,
    base ? memberOf(base) : emptyMember(),
  );
  // A language's error belongs to the languages field; the same list while the errors are the same.
  const errors = useMemo(() => normaliseMemberErrors(fieldErrors), [fieldErrors]);
  // MemberFields is shared with the new-family wizard and takes a value and its changes.
  const draft = form.watch() as MemberDraft;
  const setDraft = (next: MemberDraft) => {
    for (const key of memberFields) if (next[key] !== draft[key]) form.setValue(key, next[key]);
  };
  const formRef = useFocusFirstField<HTMLFormElement>();

  const save = useMutation({
    mutationFn: (body: MemberInput | MemberUpdate) =>
      member
        ? familiesApi.updateMember(familyId, member.id, body as MemberUpdate)
        : familiesApi.addMember(familyId, body as MemberInput),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: familyKeys.all });
      announce(t('forms.saved'));
      onDone();
    },
    onError: showProblem,
  });
  const conflict = isConflict(save.error);

  const submit = form.handleSubmit(
    (body) => {
      // Nothing changed: nothing to save.
      if (base && Object.keys(memberChanges(base, form.getValues())).length === 0) onDone();
      else save.mutate(body as MemberInput | MemberUpdate);
    },
    () => save.reset(),
  );

  async function reload() {
    save.reset();
    await queryClient.invalidateQueries({ queryKey: familyKeys.detail(familyId) });
    onDone();
  }

  const legend = member
    ? t('family.members.editLegend', { name: `${member.firstName} ${member.lastName}` })
    : t('family.members.addLegend');

  return (
    <form ref={formRef} onSubmit={submit} noValidate>
      <VStack gap="space-16" className="sc-form-narrow">
        <FormErrorSummary formId={formId} errors={errors} labelFor={(f) => labels[f as keyof MemberDraft]} />
        {conflict ? <ConflictAlert onReload={reload} /> : <FormProblem error={save.error} />}
        <Fieldset legend={legend}>
          <MemberFields
            formId={formId}
            path=""
            value={draft}
            onChange={setDraft}
            errors={errors}
            editing={Boolean(member)}
          />
        </Fieldset>
        <FormActions
          submit={member ? t('family.members.save') : t('family.members.add')}
          saving={save}
          versioned
          onCancel={onDone}
        />
      </VStack>
    </form>
  );
}
