import { describe, expect, it } from "vitest";
import { labelOf } from "../registry/vocab.ts";
import {
  checkVisitDate,
  GUARDIANSHIP_STATE_LABELS,
  riskNeedsFollowUp,
  ZVisitFindingsSchema,
  ZVisitInputSchema,
  type TVisitInputDraft,
} from "./findings.ts";

const PERSON = "0b9e4d1c-3f7a-4e2b-9c8d-1a2b3c4d5e6f";
const HOUSEHOLD = "6a1f2e3d-4c5b-4a69-8778-9f8e7d6c5b4a";
const WORKER_A = "9d2c7e6a-1b3f-4c5d-8e9f-0a1b2c3d4e5f";
const WORKER_B = "1e2d3c4b-5a69-4788-97a6-b5c4d3e2f1a0";

const visit = (overrides: Partial<TVisitInputDraft> = {}): TVisitInputDraft => ({
  visitedOn: "2025-03-10",
  kind: "patrol",
  mode: "home",
  durationMinutes: 40,
  subject: { personId: PERSON },
  workerUserIds: [WORKER_A],
  area: "elderly",
  ...overrides,
});

const issuePaths = (input: unknown) =>
  ZVisitInputSchema.safeParse(input).error?.issues.map((issue) => issue.path.join(".")) ?? [];

const fullBarthel = {
  feeding: 10,
  bathing: 0,
  grooming: 5,
  dressing: 5,
  bowels: 10,
  bladder: 5,
  toiletUse: 5,
  transfers: 10,
  mobility: 10,
  stairs: 0,
};

describe("ZVisitInputSchema (issue 4 item 2)", () => {
  it("accepts a minimal visit and fills risk and findings", () => {
    const parsed = ZVisitInputSchema.parse(visit());
    expect(parsed.risk).toBe("none");
    expect(parsed.findings).toEqual({});
    expect(parsed.riskNote).toBeUndefined();
  });

  it("takes a household as the subject, but not both or neither", () => {
    expect(issuePaths(visit({ subject: { householdId: HOUSEHOLD } }))).toEqual([]);
    expect(issuePaths(visit({ subject: { personId: PERSON, householdId: HOUSEHOLD } as never }))).toEqual(["subject"]);
    expect(issuePaths(visit({ subject: {} as never }))).toEqual(["subject"]);
    expect(issuePaths(visit({ subject: { personId: "not-a-uuid" } }))).toEqual(["subject.personId"]);
    expect(ZVisitInputSchema.safeParse(visit({ subject: {} as never })).error?.issues[0]?.message).toBe(
      "须选择一名服务对象或一户家庭 / Choose either one person or one household",
    );
  });

  it("needs one to five distinct workers", () => {
    expect(issuePaths(visit({ workerUserIds: [] }))).toEqual(["workerUserIds"]);
    expect(issuePaths(visit({ workerUserIds: [WORKER_A, WORKER_B] }))).toEqual([]);
    expect(issuePaths(visit({ workerUserIds: [WORKER_A, WORKER_A] }))).toEqual(["workerUserIds"]);
    expect(issuePaths(visit({ workerUserIds: Array.from({ length: 6 }, (_, i) => `${WORKER_A.slice(0, -1)}${i}`) }))).toEqual([
      "workerUserIds",
    ]);
  });

  it.each([0, 601, 30.5])("refuses a duration of %d minutes (issue 4 item 7)", (durationMinutes) => {
    expect(issuePaths(visit({ durationMinutes }))).toEqual(["durationMinutes"]);
  });

  it("refuses a date that is not a real date", () => {
    expect(issuePaths(visit({ visitedOn: "2025-02-29" }))).toEqual(["visitedOn"]);
  });

  it("requires a risk note for medium and high risk, so the alerted supervisor knows what it is", () => {
    expect(issuePaths(visit({ risk: "low" }))).toEqual([]);
    expect(issuePaths(visit({ risk: "medium" }))).toEqual(["riskNote"]);
    expect(issuePaths(visit({ risk: "high", riskNote: "   " }))).toEqual(["riskNote"]);
    expect(issuePaths(visit({ risk: "high", riskNote: "独居，近日跌倒两次" }))).toEqual([]);
    const message = ZVisitInputSchema.safeParse(visit({ risk: "high" })).error?.issues[0]?.message;
    expect(message).toBe("风险等级为中或高时须填写风险说明 / Describe the risk when it is medium or high");
  });

  it("makes household investigations in person (R11 入户调查)", () => {
    expect(issuePaths(visit({ kind: "household_investigation", mode: "phone", area: "assistance" }))).toEqual(["mode"]);
    expect(issuePaths(visit({ kind: "household_investigation", mode: "home", area: "assistance" }))).toEqual([]);
    expect(issuePaths(visit({ kind: "follow_up", mode: "phone", area: "children" }))).toEqual([]);
  });

  it("limits the summary to 2000 characters", () => {
    expect(issuePaths(visit({ summary: "好".repeat(2000) }))).toEqual([]);
    expect(issuePaths(visit({ summary: "好".repeat(2001) }))).toEqual(["summary"]);
  });
});

