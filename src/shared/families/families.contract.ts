import { z } from 'zod';
import { Id, PageQuery, paged, pastDate } from '../common/common.contract';
import { isCountryCode, isLanguageCode } from '../common/iso-codes';
import {
  freeText,
  nameText,
  optionalFreeText,
  optionalNameText,
  textMeta,
  typedString,
} from '../common/text';
import { isValidCpr, normaliseCpr } from './cpr';
import {
  cprMatchesBirthDate,
  EARLIEST_BIRTH_DATE,
  EARLIEST_PROGRAMME_DATE,
  householdProblems,
  MAX_MEMBERS,
  statusDateProblems,
} from './rules';

export const HouseholdRole = z.enum(['parent', 'other_adult', 'child'], { message: 'errors.householdRole' });
export type HouseholdRole = z.infer<typeof HouseholdRole>;

/** How a person would rather be contacted. */
export const PreferredContact = z.enum(['phone', 'sms', 'email', 'letter', 'in_person'], {
  message: 'errors.preferredContact',
});
export type PreferredContact = z.infer<typeof PreferredContact>;

export const FamilyStatus = z.enum(['enrolled', 'exited']);
export type FamilyStatus = z.infer<typeof FamilyStatus>;

/** Purposes a family consents to (DESIGN.md §6): sharing across departments is the main one. */
export const ConsentPurpose = z.enum(
  ['case_work', 'cross_department_sharing', 'employer_contact', 'civil_society_contact', 'evaluation'],
  { message: 'errors.consentPurpose' },
);
export type ConsentPurpose = z.infer<typeof ConsentPurpose>;

/** Empty form fields arrive as '' and mean "not given". */
const emptyToNull = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? null : v);

const Cpr = typedString()
  .refine(isValidCpr, { message: 'errors.cpr' })
  .meta(textMeta('code'))
  .transform((v) => normaliseCpr(v) as string);

/** A known ISO 3166-1 alpha-2 country (iso-codes.ts), in capitals whatever was typed. */
const Country = typedString()
  .toUpperCase()
  .refine(isCountryCode, { message: 'errors.country' })
  .meta(textMeta('code'));
/** A known ISO 639-1 language, in small letters whatever was typed. */
export const Language = typedString()
  .toLowerCase()
  .refine(isLanguageCode, { message: 'errors.language' })
  .meta(textMeta('code'));
/** Each language once, in the order given: ["da", "DA", "ar"] is ["da", "ar"]. */
const Languages = z
  .array(Language)
  .max(10)
  .transform((codes) => [...new Set(codes)]);

/**
 * A phone number as the person gave it (decisions/0031-contact-details.md): digits and spaces,
 * one leading + for an international number, 8 to 15 digits (a Danish number has 8, E.164 at
 * most 15). Stored as typed — trimmed and NFC — so "+45 12 34 56 78" and "12345678" both stay
 * as written; nothing is dialled from it, and a rewritten number is harder to recognise.
 */
export const PHONE_PATTERN = /^\+?[0-9 ]+$/;
const phoneDigits = (v: string) => v.replace(/[^0-9]/g, '').length;
export const Phone = typedString()
  .regex(PHONE_PATTERN, { message: 'errors.phone', abort: true })
  .refine((v) => phoneDigits(v) >= 8 && phoneDigits(v) <= 15, { message: 'errors.phone' })
  .meta(textMeta('code'));
/** An e-mail address by zod's rule (the common form, not every address RFC 5322 allows). */
const Email = typedString()
  .max(254, { message: 'errors.tooLong' })
  .regex(z.regexes.email, { message: 'errors.email' })
  .meta(textMeta('code'));

const BirthDate = pastDate(EARLIEST_BIRTH_DATE, 'errors.birthDateTooEarly');
/** Enrolment, exit and consent dates: within the programme's time, never ahead of today. */
const ProgrammeDate = pastDate(EARLIEST_PROGRAMME_DATE, 'errors.dateBeforeProgramme');

const IsoDateCheck = z.iso.date();
const isoDate = (v: unknown) => typeof v === 'string' && IsoDateCheck.safeParse(v).success;

