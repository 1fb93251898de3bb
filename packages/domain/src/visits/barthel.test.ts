import { describe, expect, it } from "vitest";
import { labelOf } from "../registry/vocab.ts";
import {
  BARTHEL_ITEM_KEYS,
  BARTHEL_ITEMS,
  BARTHEL_LEVEL_LABELS,
  barthelLevel,
  barthelTotal,
  careStatusFromBarthel,
  ZBarthelSchema,
  type TBarthel,
} from "./barthel.ts";

const best: TBarthel = {
  feeding: 10,
  bathing: 5,
  grooming: 5,
  dressing: 10,
  bowels: 10,
  bladder: 10,
  toiletUse: 10,
  transfers: 15,
  mobility: 15,
  stairs: 10,
};

describe("Barthel items", () => {
  it("has ten items whose maxima add up to 100", () => {
    expect(BARTHEL_ITEM_KEYS).toHaveLength(10);
    const maxima = BARTHEL_ITEM_KEYS.map((key) => BARTHEL_ITEMS[key].levels[0]?.score ?? 0);
    expect(maxima.reduce((a, b) => a + b, 0)).toBe(100);
  });

  it("allows exactly the scores of the standard form", () => {
    const scores = Object.fromEntries(BARTHEL_ITEM_KEYS.map((key) => [key, BARTHEL_ITEMS[key].levels.map((l) => l.score)]));
    expect(scores).toEqual({
      feeding: [10, 5, 0],
      bathing: [5, 0],
      grooming: [5, 0],
      dressing: [10, 5, 0],
      bowels: [10, 5, 0],
      bladder: [10, 5, 0],
      toiletUse: [10, 5, 0],
      transfers: [15, 10, 5, 0],
      mobility: [15, 10, 5, 0],
      stairs: [10, 5, 0],
    });
  });

  it("carries the Chinese wording workers know", () => {
    expect(labelOf(BARTHEL_ITEMS, "transfers", "zh-CN")).toBe("床椅转移");
    expect(BARTHEL_ITEMS.feeding.levels.map((l) => l.zh)).toEqual(["可独立进食", "需部分帮助", "需极大帮助或完全依赖他人，或留置胃管"]);
  });
});

describe("ZBarthelSchema", () => {
  it("accepts a full assessment", () => {
    expect(ZBarthelSchema.parse(best)).toEqual(best);
  });

  it("rejects a score the item does not have, naming the item and its scores in both languages", () => {
    const result = ZBarthelSchema.safeParse({ ...best, bathing: 10, transfers: 7 });
    expect(result.success).toBe(false);
    const byPath = Object.fromEntries(result.error!.issues.map((issue) => [issue.path.join("."), issue.message]));
    expect(byPath).toEqual({
      bathing: "洗澡得分只能为 0、5 分 / Bathing must score 0 or 5",
      transfers: "床椅转移得分只能为 0、5、10、15 分 / Bed–chair transfers must score 0, 5, 10 or 15",
    });
  });

  it("requires all ten items", () => {
    const { stairs: _stairs, ...partial } = best;
    const result = ZBarthelSchema.safeParse(partial);
    expect(result.error?.issues.map((issue) => issue.path)).toEqual([["stairs"]]);
  });
});

describe("totals and bands", () => {
  it("adds the ten items", () => {
    expect(barthelTotal(best)).toBe(100);
    expect(barthelTotal({ ...best, transfers: 5, stairs: 0, bathing: 0 })).toBe(75);
    const nothing = Object.fromEntries(BARTHEL_ITEM_KEYS.map((key) => [key, 0])) as TBarthel;
    expect(barthelTotal(nothing)).toBe(0);
  });

  it.each([
    [100, "independent", "independent"],
    [95, "mild", "partly_dependent"],
    [65, "mild", "partly_dependent"],
    [60, "moderate", "partly_dependent"],
    [45, "moderate", "partly_dependent"],
    [40, "severe", "dependent"],
    [0, "severe", "dependent"],
  ] as const)("%i → %s, care status %s", (total, band, care) => {
    expect(barthelLevel(total)).toBe(band);
    expect(careStatusFromBarthel(total)).toBe(care);
  });

  it("labels the bands as the form does", () => {
    expect(BARTHEL_LEVEL_LABELS.independent.zh).toBe("自理");
    expect(labelOf(BARTHEL_LEVEL_LABELS, "severe", "zh-CN")).toBe("重度依赖");
  });

  it.each([-5, 101, 42, 57.5, Number.NaN])("refuses %d as a total", (total) => {
    expect(() => barthelLevel(total)).toThrow(RangeError);
  });
});
