import { Button, HStack } from '@navikt/ds-react';
import { useTranslation } from 'react-i18next';
import { isConflict } from './api';

/**
 * A form's buttons: submit, busy while the form is being saved, then cancel. Every inline and
 * page form ends this way, so it is written once.
 */
export function FormActions({
  submit,
  saving,
  versioned = false,
  disabled = false,
  onCancel,
  cancelLabel,
  size,
  variant,
}: {
  /** The submit button's text. */
  submit: string;
  /** The mutation that saves the form. */
  saving: { isPending: boolean; error: unknown };
  /**
   * The form saves the version it was opened on: after a conflict (someone else saved first)
   * it cannot be sent again until it is reloaded (ConflictAlert).
   */
  versioned?: boolean;
  disabled?: boolean;
  onCancel: () => void;
  /** "Cancel" (forms.cancel) unless the form says otherwise. */
  cancelLabel?: string;
  /** Small buttons, closer together, for a form inside a list item. */
  size?: 'small';
  /** The submit's look: primary unless it does harm (danger). */
  variant?: 'danger';
}) {
  const { t } = useTranslation();
  const blocked = disabled || (versioned && isConflict(saving.error));
  return (
    <HStack gap={size === 'small' ? 'space-8' : 'space-16'}>
      <Button type="submit" size={size} variant={variant} loading={saving.isPending} disabled={blocked}>
        {submit}
      </Button>
      <Button type="button" size={size} variant="tertiary" onClick={onCancel}>
        {cancelLabel ?? t('forms.cancel')}
      </Button>
    </HStack>
  );
}
