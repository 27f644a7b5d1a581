import { Alert, BodyLong, Button, Skeleton, Switch, TextField, VStack } from '@navikt/ds-react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { UpdateSettings } from '../../shared/admin/settings.contract';
import { isConflict } from '../app/api';
import { ConflictAlert } from '../app/ConflictAlert';
import { FormProblem } from '../app/ErrorAlert';
import { FormErrorSummary } from '../app/FormErrorSummary';
import { fieldProps } from '../app/fieldProps';
import { fieldId } from '../app/forms';
import { PageHeading } from '../app/PageHeading';
import { useContractForm } from '../app/useContractForm';
import { AllowedOriginsSection } from './AllowedOrigins';
import { useReloadSettings, useSaveSettings, useSettings } from './settings.api';

const formId = 'settings';

/** The contract's fields as the form holds them: numbers as typed text, parsed then checked by the contract. */
const { shape } = UpdateSettings;
const SettingsForm = z.object({
  version: shape.version,
  mfaRequired: z.boolean(),
  breakGlassMinutes: z.string().transform(Number).pipe(shape.breakGlassMinutes.unwrap()),
  // An empty field is not 0 (which would send every break-the-glass to a leader).
  breakGlassDailyLimit: z
    .string()
    .transform((v) => (v.trim() === '' ? Number.NaN : Number(v)))
    .pipe(shape.breakGlassDailyLimit.unwrap()),
});

/** The administrator's settings for the municipality: second factor, break-the-glass duration and daily limit. */
export function SettingsPage() {
  const { t } = useTranslation();
  const settings = useSettings();
  const { form, errors, showProblem } = useContractForm(SettingsForm, {
    version: 0,
    mfaRequired: true,
    breakGlassMinutes: '',
    breakGlassDailyLimit: '',
  });
  const field = fieldProps(form, formId, errors);
  const save = useSaveSettings((error) => {
    if (!isConflict(error)) showProblem(error);
  });
  const reloadSettings = useReloadSettings();
  const mfaRequired = form.watch('mfaRequired');

  // biome-ignore lint/correctness/useExhaustiveDependencies: form is stable; the saved settings are what change
  useEffect(() => {
    if (!settings.data) return;
    form.reset({
      version: settings.data.version,
      mfaRequired: settings.data.mfaRequired,
      breakGlassMinutes: String(settings.data.breakGlassMinutes),
      breakGlassDailyLimit: String(settings.data.breakGlassDailyLimit),
    });
  }, [settings.data]);

  const labels: Record<string, string> = {
    mfaRequired: t('settings.mfaRequired'),
    breakGlassMinutes: t('settings.breakGlassMinutes'),
    breakGlassDailyLimit: t('settings.breakGlassDailyLimit'),
  };

  /** Another administrator saved meanwhile: show their settings (this form's edits are dropped). */
  async function reload() {
    save.reset();
    form.clearErrors();
    await reloadSettings();
  }

  const submit = form.handleSubmit(
    (body) => save.mutate(body),
    () => save.reset(),
  );

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
              {...form.register('mfaRequired')}
              description={t('settings.mfaRequiredHint')}
            >
              {labels.mfaRequired}
            </Switch>
            {!mfaRequired && <Alert variant="warning">{t('settings.mfaOffWarning')}</Alert>}
            <TextField
              label={labels.breakGlassMinutes}
              description={t('settings.breakGlassMinutesHint')}
              inputMode="numeric"
              {...field('breakGlassMinutes')}
              htmlSize={6}
            />
            <TextField
              label={labels.breakGlassDailyLimit}
              description={t('settings.breakGlassDailyLimitHint')}
              inputMode="numeric"
              {...field('breakGlassDailyLimit')}
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
