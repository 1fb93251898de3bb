import { todayInShanghai } from "@shegong/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { refreshDirtyRollups } from "../src/reporting/refresh-rollups.ts";
import { agreementInput, contractorInput, creditCode } from "./governance-fixtures.ts";
import { createWorld, type World } from "./world.ts";

const key = () => `k${Math.random().toString(36).slice(2, 12)}`;
const appCodeOf = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: { appCode?: string; cause?: unknown }) => e.appCode ?? (e.cause instanceof ZodError ? "VALIDATION" : "NO_APP_CODE"),
  );

describe("governance (issue 5 items 1–3): contractors, agreements and filing, funds", () => {
  let world: World;
  let contractorId: string;
  let agreementId: string;
  const station = () => world.stations.a;

  beforeAll(async () => {
    world = await createWorld();
  }, 120_000);
  afterAll(() => world?.close());

  async function auditActions(stationId: string | null) {
    const rows = await world.dbs.owner.db
      .selectFrom("audit_event")
      .select(["action", "detail"])
      .where("station_id", "=", stationId ?? "00000000-0000-0000-0000-000000000000")
      .orderBy("seq")
      .execute();
    return rows;
  }

  describe("contractors (R3, R6)", () => {
    it("the city bureau registers a contractor once per key, validated and audited", async () => {
      const city = await world.as("city.sup");
      const input = { divisionCode: "652301", contractor: contractorInput(1), idempotencyKey: key() };
      const created = await city.contractors.create(input);
      expect(await city.contractors.create(input)).toEqual(created);
      contractorId = created.contractorId;
      const list = await city.contractors.list({ divisionCode: "652301" });
      expect(list.find((c) => c.id === contractorId)).toMatchObject({ creditCode: creditCode(1), incubationStatus: "incubating", scopeIncludesSocialWork: true, editable: true });
      expect((await auditActions(null)).some((e) => e.action === "contractor.create")).toBe(true);
    });

    it("refuses a scope without social work, a wrong check character and a duplicate code", async () => {
      const city = await world.as("city.sup");
      expect(await appCodeOf(city.contractors.create({ divisionCode: "652301", contractor: contractorInput(2, { businessScope: "养老服务；家政服务" }), idempotencyKey: key() }))).toBe("CONTRACTOR_SCOPE");
      const bad = creditCode(3).slice(0, 17) + (creditCode(3).endsWith("0") ? "1" : "0");
      expect(await appCodeOf(city.contractors.create({ divisionCode: "652301", contractor: contractorInput(3, { creditCode: bad }), idempotencyKey: key() }))).toBe("VALIDATION");
      expect(await appCodeOf(city.contractors.create({ divisionCode: "652301", contractor: contractorInput(4, { creditCode: creditCode(1) }), idempotencyKey: key() }))).toBe("CONTRACTOR_EXISTS");
      // Registered in another county: not this bureau's to register.
      expect(await appCodeOf(city.contractors.create({ divisionCode: "652301", contractor: contractorInput(5, { divisionCode: "652302" }), idempotencyKey: key() }))).toBe("FORBIDDEN");
      // Workers and townships keep no registry.
      expect(await appCodeOf((await world.as("town.a")).contractors.create({ divisionCode: "652301105", contractor: contractorInput(6), idempotencyKey: key() }))).toBe("FORBIDDEN");
    });

    it("moves incubation on (R3), and refuses an edit that drops social work", async () => {
      const pref = await world.as("changji.pref");
      const updated = await pref.contractors.update({ divisionCode: "6523", contractorId, contractor: contractorInput(1, { incubationStatus: "graduated" }) });
      expect(updated.incubationStatus).toBe("graduated");
      expect(await appCodeOf(pref.contractors.update({ divisionCode: "6523", contractorId, contractor: contractorInput(1, { businessScope: "技能培训" }) }))).toBe("CONTRACTOR_SCOPE");
      expect(await appCodeOf((await world.as("ili.pref")).contractors.update({ divisionCode: "6540", contractorId, contractor: contractorInput(1) }))).toBe("NOT_FOUND");
    });

    it("the bureau assigns stations; the contractor's admin sees every station it runs", async () => {
      const city = await world.as("city.sup");
      await city.contractors.assignStation({ stationId: world.stations.a, contractorId });
      await city.contractors.assignStation({ stationId: world.stations.b, contractorId });
      // The world's contractor admin is moved to the registered organization before its first login here.
      await world.dbs.owner.db.updateTable("role_grant").set({ contractor_id: contractorId }).where("contractor_id", "=", world.contractorId).execute();
      const contractorAdmin = await world.as("contractor.a");
      const mine = await contractorAdmin.contractors.mine();
      expect(mine.map((c) => c.id)).toEqual([contractorId]);
      expect(mine[0]?.stations.map((s) => s.id).sort()).toEqual([world.stations.a, world.stations.b].sort());
      expect(await contractorAdmin.agreements.list({ stationId: world.stations.b })).toEqual([]);
      expect(await appCodeOf(contractorAdmin.agreements.list({ stationId: world.stations.ili }))).toBe("FORBIDDEN");
      const legacy = await world.dbs.owner.db.insertInto("contractor").values({ name: "无社工业务机构", credit_code: null, business_scope: "家政服务" }).returning("id").executeTakeFirstOrThrow();
      expect(await appCodeOf(city.contractors.assignStation({ stationId: world.stations.a, contractorId: legacy.id }))).toBe("CONTRACTOR_SCOPE");
    });
  });

  describe("agreements and filing (R13–R15, R17)", () => {
    it("creates an agreement with the default period to 31 December, funding that adds up, once per key", async () => {
      const admin = await world.as("a.admin");
      const input = { stationId: station(), agreement: agreementInput(contractorId), idempotencyKey: key() };
      const created = await admin.agreements.create(input);
      expect(await admin.agreements.create(input)).toEqual(created);
      agreementId = created.agreementId;
      const got = await admin.agreements.get({ stationId: station(), agreementId });
      expect(got).toMatchObject({ serviceStart: "2026-03-15", serviceEnd: "2026-12-31", amountFen: 30_000_000, status: "draft", staffingRequired: 3, contractor: { id: contractorId } });
      expect(got.deliverables).toHaveLength(3);
      expect(await appCodeOf(admin.agreements.create({ stationId: station(), agreement: agreementInput(contractorId, { amountFen: 30_000_001 }), idempotencyKey: key() }))).toBe("VALIDATION");
      expect(await appCodeOf(admin.agreements.create({ stationId: station(), agreement: agreementInput(contractorId, { amountFen: 300000.5 }), idempotencyKey: key() }))).toBe("VALIDATION");
      // The worker reads but does not sign agreements.
      expect(await appCodeOf((await world.as("a.worker")).agreements.create({ stationId: station(), agreement: agreementInput(contractorId), idempotencyKey: key() }))).toBe("FORBIDDEN");
    });

    it("submitted → returned with comments → corrected and resubmitted → acknowledged and frozen, every step audited", async () => {
      const admin = await world.as("a.admin");
      const pref = await world.as("changji.pref");
      expect(await appCodeOf(pref.agreements.acknowledge({ stationId: station(), agreementId }))).toBe("AGREEMENT_STATUS");
      expect(await admin.agreements.submit({ stationId: station(), agreementId })).toEqual({ status: "submitted" });
      expect(await appCodeOf(admin.agreements.update({ stationId: station(), agreementId, agreement: agreementInput(contractorId) }))).toBe("AGREEMENT_STATUS");
      // The station side cannot file its own agreement.
      expect(await appCodeOf(admin.agreements.acknowledge({ stationId: station(), agreementId }))).toBe("FORBIDDEN");
      const desk = await pref.agreements.filings({ divisionCode: "6523" });
      expect(desk.map((f) => f.agreementId)).toContain(agreementId);
      await pref.agreements.returnWithComments({ stationId: station(), agreementId, filing: { comment: "请补充驻站人员名单" } });
      const returned = await admin.agreements.get({ stationId: station(), agreementId });
      expect(returned).toMatchObject({ status: "returned", filingComment: "请补充驻站人员名单" });
      await admin.agreements.update({ stationId: station(), agreementId, agreement: agreementInput(contractorId, { staffingRequired: 4 }) });
      await admin.agreements.submit({ stationId: station(), agreementId });
      await pref.agreements.acknowledge({ stationId: station(), agreementId });
      const filed = await admin.agreements.get({ stationId: station(), agreementId });
      expect(filed).toMatchObject({ status: "acknowledged", staffingRequired: 4 });
      expect(filed.events.map((e) => e.kind)).toEqual(["created", "submitted", "returned", "updated", "submitted", "acknowledged"]);
      expect(await appCodeOf(admin.agreements.update({ stationId: station(), agreementId, agreement: agreementInput(contractorId) }))).toBe("AGREEMENT_STATUS");
      expect(await appCodeOf(admin.agreements.submit({ stationId: station(), agreementId }))).toBe("AGREEMENT_STATUS");
      const actions = (await auditActions(station())).map((e) => e.action);
      for (const a of ["agreement.created", "agreement.submitted", "agreement.returned", "agreement.updated", "agreement.acknowledged"]) expect(actions).toContain(a);
    });

    it("attaches the signed document to the agreement", async () => {
      const admin = await world.as("a.admin");
      const pdf = Buffer.from("%PDF-1.4\n% signed agreement\n").toString("base64");
      const { attachmentId } = await admin.attachments.upload({
        stationId: station(),
        file: { ownerKind: "agreement", ownerId: agreementId, kind: "signed_form", fileName: "协议.pdf", fileBase64: pdf },
        idempotencyKey: key(),
      });
      expect((await admin.attachments.list({ stationId: station(), ownerKind: "agreement", ownerId: agreementId })).map((a) => a.id)).toEqual([attachmentId]);
    });
  });

  describe("funds (R14, R15)", () => {
    it("allocations, disbursements and spending give the balances", async () => {
      const town = await world.as("town.a");
      const admin = await world.as("a.admin");
      await town.funds.allocate({ stationId: station(), agreementId, allocation: { source: "region_pilot", amountFen: 20_000_000, allocatedOn: "2026-03-20", documentNo: "新民发〔2026〕1号" }, idempotencyKey: key() });
      await town.funds.allocate({ stationId: station(), agreementId, allocation: { source: "assistance_share", amountFen: 5_000_000, allocatedOn: "2026-04-01" }, idempotencyKey: key() });
      const pay = { stationId: station(), agreementId, disbursement: { amountFen: 15_000_000, paidOn: "2026-04-10", voucherNo: "PZ-001" }, idempotencyKey: key() };
      await town.funds.disburse(pay);
      await town.funds.disburse(pay); // a retry pays once
      await admin.funds.spend({ stationId: station(), agreementId, spending: { category: "personnel", amountFen: 6_000_000, spentOn: "2026-05-01", description: "4月驻站社工工资" }, idempotencyKey: key() });
      await admin.funds.spend({ stationId: station(), agreementId, spending: { category: "activities", amountFen: 1_234_567, spentOn: "2026-05-02", description: "重阳节活动" }, idempotencyKey: key() });
      const ledger = await admin.funds.ledger({ stationId: station(), agreementId });
      expect(ledger.balances).toEqual({ allocatedFen: 25_000_000, disbursedFen: 15_000_000, spentFen: 7_234_567, undisbursedFen: 10_000_000, unspentFen: 7_765_433 });
      expect(ledger.bySource).toEqual([
        { source: "region_pilot", plannedFen: 20_000_000, allocatedFen: 20_000_000 },
        { source: "assistance_share", plannedFen: 10_000_000, allocatedFen: 5_000_000 },
      ]);
      expect(ledger.byCategory.find((c) => c.category === "activities")?.spentFen).toBe(1_234_567);
      // The contractor records spending, not payments to itself.
      expect(await appCodeOf(admin.funds.disburse({ ...pay, idempotencyKey: key() }))).toBe("FORBIDDEN");
    });

    it("the month's allocations, payments and spending reach the reporting rollups (issue 7)", async () => {
      while ((await refreshDirtyRollups(world.dbs.app.db, { today: todayInShanghai() })).stations > 0);
      const own = await (await world.as("a.admin")).reporting.station({ stationId: station(), month: "2026-05", months: 3 });
      expect(own.months.map((m) => m.values["funds.allocated_fen"])).toEqual([{ region_pilot: 20_000_000 }, { assistance_share: 5_000_000 }, undefined]);
      expect(own.months.map((m) => m.values["funds.disbursed_fen"])).toEqual([undefined, { "": 15_000_000 }, undefined]);
      expect(own.months.at(-1)?.values["funds.spent_fen"]).toEqual({ personnel: 6_000_000, activities: 1_234_567 });
      // Money is not a count of people: above the station it is shown whole, never "<5".
      const prefecture = await (await world.as("changji.pref")).reporting.division({ divisionCode: "6523", month: "2026-04" });
      expect(prefecture.total["funds.disbursed_fen"]).toEqual({ "": 15_000_000 });
    });

    it("refuses paying beyond the allocation, unless the city bureau overrides with a reason, audited", async () => {
      const town = await world.as("town.a");
      const city = await world.as("city.sup");
      const over = { amountFen: 10_000_001, paidOn: "2026-06-01", voucherNo: "PZ-002" };
      expect(await appCodeOf(town.funds.disburse({ stationId: station(), agreementId, disbursement: over, idempotencyKey: key() }))).toBe("FUNDS_OVER_ALLOCATION");
      // Only funds.override (the city bureau) may pay beyond the allocation.
      expect(await appCodeOf(town.funds.disburse({ stationId: station(), agreementId, disbursement: { ...over, override: { reason: "先行垫付" } }, idempotencyKey: key() }))).toBe("FUNDS_OVERRIDE_FORBIDDEN");
      const paid = await city.funds.disburse({ stationId: station(), agreementId, disbursement: { ...over, override: { reason: "自治区资金未到位，经局务会研究先行拨付" } }, idempotencyKey: key() });
      expect(paid.overAllocationFen).toBe(1);
      const ledger = await city.funds.ledger({ stationId: station(), agreementId });
      expect(ledger.balances.undisbursedFen).toBe(-1);
      expect(ledger.disbursements.find((d) => d.id === paid.disbursementId)).toMatchObject({ overAllocationFen: 1, overrideReason: "自治区资金未到位，经局务会研究先行拨付" });
      const override = (await auditActions(station())).find((e) => e.action === "funds.disbursement.override");
      expect(override?.detail).toMatchObject({ overByFen: 1, reason: "自治区资金未到位，经局务会研究先行拨付" });
    });

    it("the city bureau's supervision view shows per-station aggregates only", async () => {
      const rows = await (await world.as("city.sup")).funds.supervision({ divisionCode: "652301" });
      const a = rows.find((r) => r.stationId === station());
      expect(a).toMatchObject({ agreements: 1, filedAgreements: 1, agreedFen: 30_000_000, allocatedFen: 25_000_000, disbursedFen: 25_000_001, spentFen: 7_234_567, overrides: 1 });
      expect(Object.keys(a ?? {}).sort()).toEqual(
        ["agreedFen", "agreements", "allocatedFen", "disbursedFen", "divisionCode", "filedAgreements", "overrides", "plaqueName", "spentFen", "stationId", "undisbursedFen", "unspentFen"].sort(),
      );
      expect(await appCodeOf((await world.as("town.a")).funds.supervision({ divisionCode: "652301105" }))).toBe("FORBIDDEN");
    });
  });
});
