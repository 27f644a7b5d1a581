import { BodyLong, GuidePanel, Heading, List } from '@navikt/ds-react';
import { useTranslation } from 'react-i18next';
import type { AuthConfig } from '../../shared/auth/auth.contract';

/** The demo installation's accounts share one password; it is public by design (demo data only). */
const demoPassword = 'staircase-demo';

/** Tells the user this installation holds demo data, and how to sign in to it. */
export function DemoNotice({ config }: { config: AuthConfig }) {
  const { t } = useTranslation();
  return (
    <GuidePanel poster={false}>
      <Heading level="2" size="small" spacing>
        {t('signIn.demo.heading')}
      </Heading>
      <BodyLong spacing>
        {t('signIn.demo.body')}
        {/* Only while it is so: an administrator may have turned the second factor on in Settings. */}
        {config.demoSecondFactorOff && ` ${t('signIn.demo.secondFactorOff')}`}
      </BodyLong>
      <BodyLong spacing>
        {t('signIn.demo.password')} <code className="sc-code">{demoPassword}</code>
      </BodyLong>
      {config.demoLogins && config.demoLogins.length > 0 && (
        <>
          <Heading level="3" size="xsmall" spacing>
            {t('signIn.demo.accounts')}
          </Heading>
          <List size="small">
            {config.demoLogins.map((login) => (
              <List.Item key={login.username}>
                <code className="sc-code">{login.username}</code> – {t(`enums.role.${login.role}`)}
              </List.Item>
            ))}
          </List>
        </>
      )}
    </GuidePanel>
  );
}
