import { ZPersonInputSchema, ZPersonUpdateSchema, type Locale, type TPersonInputRaw } from "@shegong/domain";
import { fieldErrorsOf, pickBilingual } from "../../lib/app-error.ts";
import type { RouterOutputs } from "../../trpc.ts";

export type PersonDetail = RouterOutputs["people"]["get"];

/** The profile as the form holds it; blanks are `undefined`. */
export interface PersonFormValues {
  name?: string;
  citizenId?: string;
  ethnicityCode?: string;
  phone?: string;
  villageCode?: string;
  address?: string;
  livingArrangement?: string;
  economicSource?: string;
  disabilityType?: string;
  disabilityGrade?: string;
  careStatus?: string;
  note?: string;
}

export const PERSON_FIELDS = [
  "name",
  "citizenId",
  "ethnicityCode",
  "phone",
  "villageCode",
  "address",
  "livingArrangement",
  "economicSource",
  "disabilityType",
  "disabilityGrade",
  "careStatus",
  "note",
] as const satisfies readonly (keyof PersonFormValues)[];

/** What `people.create` / `people.update` take; sex and birth date are left to the ID number. */
export function toPersonInput(values: PersonFormValues): TPersonInputRaw {
  return {
    name: values.name ?? "",
    citizenId: values.citizenId ?? "",
    ethnicityCode: values.ethnicityCode,
    phone: values.phone,
    villageCode: values.villageCode,
    address: values.address,
    livingArrangement: values.livingArrangement,
    economicSource: values.economicSource,
    disabilityType: values.disabilityType,
    disabilityGrade: values.disabilityGrade,
    careStatus: values.careStatus,
    note: values.note,
  } as TPersonInputRaw;
}

export type PersonField = (typeof PERSON_FIELDS)[number];
export type FieldErrorList = { name: PersonField; errors: string[] }[];

function isPersonField(field: string): field is PersonField {
  return (PERSON_FIELDS as readonly string[]).includes(field);
}

/** The domain's own person schema, run in the browser so a malformed phone is caught before sending. */
export function checkPersonInput(values: PersonFormValues, locale: Locale, options: { citizenIdOptional?: boolean } = {}): FieldErrorList {
  const input = toPersonInput(values);
  const result =
    options.citizenIdOptional && !values.citizenId
      ? ZPersonUpdateSchema.safeParse({ ...input, citizenId: undefined })
      : ZPersonInputSchema.safeParse(input);
  if (result.success) return [];
  const byField = new Map<string, string[]>();
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? "");
    byField.set(field, [...(byField.get(field) ?? []), pickBilingual(issue.message, locale)]);
  }
  // Sex and birth date are never sent (the ID number gives them), so every issue names a form field.
  return [...byField].filter(([name]) => isPersonField(name)).map(([name, errors]) => ({ name: name as PersonField, errors }));
}

/** A server error's field messages that belong to a field of this form, to show beside it. */
export function serverFieldErrors(error: unknown, locale: Locale): FieldErrorList {
  // Schema errors come keyed by their path in the procedure's input (`person.phone`).
  return Object.entries(fieldErrorsOf(error, locale))
    .map(([field, errors]) => [field.replace(/^person\./, ""), errors] as const)
    .filter(([field]) => isPersonField(field))
    .map(([name, errors]) => ({ name: name as PersonField, errors }));
}

/** The stored profile back in the form; the full ID number is never sent to the page, so it starts blank. */
export function personFormValuesOf(person: PersonDetail): PersonFormValues {
  const orUndefined = (v: string | number | null) => (v === null || v === "" ? undefined : String(v));
  return {
    name: person.name,
    ethnicityCode: orUndefined(person.ethnicityCode),
    phone: orUndefined(person.phone),
    villageCode: orUndefined(person.villageCode),
    address: orUndefined(person.address),
    livingArrangement: orUndefined(person.livingArrangement),
    economicSource: orUndefined(person.economicSource),
    disabilityType: orUndefined(person.disabilityType),
    disabilityGrade: orUndefined(person.disabilityGrade),
    careStatus: orUndefined(person.careStatus),
    note: orUndefined(person.note),
  };
}
