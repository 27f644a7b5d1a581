import { z } from 'zod';
import { Id, paged } from '../common/common.contract';
import { nameText } from '../common/text';

/*
 * Outreach (issue 15 §1–2): the places of an area (building → staircase → apartment), the
 * outreach status of each household living there, the eligibility rule per area and the import
 * of eligible households from a register extract. A household is one record through its whole
 * life: the import creates or updates the family register's own `household` and `person` rows.
 */

/** Where a household stands in outreach: the colour (and the symbol) of its apartment's cell. */
export const OutreachStatus = z.enum([
  'not_eligible',
  'eligible',
  'not_home',
  'talked',
  'call_back',
  'not_interested',
  'interested',
  'enrolled',
  'comparison',
]);
export type OutreachStatus = z.infer<typeof OutreachStatus>;

export const AreaParams = z.strictObject({ areaId: Id });
export const BuildingParams = z.strictObject({ buildingId: Id });
export const StaircaseParams = z.strictObject({ staircaseId: Id });
export const JobParams = z.strictObject({ jobId: Id });

export const Version = z.number().int().min(1);

/** A floor as a number: 0 the ground floor ("st."), −1 the basement ("kl."). */
export const Floor = z.number().int().min(-2).max(60);
export const Door = nameText(10);

export const NewBuilding = z.strictObject({ areaId: Id, name: nameText(100) });
export const BuildingUpdate = z.strictObject({ version: Version, name: nameText(100) });

export const NewStaircase = z.strictObject({
  street: nameText(100),
  number: nameText(10),
  /** The entrance's letter when one number has several ("A", "B"); empty when not. */
  entrance: nameText(10, { min: 0 }).optional(),
  postalCode: z
    .string()
    .regex(/^\d{4}$/, { message: 'errors.postalCode' })
    .nullable()
    .optional(),
  /** Made at once: floors `lowestFloor`..`highestFloor`, each with these doors. */
  lowestFloor: Floor.default(0),
  highestFloor: Floor,
  doors: z.array(Door).min(1).max(12),
});
export type NewStaircase = z.input<typeof NewStaircase>;

export const NewApartment = z.strictObject({ floor: Floor, door: Door });

export const BuildingSummary = z.object({
  id: Id,
  areaId: Id,
  name: z.string(),
  version: z.number().int(),
  staircaseCount: z.number().int(),
  apartmentCount: z.number().int(),
  /** Households in the building by outreach status. */
  counts: z.record(z.string(), z.number().int()),
});
export type BuildingSummary = z.infer<typeof BuildingSummary>;
export const BuildingList = z.object({ items: z.array(BuildingSummary) });

export const Staircase = z.object({
  id: Id,
  street: z.string(),
  number: z.string(),
  entrance: z.string(),
  postalCode: z.string().nullable(),
});

export const EligibilityReasonView = z.object({
  criterion: z.enum(['livesInArea', 'childAtHome', 'parentUnemployed']),
  met: z.boolean(),
  value: z.number().nullable(),
  required: z.number().nullable(),
});

/** One cell of the building picture: an apartment and, if known, its household. */
export const ApartmentCell = z.object({
  id: Id,
  staircaseId: Id,
  floor: z.number().int(),
  door: z.string(),
  household: z
    .object({
      id: Id,
      reference: z.string(),
      status: OutreachStatus,
      adultCount: z.number().int(),
      childCount: z.number().int(),
      eligible: z.boolean().nullable(),
      reasons: z.array(EligibilityReasonView),
    })
    .nullable(),
});
export type ApartmentCell = z.infer<typeof ApartmentCell>;

export const BuildingPicture = z.object({
  id: Id,
  areaId: Id,
  name: z.string(),
  version: z.number().int(),
  staircases: z.array(Staircase),
  apartments: z.array(ApartmentCell),
  abilities: z.object({ edit: z.boolean() }),
});
export type BuildingPicture = z.infer<typeof BuildingPicture>;

