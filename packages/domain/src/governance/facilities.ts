import { z } from "zod";
import { bilingual, ERROR_MESSAGES, type BilingualMessage } from "../errors.ts";
import type { VocabLabels } from "../registry/vocab.ts";
import { ZIsoDateSchema } from "../time.ts";
import { optionalLine, requiredLine } from "./text.ts";

/**
 * Facilities, signage and house rules (issue 5 item 5, R4, R5, R8): the office and its rooms, the
 * equipment and who provided it, the plaque and marks with photo evidence, the house rules put on
 * the wall as versioned documents, and the readiness checklist the bureau reads off them.
 */

/** R4: a station's office space is at least 20 m². */
export const MIN_OFFICE_AREA_M2 = 20;

export const ROOM_KINDS = ["case_counselling", "group_activity", "multi_use", "office", "other"] as const;
export type RoomKind = (typeof ROOM_KINDS)[number];
export const ROOM_KIND_LABELS: VocabLabels<RoomKind> = {
  case_counselling: { zh: "个案辅导室", en: "Case counselling room" },
  group_activity: { zh: "团体活动室", en: "Group activity room" },
  multi_use: { zh: "一室多用", en: "One room, many uses" },
  office: { zh: "办公室", en: "Office" },
  other: { zh: "其他", en: "Other" },
};
/** R4: a multi-use room serves as both the counselling room and the group room. */
export const COUNSELLING_ROOM_KINDS: ReadonlySet<RoomKind> = new Set(["case_counselling", "multi_use"]);
export const GROUP_ROOM_KINDS: ReadonlySet<RoomKind> = new Set(["group_activity", "multi_use"]);

export const EQUIPMENT_PROVIDERS = ["township", "contractor"] as const;
export type EquipmentProvider = (typeof EQUIPMENT_PROVIDERS)[number];
export const EQUIPMENT_PROVIDER_LABELS: VocabLabels<EquipmentProvider> = {
  township: { zh: "乡镇提供", en: "Provided by the township" },
  contractor: { zh: "承接机构提供", en: "Provided by the contractor" },
};

export const SIGN_KINDS = ["plaque", "mark"] as const;
export type SignKind = (typeof SIGN_KINDS)[number];
export const SIGN_KIND_LABELS: VocabLabels<SignKind> = {
  plaque: { zh: "牌匾", en: "Plaque" },
  mark: { zh: "标识", en: "Mark / sign" },
};

/** R8: the rules every station puts on its wall (制度上墙). */
export const HOUSE_RULES = ["organization_duties", "service_process", "personnel", "volunteers", "venue_use", "archives", "recipient_database"] as const;
export type HouseRule = (typeof HOUSE_RULES)[number];
export const HOUSE_RULE_LABELS: VocabLabels<HouseRule> = {
  organization_duties: { zh: "组织架构与岗位职责", en: "Organization and duties" },
  service_process: { zh: "服务流程", en: "Service processes" },
  personnel: { zh: "人员管理制度", en: "Personnel management" },
  volunteers: { zh: "志愿者管理制度", en: "Volunteer management" },
  venue_use: { zh: "场地使用制度", en: "Venue use" },
  archives: { zh: "档案管理制度", en: "Archives management" },
  recipient_database: { zh: "服务对象数据库管理制度", en: "Recipient database management" },
};

// ---------------------------------------------------------------------------------------------
// Inputs

const ZAreaSchema = z
  .number()
  .positive({ error: bilingual({ zh: "面积须大于 0", en: "The area must be above 0" }) })
  .max(10_000, { error: bilingual({ zh: "面积不能超过 10000 平方米", en: "The area cannot exceed 10,000 m²" }) })
  .refine((n) => Math.round(n * 10) === n * 10, { error: bilingual({ zh: "面积最多保留一位小数", en: "Give the area to one decimal place at most" }) });

/**
 * The office area. Below 20 m² is refused unless the reason is written down: the bureau wants the
 * true figure on record (a township in transition may share a smaller office for a while) rather
 * than a 20 typed to get past the form, and the exception stays flagged on the checklist.
 */
export const ZOfficeAreaSchema = z.object({
  officeAreaM2: ZAreaSchema,
  exceptionReason: optionalLine(300).optional(),
  note: optionalLine(300).optional(),
});
export type TOfficeArea = z.output<typeof ZOfficeAreaSchema>;

/** Null when the area may be saved as given; else the bilingual reason it is refused. */
export function officeAreaRefusal(area: TOfficeArea): BilingualMessage | null {
  if (area.officeAreaM2 >= MIN_OFFICE_AREA_M2) return null;
  return area.exceptionReason ? null : ERROR_MESSAGES.FACILITY_AREA_BELOW_MINIMUM;
}

export const ZRoomSchema = z.object({
  kind: z.enum(ROOM_KINDS),
  name: requiredLine(50, { zh: "房间名称", en: "Room name" }),
  areaM2: ZAreaSchema.nullable().default(null),
  uses: optionalLine(200).optional(),
});
export type TRoom = z.output<typeof ZRoomSchema>;
export type TRoomInput = z.input<typeof ZRoomSchema>;

export const ZEquipmentSchema = z.object({
  name: requiredLine(50, { zh: "设备名称", en: "Equipment" }),
  quantity: z.number().int().min(1).max(9999),
  providedBy: z.enum(EQUIPMENT_PROVIDERS),
  note: optionalLine(200).optional(),
});
export type TEquipment = z.output<typeof ZEquipmentSchema>;

