import { adminDa } from '../admin/i18n.da';
import { appDa } from '../app/i18n.da';
import { authDa } from '../auth/i18n.da';
import { familiesDa } from '../families/i18n.da';
import { appointmentsDa } from '../journal/appointments.i18n.da';
import { journalDa } from '../journal/i18n.da';
import { measuresDa } from '../measures/i18n.da';
import { funnelDa } from '../outreach/funnel.i18n.da';
import { outreachDa } from '../outreach/i18n.da';
import { plansDa } from '../plans/i18n.da';
import { teamDa } from '../team/i18n.da';
import type { Shape } from './shape';

/**
 * The web app's Danish texts (the default language), assembled from each area's own file
 * (`src/web/<area>/i18n.da.ts`) into one tree, so keys keep their names (`families.title`).
 * Shared texts — field errors, problem titles, enum names — come from src/shared/i18n and are
 * merged in at start-up. An area owns its top-level keys; test/unit/web/i18n.test.ts checks that
 * no two areas claim the same one.
 */
export const da = {
  ...appDa,
  ...authDa,
  ...familiesDa,
  ...adminDa,
  ...teamDa,
  ...plansDa,
  ...journalDa,
  ...measuresDa,
  ...outreachDa,
  ...appointmentsDa,
  ...funnelDa,
};

export type WebMessages = Shape<typeof da>;

/** Each area's texts apart, for the test that no area's keys overwrite another's. */
export const daByArea = {
  app: appDa,
  auth: authDa,
  families: familiesDa,
  admin: adminDa,
  team: teamDa,
  plans: plansDa,
  journal: journalDa,
  measures: measuresDa,
  outreach: outreachDa,
  appointments: appointmentsDa,
  funnel: funnelDa,
};
