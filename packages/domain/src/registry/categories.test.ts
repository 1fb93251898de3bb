import { describe, expect, it } from "vitest";
import { CATEGORIES, CATEGORY_GROUPS, CATEGORY_KEYS, categoriesInGroup, categoryKeyOf } from "./categories.ts";

describe("statutory categories (R9–R12)", () => {
  it("lists the thirteen registers in four groups", () => {
    expect(CATEGORY_KEYS).toHaveLength(13);
    expect(categoriesInGroup("elderly")).toEqual([
      "elderly_tekun",
      "elderly_left_behind",
      "elderly_disabled_poor",
      "elderly_disabled_dibao",
      "elderly_advanced_age",
    ]);
    expect(categoriesInGroup("children")).toEqual(["child_left_behind", "child_in_difficulty", "child_orphan", "child_unsupported"]);
    expect(categoriesInGroup("assistance")).toEqual(["assist_dibao", "assist_tekun", "assist_temporary"]);
    expect(categoriesInGroup("social_affairs")).toEqual(["affairs_vagrant"]);
    expect(CATEGORY_GROUPS.social_affairs.zh).toBe("社会事务");
  });

  it("uses the Chinese names of the plan", () => {
    expect(CATEGORY_KEYS.map((k) => CATEGORIES[k].zh)).toEqual([
      "特困老人",
      "农村留守老人",
      "困难残疾老人",
      "失能半失能低保老人",
      "高龄老人",
      "农村留守儿童",
      "困境儿童",
      "孤儿",
      "事实无人抚养儿童",
      "低保对象",
      "特困供养人员",
      "临时救助对象",
      "流浪乞讨及易走失人员",
    ]);
  });

  it("sets age rules: elderly from 60, advanced age, children, none", () => {
    expect(CATEGORIES.elderly_left_behind.ageRule).toBe("elderly");
    expect(CATEGORIES.elderly_advanced_age.ageRule).toBe("advanced_age");
    expect(CATEGORIES.child_orphan.ageRule).toBe("child");
    expect(CATEGORIES.assist_dibao.ageRule).toBe("none");
    expect(CATEGORIES.affairs_vagrant.ageRule).toBe("none");
  });

  it("ends every category at death and only child categories at adulthood", () => {
    for (const key of CATEGORY_KEYS) {
      expect(CATEGORIES[key].endsOnDeath).toBe(true);
      expect(CATEGORIES[key].endsAtAdulthood).toBe(CATEGORIES[key].group === "children");
    }
  });

  it("reads category names written in ledgers, and refuses the ambiguous 特困", () => {
    expect(categoryKeyOf("低保")).toBe("assist_dibao");
    expect(categoryKeyOf("留守儿童")).toBe("child_left_behind");
    expect(categoryKeyOf(" 高龄老人 ")).toBe("elderly_advanced_age");
    expect(categoryKeyOf("child_orphan")).toBe("child_orphan");
    expect(categoryKeyOf("特困")).toBeNull();
    expect(categoryKeyOf("五保户")).toBeNull();
  });
});
