import type { z } from 'zod';
import type {
  AddressInput,
  FamilyDetail,
  HouseholdRole,
  Member,
  MemberInput,
  PreferredContact,
} from '../../shared/families/families.contract';

/** What the address inputs hold: text as typed; the contract schema decides what is valid. */
export interface AddressDraft {
  areaId: string;
  street: string;
  buildingNumber: string;
  entrance: string;
  floor: string;
  door: string;
  postalCode: string;
}

export const addressFields = [
  'areaId',
  'street',
  'buildingNumber',
  'entrance',
  'floor',
  'door',
  'postalCode',
] as const satisfies readonly (keyof AddressDraft)[];

export function emptyAddress(): AddressDraft {
  return { areaId: '', street: '', buildingNumber: '', entrance: '', floor: '', door: '', postalCode: '' };
}

export function addressOf(family: FamilyDetail): AddressDraft {
  return {
    areaId: family.areaId,
    street: family.street,
    buildingNumber: family.buildingNumber,
    entrance: family.entrance ?? '',
    floor: family.floor ?? '',
    door: family.door ?? '',
    postalCode: family.postalCode ?? '',
  };
}

export function addressBody(d: AddressDraft): z.input<typeof AddressInput> {
  return { ...d, postalCode: d.postalCode.trim() === '' ? null : d.postalCode };
}

export interface MemberDraft {
  firstName: string;
  lastName: string;
  cpr: string;
  birthDate: string;
  role: HouseholdRole | '';
  countryOfOrigin: string;
  languages: string;
  interpreterNeeded: boolean;
  phone: string;
  email: string;
  preferredContact: PreferredContact | '';
  contactLanguage: string;
}

export const memberFields = [
  'firstName',
  'lastName',
  'cpr',
  'birthDate',
  'role',
  'countryOfOrigin',
  'languages',
  'interpreterNeeded',
  'phone',
  'email',
  'preferredContact',
  'contactLanguage',
] as const satisfies readonly (keyof MemberDraft)[];

export function emptyMember(): MemberDraft {
  return {
    firstName: '',
    lastName: '',
    cpr: '',
    birthDate: '',
    role: '',
    countryOfOrigin: '',
    languages: '',
    interpreterNeeded: false,
    phone: '',
    email: '',
    preferredContact: '',
    contactLanguage: '',
  };
}

/** An existing person as an editable draft; the CPR number stays empty (only its masked form is known). */
export function memberOf(m: Member): MemberDraft {
  return {
    firstName: m.firstName,
    lastName: m.lastName,
    cpr: '',
    birthDate: m.birthDate.slice(0, 10),
    role: m.role,
    countryOfOrigin: m.countryOfOrigin ?? '',
    languages: m.languages.join(', '),
    interpreterNeeded: m.interpreterNeeded,
    phone: m.phone ?? '',
    email: m.email ?? '',
    preferredContact: m.preferredContact ?? '',
    contactLanguage: m.contactLanguage ?? '',
  };
}

export function splitLanguages(text: string): string[] {
  return text
    .split(/[,\s]+/)
    .map((l) => l.trim())
    .filter(Boolean);
}

export function memberBody(d: MemberDraft): MemberInput {
  return {
    firstName: d.firstName,
    lastName: d.lastName,
    cpr: d.cpr.trim() === '' ? null : d.cpr,
    birthDate: d.birthDate,
    role: (d.role || undefined) as HouseholdRole,
    countryOfOrigin: d.countryOfOrigin.trim() === '' ? null : d.countryOfOrigin,
    languages: splitLanguages(d.languages),
    interpreterNeeded: d.interpreterNeeded,
    phone: d.phone.trim() === '' ? null : d.phone,
    email: d.email.trim() === '' ? null : d.email,
    preferredContact: d.preferredContact || null,
    contactLanguage: d.contactLanguage.trim() === '' ? null : d.contactLanguage,
  };
}

/** A language code's error (`languages.2`) belongs to the one languages input. */
export function normaliseMemberErrors<E extends { field: string }>(errors: E[]): E[] {
  const seen = new Set<string>();
  return errors
    .map((e) => ({ ...e, field: e.field.replace(/(^|\.)languages\.\d+$/, '$1languages') }))
    .filter((e) => {
      if (seen.has(e.field)) return false;
      seen.add(e.field);
      return true;
    });
}