/** The CPR number's date part must be the birth date (when both are in the input). */
function cprAgreesWithBirthDate(m: { cpr?: string | null; birthDate?: string }, ctx: z.RefinementCtx) {
  if (isoDate(m.birthDate) && !cprMatchesBirthDate(m.cpr, m.birthDate))
    ctx.addIssue({ code: 'custom', path: ['cpr'], message: 'errors.cprBirthDate' });
}

/** A member's fields as given; no defaults, so a partial update names only what changes. */
const memberFields = {
  firstName: nameText(100),
  lastName: nameText(100),
  cpr: z.preprocess(emptyToNull, Cpr.nullable()).optional(),
  birthDate: BirthDate,
  role: HouseholdRole,
  countryOfOrigin: z.preprocess(emptyToNull, Country.nullable()).optional(),
  languages: Languages,
  interpreterNeeded: z.boolean(),
  phone: z.preprocess(emptyToNull, Phone.nullable()).optional(),
  email: z.preprocess(emptyToNull, Email.nullable()).optional(),
  preferredContact: z.preprocess(emptyToNull, PreferredContact.nullable()).optional(),
  /** Any known language: the one to write or call in, which need not be among `languages`. */
  contactLanguage: z.preprocess(emptyToNull, Language.nullable()).optional(),
};

export const MemberInput = z
  .strictObject({
    ...memberFields,
    languages: memberFields.languages.default([]),
    interpreterNeeded: memberFields.interpreterNeeded.default(false),
  })
  .superRefine(cprAgreesWithBirthDate);
export type MemberInput = z.input<typeof MemberInput>;
/** A new member's fields as validated, defaults filled in (what is stored). */
export type MemberValues = z.output<typeof MemberInput>;

// Built from the fields without defaults: `.partial()` of MemberInput would fill in
// languages [] and interpreterNeeded false on every edit that leaves them out.
// The server checks a changed CPR number or birth date against the stored other one too.
export const MemberUpdate = z
  .strictObject(memberFields)
  .partial()
  .extend({ version: z.number().int().min(1) })
  .superRefine(cprAgreesWithBirthDate);
export type MemberUpdate = z.input<typeof MemberUpdate>;

export const AddressInput = z.strictObject({
  areaId: Id,
  street: nameText(120),
  buildingNumber: nameText(10),
  entrance: optionalNameText(10),
  floor: optionalNameText(10),
  door: optionalNameText(10),
  postalCode: typedString()
    .regex(/^\d{4}$/, { message: 'errors.postalCode' })
    .nullable()
    .optional(),
});

/**
 * A new family's members (rules.ts): one to MAX_MEMBERS people, at least one adult, and each child younger than each
 * parent — the problem is named on the child's birth date. Applied once every role and birth
 * date is valid, so a missing role does not also count as "no adult".
 */
export const NewMembers = z
  .array(MemberInput)
  .min(1, { message: 'errors.atLeastOneMember' })
  .max(MAX_MEMBERS, { message: 'errors.tooManyMembers' })
  .superRefine((members, ctx) => {
    if (!members.every((m) => HouseholdRole.safeParse(m.role).success && isoDate(m.birthDate))) return;
    const flagged = new Set<number>();
    for (const problem of householdProblems(members)) {
      if (problem.kind === 'noAdult') ctx.addIssue({ code: 'custom', path: [], message: 'errors.noAdult' });
      else if (!flagged.has(problem.child)) {
        flagged.add(problem.child);
        ctx.addIssue({
          code: 'custom',
          path: [problem.child, 'birthDate'],
          message: 'errors.childOlderThanParent',
        });
      }
    }
  });

export const CreateFamily = AddressInput.extend({
  teamId: Id.optional(),
  enrolledOn: ProgrammeDate.nullable().optional(),
  members: NewMembers,
});
export type CreateFamily = z.input<typeof CreateFamily>;

