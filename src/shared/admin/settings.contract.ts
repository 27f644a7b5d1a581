import { z } from 'zod';

/** The municipality's settings an administrator controls. */
export const MunicipalitySettings = z.object({
  /** A second factor (TOTP) for every local account; off only for demos. */
  mfaRequired: z.boolean(),
  /** How long a break-the-glass grant lasts. */
  breakGlassMinutes: z.number().int(),
  /** How many families a person may open by break-the-glass in 24 hours before a leader must approve. */
  breakGlassDailyLimit: z.number().int(),
  /** Counted up by each change: sent back with a change, so a stale screen does not overwrite. */
  version: z.number().int(),
});
export type MunicipalitySettings = z.infer<typeof MunicipalitySettings>;

/**
 * A change to the settings: only the settings sent change. `version` is the one the
 * administrator saw; another administrator's save since then makes this one a 409 conflict.
 */
export const UpdateSettings = z.strictObject({
  version: z.number({ message: 'errors.required' }).int(),
  mfaRequired: z.boolean().optional(),
  breakGlassMinutes: z
    .number()
    .int({ message: 'errors.wholeNumber' })
    .min(5, { message: 'errors.breakGlassMinutes' })
    .max(1440, { message: 'errors.breakGlassMinutes' })
    .optional(),
  breakGlassDailyLimit: z
    .number()
    .int({ message: 'errors.wholeNumber' })
    .min(0, { message: 'errors.breakGlassDailyLimit' })
    .max(50, { message: 'errors.breakGlassDailyLimit' })
    .optional(),
});
export type UpdateSettings = z.input<typeof UpdateSettings>;
