import { Alert, BodyLong, Button, Skeleton, Switch, TextField, VStack } from '@navikt/ds-react';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { UpdateSettings } from '../../shared/admin/settings.contract';
import { isConflict } from '../app/api';
import { ConflictAlert } from '../app/ConflictAlert';
import { FormProblem } from '../app/ErrorAlert';
import { FormErrorSummary } from '../app/FormErrorSummary';
import { errorFor, fieldId, issuesToErrors, problemToErrors } from '../app/forms';
import { PageHeading } from '../app/PageHeading';
import { useFieldErrors } from '../app/useFieldErrors';
import { AllowedOriginsSection } from './AllowedOrigins';
import { useReloadSettings, useSaveSettings, useSettings } from './settings.api';

const formId = 'settings';

/** The administrator's settings for the municipality: second factor, break-the-glass duration and daily limit. */
export function SettingsPage() {
  const { t } = useTranslation();
  const settings = useSettings();
  const [mfaRequired, setMfaRequired] = useState(true);
  const [minutes, setMinutes] = useState('');
  const [dailyLimit, setDailyLimit] = useState('');
  const [errors, setErrors] = useFieldErrors();
  const save = useSaveSettings((error) => setErrors(isConflict(error) ? [] : problemToErrors(error)));
  const reloadSettings = useReloadSettings();

  useEffect(() => {
    if (!settings.data) return;
    setMfaRequired(settings.data.mfaRequired);
    setMinutes(String(settings.data.breakGlassMinutes));
    setDailyLimit(String(settings.data.breakGlassDailyLimit));
  }, [settings.data]);

  const labels: Record<string, string> = {
    mfaRequired: t('settings.mfaRequired'),
    breakGlassMinutes: t('settings.breakGlassMinutes'),
    breakGlassDailyLimit: t('settings.breakGlassDailyLimit'),
  };

  /** Another administrator saved meanwhile: show their settings (this form's edits are dropped). */
  async function reload() {
    save.reset();
    setErrors([]);
    await reloadSettings();
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!settings.data) return;
    const parsed = UpdateSettings.safeParse({
      version: settings.data.version,
      mfaRequired,
      breakGlassMinutes: Number(minutes),
      // An empty field is not 0 (which would send every break-the-glass to a leader).
      breakGlassDailyLimit: dailyLimit.trim() === '' ? Number.NaN : Number(dailyLimit),
    });
    if (!parsed.success) {
      save.reset();
      setErrors(issuesToErrors(parsed.error.issues, t));
      return;
    }
    setErrors([]);
    save.mutate(parsed.data);
  }

  return (
    <VStack gap="space-24">
      <PageHeading title={t('settings.title')} />
      <BodyLong>{t('settings.intro')}</BodyLong>
      <FormProblem error={settings.error} />
      {settings.isPending ? (
        <Skeleton variant="rectangle" height="8rem" />
      ) : (
        <form onSubmit={submit} noValidate>
          <VStack gap="space-16" className="sc-form-narrow">
            <FormErrorSummary formId={formId} errors={errors} labelFor={(field) => labels[field] ?? field} />
            {isConflict(save.error) ? (
              <ConflictAlert onReload={reload} />
            ) : (
              <FormProblem error={save.error} />
            )}
            <Switch
              id={fieldId(formId, 'mfaRequired')}
              checked={mfaRequired}
              onChange={(e) => setMfaRequired(e.target.checked)}
              description={t('settings.mfaRequiredHint')}
            >
              {labels.mfaRequired}
            </Switch>
            {!mfaRequired && <Alert variant="warning">{t('settings.mfaOffWarning')}</Alert>}
            <TextField
              id={fieldId(formId, 'breakGlassMinutes')}
              label={labels.breakGlassMinutes}
              description={t('settings.breakGlassMinutesHint')}
              inputMode="numeric"
              value={minutes}
              onChange={(e) => setMinutes(e.target.value)}
              error={errorFor(errors, 'breakGlassMinutes')}
              htmlSize={6}
            />
            <TextField
              id={fieldId(formId, 'breakGlassDailyLimit')}
              label={labels.breakGlassDailyLimit}
              description={t('settings.breakGlassDailyLimitHint')}
              inputMode="numeric"
              value={dailyLimit}
              onChange={(e) => setDailyLimit(e.target.value)}
              error={errorFor(errors, 'breakGlassDailyLimit')}
              htmlSize={6}
            />
            <div>
              <Button type="submit" loading={save.isPending} disabled={isConflict(save.error)}>
                {t('settings.save')}
              </Button>
            </div>
            <div aria-live="polite">
              {save.isSuccess && <Alert variant="success">{t('forms.saved')}</Alert>}
            </div>
          </VStack>
        </form>
      )}
      <AllowedOriginsSection />
    </VStack>
  );
}
