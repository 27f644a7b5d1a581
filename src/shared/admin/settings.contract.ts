import { z } from 'zod';

/** The municipality's settings an administrator controls. */
export const MunicipalitySettings = z.object({
  /** A second factor (TOTP) for every local account; off only for demos. */
  mfaRequired: z.boolean(),
  /** How long a break-the-glass grant lasts. */
  breakGlassMinutes: z.number().int(),
});
export type MunicipalitySettings = z.infer<typeof MunicipalitySettings>;

export const UpdateSettings = z.strictObject({
  mfaRequired: z.boolean().optional(),
  breakGlassMinutes: z
    .number()
    .int({ message: 'errors.wholeNumber' })
    .min(5, { message: 'errors.breakGlassMinutes' })
    .max(1440, { message: 'errors.breakGlassMinutes' })
    .optional(),
});
export type UpdateSettings = z.input<typeof UpdateSettings>;
