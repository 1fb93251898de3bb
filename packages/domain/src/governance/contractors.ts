import { z } from "zod";
import { ZCreditCodeSchema } from "../credit-code.ts";
import { bilingual, ERROR_MESSAGES, type BilingualMessage } from "../errors.ts";
import type { VocabLabels } from "../registry/vocab.ts";
import { requiredLine } from "./text.ts";

/**
 * Contractors (承接机构, R3, R6): the social organization that runs a station under a
 * purchase-of-service agreement. One contractor may run several stations.
 */

/** R3: local public-interest organizations are incubated and grown; the registry says where each one stands. */
export const INCUBATION_STATUSES = ["none", "incubating", "graduated"] as const;
export type IncubationStatus = (typeof INCUBATION_STATUSES)[number];
export const ZIncubationStatusSchema = z.enum(INCUBATION_STATUSES);
export const INCUBATION_STATUS_LABELS: VocabLabels<IncubationStatus> = {
  none: { zh: "非孵化机构", en: "Not incubated" },
  incubating: { zh: "孵化中", en: "Being incubated" },
  graduated: { zh: "已出壳", en: "Incubation completed" },
};

// Wordings of a registered business scope (业务范围) that cover social work (R6).
const SOCIAL_WORK_TERMS = ["社会工作", "社工", "社会服务工作"] as const;

export type BusinessScopeCheck = { ok: true; matched: string } | { ok: false; error: BilingualMessage };

export const BUSINESS_SCOPE_MESSAGE: BilingualMessage = ERROR_MESSAGES.CONTRACTOR_SCOPE;

/** R6: a contractor's registered business scope must include social work. */
export function checkBusinessScope(scope: string): BusinessScopeCheck {
  const text = scope.normalize("NFKC").replace(/\s+/g, "");
  const matched = SOCIAL_WORK_TERMS.find((term) => text.includes(term)) ?? (/socialwork/i.test(text) ? "social work" : undefined);
  return matched ? { ok: true, matched } : { ok: false, error: BUSINESS_SCOPE_MESSAGE };
}

const ZPhoneSchema = z
  .string()
  .transform((v) => v.normalize("NFKC").replace(/[\s-]/g, ""))
  .pipe(z.string().regex(/^(1\d{10}|0\d{9,11})$/, { error: bilingual({ zh: "联系电话须为手机号或带区号的固定电话", en: "The phone must be a mobile number or a landline with area code" }) }));

// The business-scope rule (R6) is checked by the api, so its refusal carries its own error code.
export const ZContractorSchema = z.object({
    name: requiredLine(100, { zh: "机构名称", en: "Organization name" }),
    creditCode: ZCreditCodeSchema,
    // The county or prefecture (6 or 4 digits) whose civil-affairs bureau registered the organization.
    divisionCode: z.string().regex(/^\d{4}(\d{2})?$/, { error: bilingual({ zh: "登记地须为州（市）或县（市）区划代码", en: "Registration area must be a prefecture or county code" }) }),
    registeringAuthority: requiredLine(100, { zh: "登记管理机关", en: "Registering authority" }),
    legalRepresentative: requiredLine(50, { zh: "法定代表人", en: "Legal representative" }),
    contactName: requiredLine(50, { zh: "联系人", en: "Contact person" }),
    contactPhone: ZPhoneSchema,
    businessScope: requiredLine(1000, { zh: "业务范围", en: "Business scope" }),
    incubationStatus: ZIncubationStatusSchema.default("none"),
});
export type TContractor = z.output<typeof ZContractorSchema>;
export type TContractorInput = z.input<typeof ZContractorSchema>;