export const ZSignSchema = z.object({
  kind: z.enum(SIGN_KINDS),
  wording: requiredLine(100, { zh: "牌匾/标识文字", en: "Wording" }),
  location: optionalLine(100).optional(),
  installedOn: ZIsoDateSchema.nullable().default(null),
});
export type TSign = z.output<typeof ZSignSchema>;

export const ZHouseRuleRevisionSchema = z.object({
  rule: z.enum(HOUSE_RULES),
  title: requiredLine(100, { zh: "制度名称", en: "Title" }),
  body: z
    .string()
    .trim()
    .min(1, { error: bilingual({ zh: "请填写制度正文", en: "Write the rule's text" }) })
    .max(20_000, { error: bilingual({ zh: "制度正文不能超过 20000 字", en: "The text must be at most 20,000 characters" }) }),
  effectiveOn: ZIsoDateSchema,
  /** The revision the writer started from (null for the first): a concurrent revision is refused, not overwritten. */
  basedOnRevision: z.number().int().min(1).nullable(),
});
export type THouseRuleRevision = z.output<typeof ZHouseRuleRevisionSchema>;

// ---------------------------------------------------------------------------------------------
// Readiness

export const READINESS_ITEMS = ["office_area", "counselling_room", "group_room", "plaque_photo", "equipment", "house_rule"] as const;
export type ReadinessItemKind = (typeof READINESS_ITEMS)[number];

export interface FacilityFacts {
  officeAreaM2: number | null;
  areaExceptionReason: string | null;
  roomKinds: readonly RoomKind[];
  /** Pieces of equipment listed (rows, not quantity). */
  equipmentItems: number;
  /** Photos on each plaque (one number per plaque). */
  plaquePhotos: readonly number[];
  /** The current revision of each rule on record. */
  houseRules: Partial<Record<HouseRule, { revision: number; effectiveOn: string }>>;
}

export interface ReadinessItem {
  kind: ReadinessItemKind;
  /** Set on house-rule items: which rule. */
  rule?: HouseRule;
  ok: boolean;
  /** Recorded but below the rule (the office-area exception): shown apart from a plain gap. */
  flagged: boolean;
  message: BilingualMessage;
}

export interface Readiness {
  items: ReadinessItem[];
  ready: boolean;
  missing: number;
}

function item(kind: ReadinessItemKind, ok: boolean, message: BilingualMessage, extra: Partial<ReadinessItem> = {}): ReadinessItem {
  return { kind, ok, flagged: false, message, ...extra };
}

function officeAreaItem(facts: FacilityFacts): ReadinessItem {
  const area = facts.officeAreaM2;
  if (area === null) return item("office_area", false, { zh: "未登记办公面积", en: "Office area not recorded" });
  if (area >= MIN_OFFICE_AREA_M2) return item("office_area", true, { zh: `办公面积 ${area} 平方米`, en: `Office area ${area} m²` });
  return item(
    "office_area",
    false,
    { zh: `办公面积 ${area} 平方米，低于 ${MIN_OFFICE_AREA_M2} 平方米（例外：${facts.areaExceptionReason ?? "—"}）`, en: `Office area ${area} m², under ${MIN_OFFICE_AREA_M2} m² (exception: ${facts.areaExceptionReason ?? "—"})` },
    { flagged: true },
  );
}

/** R4, R5, R8 read off a station's records: each item ok or missing with a bilingual message, and ready when all are ok. */
export function facilityReadiness(facts: FacilityFacts): Readiness {
  const counselling = facts.roomKinds.some((k) => COUNSELLING_ROOM_KINDS.has(k));
  const group = facts.roomKinds.some((k) => GROUP_ROOM_KINDS.has(k));
  const photographed = facts.plaquePhotos.some((n) => n > 0);
  const items: ReadinessItem[] = [
    officeAreaItem(facts),
    item(
      "counselling_room",
      counselling,
      counselling ? { zh: "有个案辅导场所", en: "A room for case counselling" } : { zh: "缺少个案辅导室（或一室多用）", en: "No case counselling room (or multi-use room)" },
    ),
    item("group_room", group, group ? { zh: "有团体活动场所", en: "A room for group activities" } : { zh: "缺少团体活动室（或一室多用）", en: "No group activity room (or multi-use room)" }),
    item(
      "plaque_photo",
      photographed,
      photographed
        ? { zh: "牌匾已拍照存档", en: "Plaque photographed" }
        : facts.plaquePhotos.length === 0
          ? { zh: "未登记牌匾", en: "No plaque recorded" }
          : { zh: "牌匾缺少照片", en: "The plaque has no photo" },
    ),
    item(
      "equipment",
      facts.equipmentItems > 0,
      facts.equipmentItems > 0 ? { zh: `已登记设备 ${facts.equipmentItems} 项`, en: `${facts.equipmentItems} equipment items listed` } : { zh: "未登记办公设备", en: "No equipment listed" },
    ),
    ...HOUSE_RULES.map((rule) => {
      const current = facts.houseRules[rule];
      const label = HOUSE_RULE_LABELS[rule];
      return item(
        "house_rule",
        current !== undefined,
        current
          ? { zh: `${label.zh}：第 ${current.revision} 版（${current.effectiveOn} 起施行）`, en: `${label.en}: revision ${current.revision} (in force from ${current.effectiveOn})` }
          : { zh: `缺少${label.zh}`, en: `${label.en} missing` },
        { rule },
      );
    }),
  ];
  const missing = items.filter((i) => !i.ok).length;
  return { items, ready: missing === 0, missing };
}
