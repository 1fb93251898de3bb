import { describe, expect, it } from "vitest";
import { familyStructure } from "./family-structure.ts";

describe("familyStructure", () => {
  it("counts members by relation to the head, in the vocabulary's order", () => {
    const members = [{ relation: "grandchild" }, { relation: "head" }, { relation: "son" }, { relation: "grandchild" }, { relation: null }];
    expect(familyStructure(members, "zh-CN")).toBe("户主 1、子 1、孙子女 2、其他 1");
    expect(familyStructure(members, "en")).toBe("Household head 1, Son 1, Grandchild 2, Other 1");
  });
});
