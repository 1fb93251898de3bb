import { describe, expect, it } from "vitest";
import { CATEGORY_GROUP_KEYS } from "../registry/categories.ts";
import { labelOf, spellingClashes, vocabKeyOf, type VocabLabels } from "../registry/vocab.ts";
import { BARTHEL_ITEMS, BARTHEL_LEVEL_LABELS } from "./barthel.ts";
import { CADENCE_UNIT_LABELS } from "./cadence.ts";
import { INCOME_SOURCE_LABELS } from "./economic-survey.ts";
import { GUARDIANSHIP_STATE_LABELS, SCHOOLING_STATE_LABELS } from "./findings.ts";
import {
  DUE_STATUS_LABELS,
  RISK_LEVEL_LABELS,
  SERVICE_AREAS,
  SERVICE_AREA_LABELS,
  VISIT_KIND_LABELS,
  VISIT_MODE_LABELS,
  ZRiskLevelSchema,
  ZVisitKindSchema,
} from "./vocab.ts";

const VOCABULARIES: Record<string, VocabLabels<string>> = {
  VISIT_KIND_LABELS,
  VISIT_MODE_LABELS,
  RISK_LEVEL_LABELS,
  SERVICE_AREA_LABELS,
  DUE_STATUS_LABELS,
  CADENCE_UNIT_LABELS,
  BARTHEL_ITEMS,
  BARTHEL_LEVEL_LABELS,
  INCOME_SOURCE_LABELS,
  GUARDIANSHIP_STATE_LABELS,
  SCHOOLING_STATE_LABELS,
};

describe("field-work vocabularies", () => {
  // Same guarantee as the registry's vocabularies: vocabKeyOf would otherwise guess between keys.
  it.each(Object.entries(VOCABULARIES))("%s: no spelling names two keys", (_, labels) => {
    expect(spellingClashes(labels)).toEqual([]);
  });

  it("labels visits as the plan names them (R9 巡访, R10 随访, R11 入户调查)", () => {
    expect(labelOf(VISIT_KIND_LABELS, "patrol", "zh-CN")).toBe("巡访");
    expect(labelOf(VISIT_KIND_LABELS, "follow_up", "zh-CN")).toBe("随访");
    expect(labelOf(VISIT_KIND_LABELS, "household_investigation", "zh-CN")).toBe("入户调查");
    expect(labelOf(VISIT_MODE_LABELS, "video", "zh-CN")).toBe("视频");
    expect(labelOf(RISK_LEVEL_LABELS, "medium", "en")).toBe("Medium");
    expect(vocabKeyOf(VISIT_MODE_LABELS, "入户")).toBe("home");
    expect(vocabKeyOf(RISK_LEVEL_LABELS, "高风险")).toBe("high");
  });

  it("service areas are the registry's category groups, in the same order", () => {
    expect([...SERVICE_AREAS]).toEqual([...CATEGORY_GROUP_KEYS]);
    expect(labelOf(SERVICE_AREA_LABELS, "assistance", "zh-CN")).toBe("社会救助");
  });

  it("schemas reject unknown keys", () => {
    expect(ZVisitKindSchema.safeParse("inspection").success).toBe(false);
    expect(ZRiskLevelSchema.parse("none")).toBe("none");
  });
});
