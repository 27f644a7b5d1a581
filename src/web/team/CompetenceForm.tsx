import { zodResolver } from '@hookform/resolvers/zod';
import { Button, HStack, Modal, Select, VStack } from '@navikt/ds-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Controller, type FieldErrors, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { SetCompetences, type TeamPage, type TeamPageMember } from '../../shared/team/team.contract';
import { announce } from '../app/Announcer';
import { FormProblem } from '../app/ErrorAlert';
import { FormErrorSummary } from '../app/FormErrorSummary';
import { focusById } from '../app/focus';
import { type FieldError, fieldId, problemToErrors } from '../app/forms';
import { useFieldErrors } from '../app/useFieldErrors';
import { teamApi, teamKeys } from './team.api';
import { departmentName, domainName } from './unitNames';

/**
 * What the form holds: one choice per domain ('0' = none, as the Select gives it), turned into
 * the contract's body by the resolver, so the contract's own schema is what validates it.
 */
const CompetenceFormValues = z
  .object({ departmentId: z.string(), levels: z.record(z.string(), z.string()) })
  .transform((v) => ({
    departmentId: v.departmentId === '' ? null : v.departmentId,
    competences: Object.entries(v.levels)
      .filter(([, level]) => level !== '0')
      .map(([domainId, level]) => ({ domainId, level: Number(level) })),
  }))
  .pipe(SetCompetences);
type FormInput = z.input<typeof CompetenceFormValues>;
type FormOutput = z.output<typeof CompetenceFormValues>;

interface Props {
  member: TeamPageMember;
  page: TeamPage;
  /** The id of the button that opened the form: focus goes back to it when the form closes. */
  openerId: string;
  onClose: () => void;
}

/** The leader sets a team member's home department and level per domain (0 = none). */
export function CompetenceForm({ member, page, openerId, onClose }: Props) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [errors, setErrors] = useFieldErrors();
  const formId = `competences-${member.id}`;
  const levelOf = (domainId: string) =>
    String(member.competences.find((c) => c.domainId === domainId)?.level ?? 0);
  const { control, handleSubmit } = useForm<FormInput, unknown, FormOutput>({
    resolver: zodResolver(CompetenceFormValues),
    defaultValues: {
      departmentId: member.departmentId ?? '',
      levels: Object.fromEntries(page.domains.map((d) => [d.id, levelOf(d.id)])),
    },
  });
  const labels = (field: string): string | undefined => {
    if (field === 'departmentId') return t('team.homeDepartment');
    const domain = page.domains.find((d) => field === `levels.${d.id}`);
    return domain ? domainName(t, domain) : undefined;
  };
  const close = () => {
    onClose();
    focusById(openerId);
  };
  const save = useMutation({
    mutationFn: (body: FormOutput) => teamApi.setCompetences(member.id, body),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: teamKeys.all });
      announce(t('team.saved', { name: member.displayName }));
      close();
    },
    onError: (error, body) =>
      // The server names a level by its place in the list; the form names it by its domain.
      setErrors(
        problemToErrors(error).map((e) => {
          const match = /^competences\.(\d+)/.exec(e.field);
          const domainId = match ? body.competences[Number(match[1])]?.domainId : undefined;
          return domainId ? { ...e, field: `levels.${domainId}` } : e;
        }),
      ),
  });
  const onInvalid = (invalid: FieldErrors<FormInput>) => {
    const list: FieldError[] = [];
    const add = (field: string, key: string | undefined) =>
      list.push({ field, key: key ?? 'errors.invalidValue', message: t(key ?? 'errors.invalidValue') });
    if (invalid.departmentId) add('departmentId', invalid.departmentId.message);
    for (const [domainId, e] of Object.entries(invalid.levels ?? {}))
      if (e && typeof e === 'object' && 'message' in e) add(`levels.${domainId}`, e.message as string);
    if (list.length === 0 && invalid.root) add('', invalid.root.message);
    setErrors(list);
  };
  const errorAt = (field: string) => errors.find((e) => e.field === field)?.message;

  return (
    <Modal open onClose={close} header={{ heading: t('team.editHeading', { name: member.displayName }) }}>
      <form
        id={formId}
        noValidate
        onSubmit={handleSubmit((body) => {
          setErrors([]);
          save.mutate(body);
        }, onInvalid)}
      >
        <Modal.Body>
          <VStack gap="space-16">
            <FormErrorSummary formId={formId} errors={errors} labelFor={labels} />
            <FormProblem error={save.error} />
            <Controller
              control={control}
              name="departmentId"
              render={({ field }) => (
                <Select
                  id={fieldId(formId, 'departmentId')}
                  label={t('team.homeDepartment')}
                  error={errorAt('departmentId')}
                  {...field}
                >
                  <option value="">{t('team.noDepartment')}</option>
                  {page.departments.map((d) => (
                    <option key={d.id} value={d.id}>
                      {departmentName(t, d)}
                    </option>
                  ))}
                </Select>
              )}
            />
            {page.domains.map((d) => (
              <Controller
                key={d.id}
                control={control}
                name={`levels.${d.id}`}
                render={({ field }) => (
                  <Select
                    id={fieldId(formId, `levels.${d.id}`)}
                    label={domainName(t, d)}
                    error={errorAt(`levels.${d.id}`)}
                    {...field}
                    value={field.value ?? '0'}
                  >
                    {['0', '1', '2', '3'].map((level) => (
                      <option key={level} value={level}>
                        {t(`team.levelOption.${level}`)}
                      </option>
                    ))}
                  </Select>
                )}
              />
            ))}
          </VStack>
        </Modal.Body>
        <Modal.Footer>
          <HStack gap="space-8">
            <Button type="submit" loading={save.isPending}>
              {t('team.save')}
            </Button>
            <Button type="button" variant="secondary" onClick={close}>
              {t('forms.cancel')}
            </Button>
          </HStack>
        </Modal.Footer>
      </form>
    </Modal>
  );
}
