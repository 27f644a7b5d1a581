import { Button, Fieldset, HStack, VStack } from '@navikt/ds-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Member, MemberInput, MemberUpdate } from '../../shared/families/families.contract';
import { announce } from '../app/Announcer';
import { isConflict } from '../app/api';
import { ConflictAlert } from '../app/ConflictAlert';
import { FormProblem } from '../app/ErrorAlert';
import { FormErrorSummary } from '../app/FormErrorSummary';
import { useFocusFirstField } from '../app/focus';
import { changedFields, issuesToErrors, problemToErrors } from '../app/forms';
import { useFieldErrors } from '../app/useFieldErrors';
import { emptyMember, type MemberDraft, memberBody, memberOf, normaliseMemberErrors } from './drafts';
import { familiesApi, familyKeys } from './families.api';
import { MemberFields, useMemberLabels } from './MemberFields';

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
  const [draft, setDraft] = useState<MemberDraft>(() => (member ? memberOf(member) : emptyMember()));
  const [errors, setErrors] = useFieldErrors();
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
    onError: (error) => setErrors(normaliseMemberErrors(problemToErrors(error))),
  });
  const conflict = isConflict(save.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    let body: MemberInput | MemberUpdate;
    let result: ReturnType<typeof MemberInput.safeParse> | ReturnType<typeof MemberUpdate.safeParse>;
    if (base) {
      const { cpr, ...after } = memberBody(draft);
      const { cpr: _unknown, ...before } = memberBody(memberOf(base));
      const changes = changedFields(before, after);
      if (cpr) Object.assign(changes, { cpr });
      if (Object.keys(changes).length === 0) {
        onDone();
        return;
      }
      body = { version: base.version, ...changes };
      result = MemberUpdate.safeParse(body);
    } else {
      body = memberBody(draft);
      result = MemberInput.safeParse(body);
    }
    if (!result.success) {
      save.reset();
      setErrors(normaliseMemberErrors(issuesToErrors(result.error.issues, t, '', body)));
      return;
    }
    setErrors([]);
    save.mutate(body);
  }

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
        <HStack gap="space-16">
          <Button type="submit" loading={save.isPending} disabled={conflict}>
            {member ? t('family.members.save') : t('family.members.add')}
          </Button>
          <Button type="button" variant="tertiary" onClick={onDone}>
            {t('forms.cancel')}
          </Button>
        </HStack>
      </VStack>
    </form>
  );
}