// The status rules (rules.ts) on what the body carries; the server applies them again to the
// stored family merged with the change, as `{ status: 'exited' }` alone says nothing of the date.
export const UpdateFamily = AddressInput.partial()
  .extend({
    version: z.number().int().min(1),
    status: FamilyStatus.optional(),
    enrolledOn: ProgrammeDate.nullable().optional(),
    exitedOn: ProgrammeDate.nullable().optional(),
  })
  .superRefine((body, ctx) => {
    if ([body.enrolledOn, body.exitedOn].some((d) => d && !isoDate(d))) return;
    for (const p of statusDateProblems(body))
      ctx.addIssue({ code: 'custom', path: [p.field], message: p.key });
  });
export type UpdateFamily = z.input<typeof UpdateFamily>;

/**
 * Who may be one of a family's pair: a team member of the family's team (DESIGN.md: "two contact
 * persons from the team"). The leader forms pairs and sees every family, but is not one of the two.
 */
export const PAIR_ROLE = 'team_member' as const;

export const AssignPair = z.strictObject({
  memberIds: z.tuple([Id, Id]).refine(([a, b]) => a !== b, { message: 'errors.pairDistinct' }),
  /** The family's version the leader saw: a pair assigned meanwhile is not replaced unseen. */
  version: z.number().int(),
});
export type AssignPair = z.input<typeof AssignPair>;

/** How a consent was given: signed on paper, said aloud (and noted), or given digitally. */
export const ConsentGivenHow = z.enum(['signed', 'oral', 'digital'], { message: 'errors.consentGivenHow' });
export type ConsentGivenHow = z.infer<typeof ConsentGivenHow>;

/** An interpreter translated into some language: which one is part of what was agreed. */
export function interpreterNamesLanguage(
  c: { interpreter?: boolean | undefined; language?: string | null | undefined },
  ctx: z.RefinementCtx,
) {
  if (c.interpreter && !c.language)
    ctx.addIssue({ code: 'custom', path: ['language'], message: 'errors.interpreterLanguage' });
}

/** A consent's fields, unrefined (a form extends it); `GiveConsent` is the contract. */
export const GiveConsentObject = z.strictObject({
  purpose: ConsentPurpose,
  scope: optionalFreeText(500),
  givenOn: ProgrammeDate,
  personId: Id.nullable().optional(),
  givenHow: z.preprocess(emptyToNull, ConsentGivenHow.nullable()).optional(),
  /** The language the consent was explained in (an interpreter's, when one took part). */
  language: z.preprocess(emptyToNull, Language.nullable()).optional(),
  interpreter: z.boolean().optional(),
});
export const GiveConsent = GiveConsentObject.superRefine(interpreterNamesLanguage);
export type GiveConsent = z.input<typeof GiveConsent>;

/** On or after the day the consent was given: checked by the server, which knows that day. */
export const WithdrawConsent = z.strictObject({ withdrawnOn: ProgrammeDate });

export const BreakGlassRequest = z.strictObject({
  reason: freeText(500, { min: 10, tooShort: 'errors.reasonTooShort', emptyIsTooShort: true }),
});

export const FamilySort = z.enum([
  'reference',
  'address',
  'name',
  'enrolledOn',
  'memberCount',
  'updatedAt',
  'pair',
]);
export const FamilyListQuery = z.strictObject({
  q: nameText(100, { min: 0 }).optional(),
  sort: FamilySort.default('reference'),
  dir: z.enum(['asc', 'desc']).default('asc'),
  status: FamilyStatus.optional(),
  areaId: Id.optional(),
  mine: z.boolean().optional(),
  /** Only families whose pair is not assigned yet: the leader's work list. */
  noPair: z.boolean().optional(),
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(200).default(25),
});
export type FamilyListQuery = z.input<typeof FamilyListQuery>;

/** The whole filtered, sorted list as a file (no CPR numbers); at most EXPORT_LIMIT families. */
export const FamilyExportQuery = FamilyListQuery.omit({ page: true, pageSize: true }).extend({
  format: z.enum(['csv', 'xlsx']),
});
export type FamilyExportQuery = z.input<typeof FamilyExportQuery>;
export const EXPORT_LIMIT = 10_000;

export const StaffRef = z.object({ id: Id, displayName: z.string() });