export const EligibilityRuleBody = z.strictObject({
  version: Version,
  minChildrenAtHome: z.number().int().min(0).max(20),
  minUnemployedMonths: z.number().int().min(0).max(600),
  postalCodes: z.array(z.string().regex(/^\d{4}$/, { message: 'errors.postalCode' })).max(50),
  streets: z.array(nameText(100)).max(200),
});
export const EligibilityRuleView = z.object({
  areaId: Id,
  version: z.number().int(),
  minChildrenAtHome: z.number().int(),
  minUnemployedMonths: z.number().int(),
  postalCodes: z.array(z.string()),
  streets: z.array(z.string()),
  /** Whether the area still has the default rule (no row of its own yet). */
  isDefault: z.boolean(),
});
export type EligibilityRuleView = z.infer<typeof EligibilityRuleView>;

// —— The import (docs/import-format.md) ——

export const ImportState = z.enum(['receiving', 'previewed', 'committing', 'committed', 'failed']);
export type ImportState = z.infer<typeof ImportState>;

export const ImportUploadQuery = z.strictObject({
  areaId: Id,
  /** The file's name, shown in the job list: never personal data in a file name, please. */
  fileName: nameText(200),
});

/** A cell's problem: the column (as our column key) and the i18n key under `outreach.importError`. */
export const RowError = z.object({ column: z.string().nullable(), code: z.string() });
export type RowError = z.infer<typeof RowError>;

export const ImportJob = z.object({
  id: Id,
  areaId: Id,
  fileName: z.string(),
  state: ImportState,
  /** How the file was read: encoding, delimiter, or xlsx. */
  format: z.string().nullable(),
  bytesTotal: z.number().nullable(),
  bytesRead: z.number(),
  rowCount: z.number().int(),
  errorRowCount: z.number().int(),
  householdCount: z.number().int(),
  createCount: z.number().int(),
  updateCount: z.number().int(),
  /** Households matched by name, birth date and address only: shown to the user to confirm. */
  unsureCount: z.number().int(),
  /** Columns in the file that are not ours (ignored), and ours that are missing. */
  extraColumns: z.array(z.string()),
  missingColumns: z.array(z.string()),
  /** While committing: households written so far. */
  committedCount: z.number().int(),
  failure: z.string().nullable(),
  createdAt: z.string(),
});
export type ImportJob = z.infer<typeof ImportJob>;

export const ImportJobsQuery = z.strictObject({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

/** A job in the list of recent imports: its file, who started it, its state and counts, no row. */
export const ImportJobSummary = ImportJob.pick({
  id: true,
  areaId: true,
  fileName: true,
  state: true,
  createdAt: true,
  rowCount: true,
  errorRowCount: true,
  householdCount: true,
  createCount: true,
  updateCount: true,
  unsureCount: true,
  committedCount: true,
}).extend({ createdBy: z.string(), finishedAt: z.string().nullable() });
export type ImportJobSummary = z.infer<typeof ImportJobSummary>;
export const ImportJobPage = paged(ImportJobSummary);

export const ImportRowsQuery = z.strictObject({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  /** Only rows with errors or an unsure match. */
  only: z.enum(['all', 'problems']).default('all'),
});

export const ImportRowView = z.object({
  line: z.number().int(),
  householdKey: z.string(),
  name: z.string(),
  /** Masked: the date part only. */
  cpr: z.string().nullable(),
  birthDate: z.string().nullable(),
  address: z.string(),
  role: z.string().nullable(),
  errors: z.array(RowError),
  /** What committing will do with the person: create, update (matched by CPR), or update (unsure). */
  plan: z.enum(['create', 'update', 'update_unsure', 'none']),
});
export type ImportRowView = z.infer<typeof ImportRowView>;
export const ImportRowPage = paged(ImportRowView);

/** The area the actor does outreach in (their team's), and what they may do there. */
export const MyArea = z.object({
  areaId: Id.nullable(),
  areaName: z.string().nullable(),
  abilities: z.object({ import: z.boolean(), editRule: z.boolean() }),
});
export type MyArea = z.infer<typeof MyArea>;

export const BuildingRef = z.object({ id: Id, areaId: Id, name: z.string(), version: z.number().int() });
export const Created = z.object({ id: Id });