describe("ZVisitFindingsSchema", () => {
  it("keeps structured findings per area", () => {
    const parsed = ZVisitFindingsSchema.parse({
      health: "高血压，按时服药",
      elderly: { barthel: fullBarthel },
      children: { guardianship: "weak", schooling: "in_school", safety: "家中有未加盖水井" },
      assistance: { economicSurvey: { members: 2, monthlyIncomeFen: { pensions: 30_000 } } },
    });
    expect(parsed.elderly?.barthel?.stairs).toBe(0);
    expect(parsed.children?.guardianship).toBe("weak");
    expect(parsed.assistance?.economicSurvey?.monthlyIncomeFen.wages).toBe(0);
  });

  it("reports errors inside a part at their full path", () => {
    const result = ZVisitInputSchema.safeParse(visit({ findings: { elderly: { barthel: { ...fullBarthel, mobility: 20 } } } }));
    expect(result.error?.issues.map((issue) => issue.path.join("."))).toEqual(["findings.elderly.barthel.mobility"]);
  });

  it("folds each line of free text, keeps line breaks, and limits each field to 1000 characters", () => {
    const parsed = ZVisitFindingsSchema.parse({ livingConditions: "　房屋漏雨\r\n 需修缮 ", needs: "" });
    expect(parsed.livingConditions).toBe("房屋漏雨\n需修缮");
    expect(parsed.needs).toBeUndefined();
    expect(ZVisitFindingsSchema.safeParse({ mentalState: "好".repeat(1001) }).success).toBe(false);
  });

  it("names guardianship as R10 follow-ups do", () => {
    expect(labelOf(GUARDIANSHIP_STATE_LABELS, "absent", "zh-CN")).toBe("无人监护");
    expect(ZVisitFindingsSchema.safeParse({ children: { guardianship: "unknown" } }).success).toBe(false);
  });
});

describe("riskNeedsFollowUp", () => {
  it("is true for medium and high only", () => {
    expect((["none", "low", "medium", "high"] as const).map(riskNeedsFollowUp)).toEqual([false, false, true, true]);
  });
});

describe("checkVisitDate", () => {
  it("accepts today and earlier, refuses tomorrow", () => {
    expect(checkVisitDate("2025-03-10", "2025-03-10")).toBeNull();
    expect(checkVisitDate("2024-12-31", "2025-01-01")).toBeNull();
    expect(checkVisitDate("2025-01-01", "2024-12-31")).toEqual({
      field: "visitedOn",
      zh: "走访日期不能晚于今天（2024-12-31）",
      en: "The visit date cannot be after today (2024-12-31)",
    });
  });

  it("throws on malformed dates rather than comparing strings", () => {
    expect(() => checkVisitDate("2025-3-1", "2025-03-10")).toThrow(RangeError);
  });
});
