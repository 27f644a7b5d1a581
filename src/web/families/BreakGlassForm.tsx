import { Alert, BodyLong, Button, Heading, Textarea, VStack } from '@navikt/ds-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { BreakGlassRequestItem } from '../../shared/families/break-glass.contract';
import { BreakGlassRequest } from '../../shared/families/families.contract';
import { FormProblem } from '../app/ErrorAlert';
import { FormErrorSummary } from '../app/FormErrorSummary';
import { focusById, useFocusFirstField } from '../app/focus';
import { formatDateTime } from '../app/format';
import { errorFor, fieldId } from '../app/forms';
import { useContractForm } from '../app/useContractForm';
import { breakGlassApi, breakGlassKeys, useBreakGlassRequests } from './break-glass.api';
import { familyKeys } from './families.api';

/** The id of the family page's notice of break-the-glass access (FamilyPage.tsx). */
export const BREAK_GLASS_NOTICE_ID = 'break-glass-active';
/** The id of the notice that the request waits for a leader's decision. */
export const BREAK_GLASS_WAITING_ID = 'break-glass-waiting';

const formId = 'break-glass';

/**
 * Reading a family outside one's relationship: a stated reason, time-limited, flagged and audited.
 * Past the daily limit the request waits for a leader (decision 0024): the form gives way to a
 * notice that it waits, and a refusal is shown with its reason above the form.
 * `focusOnOpen` when the form opens in place from a button (not when it is the whole page).
 */
export function BreakGlassForm({
  familyId,
  focusOnOpen = false,
}: {
  familyId: string;
  focusOnOpen?: boolean;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { form, errors, showProblem } = useContractForm(BreakGlassRequest, { reason: '' });
  const formRef = useFocusFirstField<HTMLFormElement>(focusOnOpen);
  const requests = useBreakGlassRequests();
  // Newest first: the latest request for this family says where it stands.
  const latest = requests.data?.mine.find((r) => r.familyId === familyId);

  const breakGlass = useMutation({
    mutationFn: (r: string) => breakGlassApi.breakGlass(familyId, r),
    onSuccess: async (outcome) => {
      if ('status' in outcome) {
        await queryClient.invalidateQueries({ queryKey: breakGlassKeys.requests });
        focusById(BREAK_GLASS_WAITING_ID);
        return;
      }
      await queryClient.invalidateQueries({ queryKey: familyKeys.detail(familyId) });
      // The form gives way to the whole family page: focus goes to the notice of the access
      // just granted, not to the top of the document.
      focusById(BREAK_GLASS_NOTICE_ID);
    },
    onError: showProblem,
  });

  const submit = form.handleSubmit(
    (body) => breakGlass.mutate(body.reason),
    () => breakGlass.reset(),
  );

  if (latest?.status === 'pending') return <WaitingNotice request={latest} />;

  return (
    <form ref={formRef} onSubmit={submit} noValidate>
      <VStack gap="space-16" className="sc-form-narrow">
        {latest?.status === 'refused' && (
          <Alert variant="error">
            <Heading level="2" size="small" spacing>
              {t('family.breakGlass.refusedHeading')}
            </Heading>
            <BodyLong>
              {t('family.breakGlass.refusedBody', {
                name: latest.decidedBy?.displayName ?? '',
                at: formatDateTime(latest.decidedAt),
                reason: latest.decisionReason ?? '',
              })}
            </BodyLong>
          </Alert>
        )}
        <Alert variant="warning">
          <Heading level="2" size="small" spacing>
            {t('family.breakGlass.heading')}
          </Heading>
          <BodyLong spacing>{t('family.breakGlass.body')}</BodyLong>
          <BodyLong spacing>{t('family.breakGlass.limit')}</BodyLong>
          <BodyLong>{t('family.breakGlass.audit')}</BodyLong>
        </Alert>
        <FormErrorSummary formId={formId} errors={errors} labelFor={() => t('family.breakGlass.reason')} />
        <FormProblem error={breakGlass.error} />
        <Textarea
          id={fieldId(formId, 'reason')}
          label={t('family.breakGlass.reason')}
          description={t('family.breakGlass.reasonHint')}
          {...form.register('reason')}
          maxLength={500}
          minRows={3}
          error={errorFor(errors, 'reason')}
        />
        <div>
          <Button type="submit" variant="danger" loading={breakGlass.isPending}>
            {t('family.breakGlass.submit')}
          </Button>
        </div>
      </VStack>
    </form>
  );
}

/** The request is past the daily limit: it waits for the leader, who is shown it on their page. */
function WaitingNotice({ request }: { request: BreakGlassRequestItem }) {
  const { t } = useTranslation();
  return (
    <Alert variant="info" id={BREAK_GLASS_WAITING_ID} tabIndex={-1} className="sc-form-narrow">
      <Heading level="2" size="small" spacing>
        {t('family.breakGlass.waitingHeading')}
      </Heading>
      <BodyLong spacing>
        {t('family.breakGlass.waitingBody', { at: formatDateTime(request.requestedAt) })}
      </BodyLong>
      <BodyLong>{t('family.breakGlass.waitingReason', { reason: request.reason })}</BodyLong>
    </Alert>
  );
}
