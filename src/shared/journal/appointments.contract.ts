import { z } from 'zod';
import { Id, IsoDate } from '../common/common.contract';
import { optionalNameText } from '../common/text';
import { StaffRef } from '../families/families.contract';
import { mondayOf } from './appointments.time';

/*
 * Appointments (journal, issue 14 §6; decision 0038): a date, a start and end time in Danish time,
 * a place, the staff taking part, with the family and/or another authority. The family page lists
 * the family's; "My appointments this week" a person's own; each can be downloaded as one .ics,
 * and a person may subscribe to their own as a feed (a secret, revocable URL).
 */

export const AppointmentKind = z.enum([
  'home_visit',
  'office_meeting',
  'network_meeting',
  'authority_meeting',
  'phone_call',
  'other',
]);
export type AppointmentKind = z.infer<typeof AppointmentKind>;

export const TITLE_MAX = 200;
export const PLACE_MAX = 200;
export const AUTHORITY_MAX = 200;
export const PARTICIPANTS_MAX = 10;

/** A clock time, `09:30` (24 hours), in Danish time. */
export const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'errors.clockTime' });

const fields = {
  kind: AppointmentKind,
  /** What it is about, in a few words (shown in a feed only to those who opt in to details). */
  title: optionalNameText(TITLE_MAX),
  date: IsoDate,
  startTime: ClockTime,
  endTime: ClockTime,
  place: optionalNameText(PLACE_MAX),
  /** Another authority taking part (the job centre, the school); required without a family. */
  otherAuthority: optionalNameText(AUTHORITY_MAX),
  /** The staff taking part (the actor when left out); staff of the municipality's teams. */
  participantIds: z
    .array(Id)
    .min(1, { message: 'errors.required' })
    .max(PARTICIPANTS_MAX, { message: 'errors.tooMany' }),
};

const endsAfterStart = {
  check: (a: { startTime?: string; endTime?: string }) =>
    a.startTime === undefined || a.endTime === undefined || a.endTime > a.startTime,
  issue: { path: ['endTime'], message: 'errors.appointmentEndBeforeStart' },
};

export const NewAppointment = z
  .strictObject({ ...fields, participantIds: fields.participantIds.optional() })
  .refine(endsAfterStart.check, endsAfterStart.issue);
export type NewAppointment = z.input<typeof NewAppointment>;

/**
 * An appointment with another authority only, no family (decision 0045): a staff member's own, from
 * My work — the authority is what it is with, so it is required.
 */
export const NewAuthorityAppointment = NewAppointment.refine((a) => Boolean(a.otherAuthority), {
  path: ['otherAuthority'],
  message: 'errors.required',
});
export type NewAuthorityAppointment = z.input<typeof NewAuthorityAppointment>;

/** An edit: the fields that change, at the version it was opened on (a stale one is 409). */
export const AppointmentUpdate = z
  .strictObject({
    version: z.number().int().min(1),
    kind: fields.kind.optional(),
    title: fields.title,
    date: fields.date.optional(),
    startTime: fields.startTime.optional(),
    endTime: fields.endTime.optional(),
    place: fields.place,
    otherAuthority: fields.otherAuthority,
    participantIds: fields.participantIds.optional(),
  })
  .refine(endsAfterStart.check, endsAfterStart.issue);
export type AppointmentUpdate = z.input<typeof AppointmentUpdate>;

/**
 * An edit of an appointment with another authority only (no family; decision 0053): the authority
 * is what it is with, so it may be changed but not cleared.
 */
export const AuthorityAppointmentUpdate = AppointmentUpdate.refine(
  (a) => a.otherAuthority === undefined || Boolean(a.otherAuthority),
  { path: ['otherAuthority'], message: 'errors.appointmentWithWhom' },
);
export type AuthorityAppointmentUpdate = z.input<typeof AuthorityAppointmentUpdate>;

export const CancelAppointmentBody = z.strictObject({ version: z.number().int().min(1) });
export type CancelAppointmentBody = z.input<typeof CancelAppointmentBody>;

export const AppointmentParams = z.strictObject({ familyId: Id, appointmentId: Id });
export const AppointmentIdParams = z.strictObject({ appointmentId: Id });

export const Appointment = z.object({
  id: Id,
  familyId: Id.nullable(),
  familyReference: z.string().nullable(),
  kind: AppointmentKind,
  title: z.string().nullable(),
  date: z.string(),
  startTime: z.string(),
  endTime: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  place: z.string().nullable(),
  otherAuthority: z.string().nullable(),
  participants: z.array(StaffRef),
  cancelled: z.boolean(),
  version: z.number().int(),
  abilities: z.object({ update: z.boolean() }),
});
export type Appointment = z.infer<typeof Appointment>;

export const AppointmentList = z.object({
  items: z.array(Appointment),
  /** Whether the actor may add one to the family (whoever works with it). */
  abilities: z.object({ create: z.boolean() }),
});
export type AppointmentList = z.infer<typeof AppointmentList>;

/** An ISO week, `2026-W50` (Monday to Sunday, Danish time). */
export const IsoWeek = z.string().refine((w) => mondayOf(w) !== null, { message: 'errors.isoWeek' });

export const MyAppointmentsQuery = z.strictObject({ week: IsoWeek.optional() });
export type MyAppointmentsQuery = z.input<typeof MyAppointmentsQuery>;

export const MyAppointments = z.object({
  week: z.string(),
  /** Monday and Sunday of the week. */
  from: z.string(),
  to: z.string(),
  previousWeek: z.string(),
  nextWeek: z.string(),
  items: z.array(Appointment),
});
export type MyAppointments = z.infer<typeof MyAppointments>;

/** A person's feed: whether it runs, and whether it shows details (never the URL again). */
export const CalendarFeedStatus = z.object({
  active: z.boolean(),
  details: z.boolean(),
  createdAt: z.string().nullable(),
});
export type CalendarFeedStatus = z.infer<typeof CalendarFeedStatus>;

export const CalendarFeedBody = z.strictObject({
  /** Opt in to titles, places, families' references and authorities; off: initials and kind only. */
  details: z.boolean().default(false),
});
export type CalendarFeedBody = z.input<typeof CalendarFeedBody>;

/** The new feed's secret URL: shown this once; a new one replaces (revokes) the old. */
export const CalendarFeedCreated = CalendarFeedStatus.extend({ url: z.string() });
export type CalendarFeedCreated = z.infer<typeof CalendarFeedCreated>;

/** The public feed's path: `/calendar/<token>.ics` (the token is 43 characters of base64url). */
export const FeedParams = z.strictObject({ file: z.string().max(100) });
/** A feed token: 32 random bytes, base64url. */
export const FEED_FILE = /^([A-Za-z0-9_-]{43})\.ics$/;
