import { Alert, BodyLong, Button, Heading, HGrid, VStack } from '@navikt/ds-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useSearchParams } from 'react-router';
import type { SignInStage } from '../../shared/auth/auth.contract';
import { api } from '../app/api';
import { homePath, useSession } from '../app/auth';
import { ErrorAlert } from '../app/ErrorAlert';
import { PageHeading } from '../app/PageHeading';
import { PageLoader } from '../app/PageLoader';
import { clearSessionEnd, meKey, rememberSessionHint, sessionEnd, setCurrentMe } from '../app/session';
import { useLanguageChange } from '../app/useLanguageChange';
import { useAuthConfig } from './auth.api';
import { DemoNotice } from './DemoNotice';
import { EnrolmentForm } from './EnrolmentForm';
import { PasswordForm } from './PasswordForm';
import { RecoveryCodesPanel } from './RecoveryCodesPanel';
import { TotpForm } from './TotpForm';

/** Only in-app paths are followed after sign-in (never another origin). */
function safeReturnPath(state: unknown): string | null {
  if (state && typeof state === 'object' && 'from' in state) {
    const from = (state as { from: unknown }).from;
    if (typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') && from !== '/login') {
      return from;
    }
  }
  return null;
}

/** Sign-in: password, then the second factor (or setting it up), then recovery codes once. */
export function SignInPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const location = useLocation();
  const [searchParams] = useSearchParams();
  const session = useSession();
  const config = useAuthConfig();
  const [ended] = useState(sessionEnd);
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);

  // A failed session check shows the server's problem: ask again, in the new language.
  useLanguageChange(() => {
    if (session.isError) void session.refetch();
  });

  async function refreshSession() {
    await queryClient.invalidateQueries({ queryKey: meKey });
  }

  async function onSignedIn(_stage: SignInStage) {
    clearSessionEnd();
    await refreshSession();
  }

  async function cancel() {
    await api.post('/api/auth/logout').catch(() => undefined);
    setCurrentMe(null);
    queryClient.setQueryData(meKey, null);
  }

  if (session.isPending) return <PageLoader />;
  const me = session.data ?? null;
  const stage: SignInStage | 'password' = me ? me.stage : 'password';

  if (stage === 'done' && me && !recoveryCodes) {
    return <Navigate to={safeReturnPath(location.state) ?? homePath(me.role)} replace />;
  }

  const title = recoveryCodes
    ? t('signIn.recovery.title')
    : stage === 'totp'
      ? t('signIn.totp.title')
      : stage === 'enrol'
        ? t('signIn.enrol.title')
        : t('signIn.title');

  return (
    <HGrid columns={{ xs: 1, lg: '3fr 2fr' }} gap="space-32">
      <VStack gap="space-16">
        <PageHeading key={title} title={title} autoFocus={stage !== 'password' || recoveryCodes !== null} />
        {ended && stage === 'password' && (
          <Alert variant="info" role="status">
            {t(
              ended === 'secondFactorRequired' ? 'problems.secondFactorRequired' : 'problems.sessionExpired',
            )}
          </Alert>
        )}
        {searchParams.get('sso') === 'failed' && <Alert variant="error">{t('problems.oidcFailed')}</Alert>}
        {session.isError && <ErrorAlert error={session.error} />}
        {recoveryCodes ? (
          <RecoveryCodesPanel
            codes={recoveryCodes}
            onContinue={async () => {
              // Load the now complete session first, so the enrolment step is not shown again.
              await refreshSession();
              setRecoveryCodes(null);
            }}
          />
        ) : stage === 'totp' ? (
          <TotpForm onVerified={refreshSession} onCancel={cancel} />
        ) : stage === 'enrol' ? (
          <EnrolmentForm onEnrolled={setRecoveryCodes} onCancel={cancel} />
        ) : (
          <>
            <PasswordForm onSignedIn={onSignedIn} />
            {config.data?.oidc && (
              <VStack gap="space-8" className="sc-form-narrow">
                <Heading level="2" size="small">
                  {t('signIn.oidc.heading')}
                </Heading>
                <BodyLong>{t('signIn.oidc.body')}</BodyLong>
                <div>
                  <Button
                    as="a"
                    href="/api/auth/oidc/start"
                    role="link"
                    variant="secondary"
                    onClick={rememberSessionHint}
                  >
                    {t('signIn.oidc.button')}
                  </Button>
                </div>
              </VStack>
            )}
          </>
        )}
      </VStack>
      {config.data?.demo && stage === 'password' && !recoveryCodes && <DemoNotice config={config.data} />}
    </HGrid>
  );
}
