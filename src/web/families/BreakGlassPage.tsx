import { Alert, BodyLong, BodyShort, Button, HStack, Table, Tag, Textarea, VStack } from '@navikt/ds-react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { BreakGlassDecision, type BreakGlassRequestItem } from '../../shared/families/break-glass.contract';
import { useSession } from '../app/auth';
import { FormProblem } from '../app/ErrorAlert';
import { FormErrorSummary } from '../app/FormErrorSummary';
import { formatDateTime } from '../app/format';
import { errorFor, fieldId } from '../app/forms';
import { PageHeading } from '../app/PageHeading';
import { PageLoader } from '../app/PageLoader';
import { ScrollTable } from '../app/ScrollTable';
import { Facts, Section } from '../app/Section';
import { TableHeadings } from '../app/TableHeadings';
import { useContractForm } from '../app/useContractForm';
import { useBreakGlassGrants, useBreakGlassRequests, useDecide, useMarkSeen } from './break-glass.api';

/**
 * Break the glass, for those who decide (decision 0024): the requests past the daily limit that
 * wait for me, each granted or refused with a reason; and, for a team leader, every grant on the
 * team's families in the last 7 days, the new ones flagged until marked seen.
 */
export function BreakGlassPage() {
  const { t } = useTranslation();
  const me = useSession().data;
  const isLeader = me?.stage === 'done' && me.role === 'team_leader';
  const requests = useBreakGlassRequests();

  return (
    <VStack gap="space-40">
      <VStack gap="space-16">
        <PageHeading title={t('breakGlass.title')} />
        <BodyLong>{t('breakGlass.intro')}</BodyLong>
      </VStack>
      <Section id="break-glass-requests" title={t('breakGlass.requests.title')}>
        <FormProblem error={requests.error} />
        {requests.isPending ? (
          <PageLoader />
        ) : requests.data?.toDecide.length ? (
          <VStack gap="space-24" as="ul" className="sc-plain-list">
            {requests.data.toDecide.map((request) => (
              <li key={request.id}>
                <DecisionCard request={request} />
              </li>
            ))}
          </VStack>
        ) : (
          <BodyShort>{t('breakGlass.requests.empty')}</BodyShort>
        )}
      </Section>
      {isLeader && <GrantsSection />}
    </VStack>
  );
}

/** The reason as the decision's contract checks it; grant or refuse is the button pressed. */
const DecisionForm = z.object({ reason: BreakGlassDecision.shape.reason });

/** One request: who, which family, why and when; the decision with a reason. */
function DecisionCard({ request }: { request: BreakGlassRequestItem }) {
  const { t } = useTranslation();
  const { form, errors, showProblem } = useContractForm(DecisionForm, { reason: '' });
  const decide = useDecide(showProblem);
  const formId = `decision-${request.id}`;

  // Grant and refuse check the same reason; the button says which decision it is.
  const submit = (granted: boolean) =>
    form.handleSubmit(
      (body) => decide.mutate({ requestId: request.id, body: { granted, reason: body.reason } }),
      () => decide.reset(),
    );

  const label = t('breakGlass.requests.cardLabel', {
    name: request.requester.displayName,
    reference: request.familyReference,
  });
  return (
    <div className="sc-card">
      <form aria-label={label} onSubmit={submit(true)} noValidate>
        <VStack gap="space-16" className="sc-form-narrow">
          <Facts
            items={[
              { label: t('breakGlass.requests.family'), value: request.familyReference },
              { label: t('breakGlass.requests.requester'), value: request.requester.displayName },
              { label: t('breakGlass.requests.requestedAt'), value: formatDateTime(request.requestedAt) },
              { label: t('breakGlass.requests.reason'), value: request.reason },
            ]}
          />
          <FormErrorSummary
            formId={formId}
            errors={errors}
            labelFor={() => t('breakGlass.requests.decisionReason')}
          />
          <FormProblem error={decide.error} />
          <Textarea
            id={fieldId(formId, 'reason')}
            label={t('breakGlass.requests.decisionReason')}
            description={t('breakGlass.requests.decisionReasonHint')}
            {...form.register('reason')}
            maxLength={500}
            minRows={2}
            error={errorFor(errors, 'reason')}
          />
          <HStack gap="space-16">
            <Button type="submit" loading={decide.isPending && decide.variables?.body.granted === true}>
              {t('breakGlass.requests.grant')}
            </Button>
            <Button
              type="button"
              variant="secondary"
              onClick={submit(false)}
              loading={decide.isPending && decide.variables?.body.granted === false}
            >
              {t('breakGlass.requests.refuse')}
            </Button>
          </HStack>
        </VStack>
      </form>
    </div>
  );
}

/** Every grant on the team's families of the last 7 days: the leader is told at once. */
function GrantsSection() {
  const { t } = useTranslation();
  const grants = useBreakGlassGrants(true);
  const markSeen = useMarkSeen();
  const items = grants.data?.items ?? [];
  const unseen = items.filter((g) => g.unseen).length;
  return (
    <Section
      id="break-glass-grants"
      title={t('breakGlass.grants.title')}
      actions={
        unseen > 0 && (
          <Button
            type="button"
            size="small"
            variant="secondary"
            onClick={() => markSeen.mutate()}
            loading={markSeen.isPending}
          >
            {t('breakGlass.grants.markSeen')}
          </Button>
        )
      }
    >
      <BodyLong>{t('breakGlass.grants.intro')}</BodyLong>
      <FormProblem error={grants.error ?? markSeen.error} />
      {grants.isPending ? (
        <PageLoader />
      ) : items.length === 0 ? (
        <BodyShort>{t('breakGlass.grants.empty')}</BodyShort>
      ) : (
        <ScrollTable label={t('breakGlass.grants.tableLabel')}>
          <Table size="small">
            <TableHeadings
              labels={[
                'breakGlass.grants.grantedAt',
                'breakGlass.grants.family',
                'breakGlass.grants.user',
                'breakGlass.grants.reason',
                'breakGlass.grants.until',
                'breakGlass.grants.approvedBy',
              ]}
            />
            <Table.Body>
              {items.map((g) => (
                <Table.Row key={g.id}>
                  <Table.DataCell className="sc-nowrap">
                    <time dateTime={g.grantedAt}>{formatDateTime(g.grantedAt)}</time>
                    {g.unseen && (
                      <>
                        {' '}
                        <Tag variant="warning" size="xsmall">
                          {t('breakGlass.grants.new')}
                        </Tag>
                      </>
                    )}
                  </Table.DataCell>
                  <Table.DataCell>{g.familyReference}</Table.DataCell>
                  <Table.DataCell>{g.user.displayName}</Table.DataCell>
                  <Table.DataCell>{g.reason}</Table.DataCell>
                  <Table.DataCell className="sc-nowrap">{formatDateTime(g.expiresAt)}</Table.DataCell>
                  <Table.DataCell>
                    {g.approvedBy ? g.approvedBy.displayName : t('breakGlass.grants.withinLimit')}
                  </Table.DataCell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </ScrollTable>
      )}
      {markSeen.isSuccess && unseen === 0 && (
        <Alert variant="success" size="small">
          {t('breakGlass.grants.seen')}
        </Alert>
      )}
    </Section>
  );
}
