import { DownloadIcon } from '@navikt/aksel-icons';
import { Alert, BodyLong, Button, Heading, HStack, VStack } from '@navikt/ds-react';
import { useTranslation } from 'react-i18next';

interface Props {
  codes: string[];
  onContinue: () => void;
}

/** Offers the recovery codes as a text file; nothing is sent anywhere. */
function download(codes: string[], heading: string) {
  const blob = new Blob([`${heading}\n\n${codes.join('\n')}\n`], { type: 'text/plain;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = 'staircase-recovery-codes.txt';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Shows the recovery codes once, right after the second factor was set up. */
export function RecoveryCodesPanel({ codes, onContinue }: Props) {
  const { t } = useTranslation();
  return (
    <VStack gap="space-24">
      <Alert variant="warning">
        <Heading level="2" size="small" spacing>
          {t('signIn.recovery.heading')}
        </Heading>
        <BodyLong>{t('signIn.recovery.body')}</BodyLong>
      </Alert>
      <ul className="sc-recovery-codes" aria-label={t('signIn.recovery.listLabel')}>
        {codes.map((code) => (
          <li key={code} className="sc-code">
            {code}
          </li>
        ))}
      </ul>
      <HStack gap="space-16">
        <Button
          type="button"
          variant="secondary"
          icon={<DownloadIcon aria-hidden />}
          onClick={() => download(codes, t('signIn.recovery.fileHeading'))}
        >
          {t('signIn.recovery.download')}
        </Button>
        <Button type="button" onClick={onContinue}>
          {t('signIn.recovery.continue')}
        </Button>
      </HStack>
    </VStack>
  );
}
