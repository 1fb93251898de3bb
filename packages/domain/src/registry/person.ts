import { z } from "zod";
import { ZCitizenIdSchema, parseCitizenId, type CitizenId } from "../citizen-id.ts";
import { divisionLevelOf } from "../division-code.ts";
import type { BilingualMessage } from "../errors.ts";
import { ZIsoDateSchema } from "../time.ts";
import { ageOn, DEFAULT_REGION_RULES, type TRegionRules } from "./age-rules.ts";
import { normalizeProse, normalizeText } from "./text.ts";
import {
  SEX_LABELS,
  ZCareStatusSchema,
  ZDisabilityGradeSchema,
  ZDisabilityTypeSchema,
  ZEconomicSourceSchema,
  ZEthnicityCodeSchema,
  ZLivingArrangementSchema,
  ZSexSchema,
  type Sex,
} from "./vocab.ts";

/**
 * A service recipient as entered on a form or read from a ledger row (issue 3 item 1). Sex and
 * birth date come from the ID number; when they are also entered they must agree with it, because
 * a mismatch means one of the two was mistyped.
 */

export type IdConsistencyField = "sex" | "birthDate";
export type IdConsistencyError = { field: IdConsistencyField } & BilingualMessage;

export function checkIdConsistency(
  parsedId: CitizenId,
  entered: { sex?: Sex | null; birthDate?: string | null },
): IdConsistencyError[] {
  const errors: IdConsistencyError[] = [];
  if (entered.sex && entered.sex !== parsedId.sex) {
    const zhSex = `${SEX_LABELS[parsedId.sex].zh}性`;
    errors.push({
      field: "sex",
      zh: `性别与身份证号不符（身份证号为${zhSex}）`,
      en: `Sex does not match the ID number (the ID number is for a ${parsedId.sex})`,
    });
  }
  if (entered.birthDate && entered.birthDate !== parsedId.birthDate) {
    errors.push({
      field: "birthDate",
      zh: `出生日期与身份证号不符（身份证号为${parsedId.birthDate}）`,
      en: `Birth date does not match the ID number (the ID number gives ${parsedId.birthDate})`,
    });
  }
  return errors;
}

/** Mainland mobile numbers, or landlines with their area code (0994-2345678, 09942345678). */
export const PHONE_PATTERN = /^(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;

/** Phones as typed: full-width digits, spaces inside ("139 0000 0000"), a +86 prefix. */
export function normalizePhone(raw: string): string {
  return normalizeText(raw).replace(/[\s()]/g, "").replace(/^(?:\+?86)(?=1[3-9]\d{9}$)/, "");
}

/**
 * An optional field where a blank form field, a space-only cell or null means "not given", not
 * "invalid". Written as one transform rather than a union so the inner schema's own message
 * (e.g. the phone format) reaches the user instead of zod's generic "Invalid input".
 */
const optional = <T extends z.ZodType>(schema: T) =>
  z
    .custom<z.input<T> | "" | null>(() => true)
    .transform((value, ctx): z.output<T> | undefined => {
      if (value === null || value === undefined || (typeof value === "string" && normalizeText(value) === "")) return undefined;
      const result = schema.safeParse(value);
      if (result.success) return result.data;
      for (const issue of result.error.issues) ctx.addIssue({ code: "custom", message: issue.message, path: issue.path });
      return z.NEVER;
    })
    .optional();

/** Free text (address, note): cleaned as prose, and blank counts as not given. */
const text = (max: number, label: BilingualMessage) =>
  z
    .string()
    .transform((raw) => normalizeProse(raw).replace(/\s+/g, " "))
    .pipe(z.string().max(max, { error: `${label.zh}不能超过${max}个字 / ${label.en} must be at most ${max} characters` }))
    .transform((value) => (value === "" ? undefined : value));

// Ledgers pad two-character names to line up with three-character ones ("张 三"): spaces between
// Chinese characters are layout, not part of the name. Latin-script names keep theirs.
const HAN_GAP = /(\p{Script=Han})\s+(?=\p{Script=Han})/gu;

export const ZPersonNameSchema = z
  .string()
  .transform((raw) => normalizeText(raw).replace(HAN_GAP, "$1"))
  .pipe(
    z
      .string()
      .min(1, { error: "姓名不能为空 / Name is required" })
      .max(40, { error: "姓名不能超过40个字 / Name must be at most 40 characters" })
      .regex(/^[\p{L}\p{M}\p{Nl}·.\- ]+$/u, {
        error: "姓名只能包含文字、间隔号“·”和空格 / A name may contain letters, the interpunct “·” and spaces only",
      }),
  );

export const ZPhoneSchema = z
  .string()
  .transform(normalizePhone)
  .pipe(
    z.string().regex(PHONE_PATTERN, {
      error: "电话须为11位手机号或带区号的固定电话（如0994-2345678） / Phone must be an 11-digit mobile or a landline with area code",
    }),
  );

export const ZVillageCodeSchema = z
  .string()
  .trim()
  .refine((code) => divisionLevelOf(code) === "village", {
    error: "村（社区）代码须为12位区划代码 / A village code is a 12-digit division code",
  });

const PERSON_FIELDS = {
  name: ZPersonNameSchema,
  citizenId: ZCitizenIdSchema,
  sex: optional(ZSexSchema),
  birthDate: optional(ZIsoDateSchema),
  ethnicityCode: optional(ZEthnicityCodeSchema),
  phone: optional(ZPhoneSchema),
  villageCode: optional(ZVillageCodeSchema),
  address: optional(text(200, { zh: "家庭住址", en: "Address" })),
  livingArrangement: optional(ZLivingArrangementSchema),
  economicSource: optional(ZEconomicSourceSchema),
  disabilityType: optional(ZDisabilityTypeSchema),
  disabilityGrade: optional(ZDisabilityGradeSchema),
  careStatus: optional(ZCareStatusSchema),
  note: optional(text(500, { zh: "备注", en: "Note" })),
};

function idConsistency(person: { citizenId?: string; sex?: Sex; birthDate?: string }, ctx: z.RefinementCtx) {
  // citizenId is already validated and normalized here (an invalid one was reported by its own
  // schema); a fixed far "today" skips a second time-zone lookup, which dominates bulk imports.
  if (typeof person.citizenId !== "string") return;
  const parsed = parseCitizenId(person.citizenId, "9999-12-31");
  if (!parsed.ok) return;
  for (const error of checkIdConsistency(parsed.value, person)) {
    ctx.addIssue({ code: "custom", path: [error.field], message: `${error.zh} / ${error.en}` });
  }
}

export const ZPersonInputSchema = z.object(PERSON_FIELDS).superRefine(idConsistency);

/**
 * A correction: the same fields, but the ID number only when it is being corrected — a worker who
 * may not reveal it never has it to send back (issue 3 item 4).
 */
export const ZPersonUpdateSchema = z.object({ ...PERSON_FIELDS, citizenId: ZCitizenIdSchema.optional() }).superRefine(idConsistency);
export type TPersonUpdate = z.output<typeof ZPersonUpdateSchema>;
export type TPersonInput = z.output<typeof ZPersonInputSchema>;
export type TPersonInputRaw = z.input<typeof ZPersonInputSchema>;

/** Minors' records are sensitive personal data (PIPL art. 28, issue 3 item 4); this marks them. */
export function isMinorOn(birthDate: string, date: string, rules: TRegionRules = DEFAULT_REGION_RULES): boolean {
  return date < birthDate || ageOn(birthDate, date) < rules.adultAt;
}