export const FamilySummary = z.object({
  id: Id,
  reference: z.string(),
  street: z.string(),
  buildingNumber: z.string(),
  entrance: z.string().nullable(),
  floor: z.string().nullable(),
  door: z.string().nullable(),
  areaName: z.string(),
  status: FamilyStatus,
  enrolledOn: z.string().nullable(),
  adultNames: z.array(z.string()),
  adultCount: z.number().int(),
  childCount: z.number().int(),
  pair: z.array(StaffRef),
  /** The pair member the reader covers today as backup (decision 0034), else null. */
  coveredFor: z.string().nullable(),
  updatedAt: z.string(),
});
export type FamilySummary = z.infer<typeof FamilySummary>;
export const FamilyList = paged(FamilySummary);
export type FamilyList = z.infer<typeof FamilyList>;

/** What the signed-in user may do with this family: the web app shows only these actions. */
export const FamilyAbilities = z.object({
  readFull: z.boolean(),
  update: z.boolean(),
  assignPair: z.boolean(),
  manageConsent: z.boolean(),
  viewHistory: z.boolean(),
  revealCpr: z.boolean(),
  breakGlass: z.boolean(),
  /**
   * Reads the family's tasks (the plans area's read rule): whoever works with the family, and a
   * specialist routed an open task of it — of another team or of the family's own (decision 0053).
   */
  readTasks: z.boolean(),
});
export type FamilyAbilities = z.infer<typeof FamilyAbilities>;

export const Member = z.object({
  id: Id,
  firstName: z.string(),
  lastName: z.string(),
  role: HouseholdRole,
  birthDate: z.string(),
  /** Masked ("010203-****"); the full number only through the audited reveal. Null for basic access. */
  cprMasked: z.string().nullable(),
  countryOfOrigin: z.string().nullable(),
  languages: z.array(z.string()),
  interpreterNeeded: z.boolean(),
  /** Contact details: personal data, so null for basic access like the CPR number. */
  phone: z.string().nullable(),
  email: z.string().nullable(),
  preferredContact: PreferredContact.nullable(),
  contactLanguage: z.string().nullable(),
  version: z.number().int(),
});
export type Member = z.infer<typeof Member>;

export const Consent = z.object({
  id: Id,
  purpose: ConsentPurpose,
  scope: z.string().nullable(),
  givenOn: z.string(),
  withdrawnOn: z.string().nullable(),
  personId: Id.nullable(),
  recordedBy: StaffRef.nullable(),
  givenHow: ConsentGivenHow.nullable(),
  language: z.string().nullable(),
  interpreter: z.boolean(),
});
export type Consent = z.infer<typeof Consent>;

export const FamilyDetail = z.object({
  id: Id,
  reference: z.string(),
  areaId: Id,
  areaName: z.string(),
  teamId: Id,
  teamName: z.string(),
  street: z.string(),
  buildingNumber: z.string(),
  entrance: z.string().nullable(),
  floor: z.string().nullable(),
  door: z.string().nullable(),
  postalCode: z.string().nullable(),
  status: FamilyStatus,
  enrolledOn: z.string().nullable(),
  exitedOn: z.string().nullable(),
  version: z.number().int(),
  members: z.array(Member),
  pair: z.array(StaffRef),
  consents: z.array(Consent),
  access: z.enum(['relationship', 'team', 'break_glass']),
  breakGlassExpiresAt: z.string().nullable(),
  abilities: FamilyAbilities,
});
export type FamilyDetail = z.infer<typeof FamilyDetail>;

export const CprReveal = z.object({ cpr: z.string().nullable() });

export const HistoryEntry = z.object({
  id: z.string(),
  at: z.string(),
  actor: StaffRef.nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: Id,
  changes: z.array(z.object({ field: z.string(), from: z.unknown(), to: z.unknown() })),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;
export const HistoryList = paged(HistoryEntry);
export const HistoryQuery = z.strictObject({ ...PageQuery });

export const BreakGlassGrant = z.object({ expiresAt: z.string() });

export const FamilyParams = z.strictObject({ familyId: Id });
export const MemberParams = z.strictObject({ familyId: Id, memberId: Id });
export const ConsentParams = z.strictObject({ familyId: Id, consentId: Id });
