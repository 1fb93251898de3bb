import { citizenIdCheckChar } from "@shegong/domain";
import { describe, expect, it } from "vitest";
import { changedFieldLabel } from "./changed-fields.ts";
import { checkPersonInput } from "./person-form.ts";

const first17 = "65230119500315122";
const validId = first17 + citizenIdCheckChar(first17);
const wrongCheckId = first17 + (citizenIdCheckChar(first17) === "0" ? "1" : "0");

describe("checkPersonInput", () => {
  it("passes a person the domain schema accepts, blanks included", () => {
    expect(checkPersonInput({ name: "张淑珍", citizenId: validId, phone: "" }, "zh-CN")).toEqual([]);
  });

  it("names each field the domain schema refuses, in the reader's language", () => {
    const problems = checkPersonInput({ name: "张淑珍", citizenId: wrongCheckId, phone: "123" }, "en");
    expect(problems.map((p) => p.name).sort()).toEqual(["citizenId", "phone"]);
    expect(problems.find((p) => p.name === "phone")?.errors[0]).toMatch(/^Phone must be/);
  });
});

describe("changedFieldLabel", () => {
  const labels = { villageCode: "村（社区）", citizenId: "身份证号" };
  it("reads stored column names and entered categories", () => {
    expect(changedFieldLabel("village_code", labels, "zh-CN", (c) => `纳入${c}`)).toBe("村（社区）");
    expect(changedFieldLabel("citizen_id", labels, "zh-CN", (c) => `纳入${c}`)).toBe("身份证号");
    expect(changedFieldLabel("category:elderly_tekun", labels, "zh-CN", (c) => `纳入${c}`)).toBe("纳入特困老人");
    expect(changedFieldLabel("unknown_column", labels, "zh-CN", (c) => c)).toBe("unknown_column");
  });
});
