import { adminEn } from '../admin/i18n.en';
import { appEn } from '../app/i18n.en';
import { authEn } from '../auth/i18n.en';
import { familiesEn } from '../families/i18n.en';
import { appointmentsEn } from '../journal/appointments.i18n.en';
import { journalEn } from '../journal/i18n.en';
import { measuresEn } from '../measures/i18n.en';
import { funnelEn } from '../outreach/funnel.i18n.en';
import { outreachEn } from '../outreach/i18n.en';
import { plansEn } from '../plans/i18n.en';
import { teamEn } from '../team/i18n.en';
import type { WebMessages } from './da';

/** The web app's English texts, assembled from each area's file: exactly the shape of the Danish ones. */
export const en: WebMessages = {
  ...appEn,
  ...authEn,
  ...familiesEn,
  ...adminEn,
  ...teamEn,
  ...plansEn,
  ...journalEn,
  ...measuresEn,
  ...outreachEn,
  ...appointmentsEn,
  ...funnelEn,
};

export const enByArea = {
  app: appEn,
  auth: authEn,
  families: familiesEn,
  admin: adminEn,
  team: teamEn,
  plans: plansEn,
  journal: journalEn,
  measures: measuresEn,
  outreach: outreachEn,
  appointments: appointmentsEn,
  funnel: funnelEn,
};
