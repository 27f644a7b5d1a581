import { Alert, BodyShort, Button, HStack, TextField, VStack } from '@navikt/ds-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Approval, ApprovalList, RefuseApproval } from '../../shared/admin/approvals.contract';
import { announce } from '../app/Announcer';
import { api } from '../app/api';
import { FormProblem } from '../app/ErrorAlert';
import { FormActions } from '../app/FormActions';
import { FormErrorSummary } from '../app/FormErrorSummary';
import { formatDateTime } from '../app/format';
import { errorFor, fieldId } from '../app/forms';
import { Section } from '../app/Section';
import { useContractForm } from '../app/useContractForm';
import { adminApi, adminKeys } from './users.api';

export const approvalsKey = ['admin', 'approvals'] as const;

export function useApprovals() {
  return useQuery({ queryKey: approvalsKey, queryFn: () => api.get('/api/admin/approvals', ApprovalList) });
}

/**
 * Resets of a team leader's or an administrator's way in that wait for a second administrator
 * (decision 0025): every administrator sees them; one who neither asked nor holds the account
 * approves (the reset is made then) or refuses with a reason. `userId`: only that account's.
 */
export function ApprovalsSection({ userId }: { userId?: string }) {
  const { t } = useTranslation();
  const approvals = useApprovals();
  const items = (approvals.data?.items ?? []).filter((a) => !userId || a.target.id === userId);
  if (!approvals.error && items.length === 0) return null;
  return (
    <Section id="approvals" title={t('approvals.title')}>
      <FormProblem error={approvals.error} />
      <ul className="sc-plain-list">
        {items.map((approval) => (
          <li key={approval.id}>
            <ApprovalItem approval={approval} />
          </li>
        ))}
      </ul>
    </Section>
  );
}

function ApprovalItem({ approval }: { approval: Approval }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [refusing, setRefusing] = useState(false);
  const { form, errors, showProblem } = useContractForm(RefuseApproval, { reason: '' });
  const formId = `refuse-${approval.id}`;
  const names = {
    what: t(`approvals.kind.${approval.kind}`),
    name: approval.target.displayName,
    by: approval.requestedBy.displayName,
  };
  const done = async () => {
    await queryClient.invalidateQueries({ queryKey: approvalsKey });
    await queryClient.invalidateQueries({ queryKey: adminKeys.users, exact: false });
  };
  const approve = useMutation({
    mutationFn: () => adminApi.approve(approval.id),
    onSuccess: async () => {
      announce(t('approvals.approved', names));
      await done();
    },
  });
  const refuse = useMutation({
    mutationFn: (body: RefuseApproval) => adminApi.refuse(approval.id, body),
    onSuccess: async () => {
      announce(t('approvals.refused', names));
      await done();
    },
    onError: showProblem,
  });

  const submit = form.handleSubmit(
    (body) => refuse.mutate(body),
    () => refuse.reset(),
  );

  return (
    <VStack gap="space-8" className="sc-approval">
      <BodyShort weight="semibold">{t('approvals.summary', names)}</BodyShort>
      <BodyShort size="small">
        {t('approvals.when', {
          at: formatDateTime(approval.requestedAt),
          until: formatDateTime(approval.expiresAt),
        })}
      </BodyShort>
      <FormProblem error={approve.error} />
      {approval.abilities.decide ? (
        !refusing && (
          <HStack gap="space-8" wrap>
            <Button type="button" size="small" loading={approve.isPending} onClick={() => approve.mutate()}>
              {t('approvals.approve', names)}
            </Button>
            <Button type="button" size="small" variant="secondary" onClick={() => setRefusing(true)}>
              {t('approvals.refuse', names)}
            </Button>
          </HStack>
        )
      ) : (
        <Alert variant="info" size="small" inline>
          {t('approvals.waiting')}
        </Alert>
      )}
      {refusing && (
        <form onSubmit={submit} noValidate aria-label={t('approvals.refuse', names)}>
          <VStack gap="space-8" className="sc-form-narrow">
            <FormErrorSummary formId={formId} errors={errors} labelFor={() => t('approvals.reason')} />
            <FormProblem error={refuse.error} />
            <TextField
              id={fieldId(formId, 'reason')}
              label={t('approvals.reason')}
              size="small"
              {...form.register('reason')}
              error={errorFor(errors, 'reason')}
            />
            <FormActions
              submit={t('approvals.confirmRefuse')}
              saving={refuse}
              onCancel={() => setRefusing(false)}
              size="small"
              variant="danger"
            />
          </VStack>
        </form>
      )}
    </VStack>
  );
}
