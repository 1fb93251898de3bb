import { DUE_STATUSES, todayInShanghai, ZCadenceSchema, ZCategoryKeySchema, ZIsoDateSchema, ZMonthSchema, ZPersonSearchSchema, ZVisitInputSchema } from "@shegong/domain";
import { z } from "zod";
import { appError } from "../errors.ts";
import { once, ZIdempotencyKeySchema } from "../shared/idempotency.ts";
import { downloadLedger } from "../shared/ledger-download.ts";
import { actorOf } from "../shared/service-actor.ts";
import { ZLedgerPeriodSchema } from "../shared/station-procedures.ts";
import { auditFrom, authedProcedure, router } from "../trpc.ts";
import { cadenceTable, setStationCadence } from "../visits/cadence-settings.ts";
import { dueCalendar, duePage } from "../visits/due-table.ts";
import { getVisit, openRisks, stationMembers, visitsForPerson, visitsInPeriod } from "../visits/list-visits.ts";
import { acknowledgeRisk, recordVisit } from "../visits/record-visit.ts";
import { exportVisitLedger, periodRange } from "../visits/visit-ledger.ts";

const station = z.object({ stationId: z.uuid() });
const read = authedProcedure.meta({ access: "station", permission: "workspace.read" });
const write = authedProcedure.meta({ access: "station", permission: "workspace.write", write: true });

/** Field work (issue 4): visit rounds with cadence, due and overdue lists, the visit ledger. */
export const visitsRouter = router({
  /** Retries (a flaky village connection) store the visit once: the idempotency key. */
  create: write
    .input(station.extend({ visit: ZVisitInputSchema, idempotencyKey: ZIdempotencyKeySchema }))
    .mutation(({ ctx, input }) =>
      ctx.tx((tx) => once(tx, { userId: ctx.userId, key: input.idempotencyKey, procedure: "visits.create", input }, () => recordVisit(tx, actorOf(ctx, input.stationId), input.visit))),
    ),

  get: read.input(station.extend({ visitId: z.uuid() })).query(({ ctx, input }) => ctx.tx((tx) => getVisit(tx, input.stationId, input.visitId))),

  forPerson: read.input(station.extend({ personId: z.uuid() })).query(({ ctx, input }) => ctx.tx((tx) => visitsForPerson(tx, input.stationId, input.personId))),

  inPeriod: read
    .input(station.extend({ period: ZLedgerPeriodSchema }))
    .query(({ ctx, input }) => {
      const range = periodRange(input.period);
      return ctx.tx((tx) => visitsInPeriod(tx, input.stationId, range.from, range.to));
    }),

  /**
   * The due list a page at a time, most urgent first, with the count in every status: everyone
   * (`mine: false`) or the caller's own people and the unassigned; one status or all.
   */
  due: read
    .input(
      station.extend({
        mine: z.boolean().default(false),
        asOf: ZIsoDateSchema.optional(),
        status: z.enum(DUE_STATUSES).optional(),
        search: ZPersonSearchSchema.shape.query,
        offset: z.number().int().min(0).max(1_000_000).default(0),
        limit: z.number().int().min(1).max(500).default(50),
      }),
    )
    .query(({ ctx, input }) => {
      const serverToday = todayInShanghai();
      return duePage(ctx, input.stationId, {
        today: input.asOf ?? serverToday,
        serverToday,
        workerId: input.mine ? ctx.userId : undefined,
        status: input.status,
        search: input.search,
        offset: input.offset,
        limit: input.limit,
      });
    }),

  /** People falling due per day of a month (the late ones on today), for the station calendar. */
  dueByDay: read.input(station.extend({ month: ZMonthSchema })).query(({ ctx, input }) => {
    const range = periodRange({ month: input.month });
    return dueCalendar(ctx, input.stationId, { today: todayInShanghai(), from: range.from, to: range.to });
  }),

  /** Who can be named as having gone on a visit; readable by every member, unlike user administration. */
  members: read.input(station).query(({ ctx, input }) => ctx.tx((tx) => stationMembers(tx, input.stationId))),

  openRisks: read.input(station).query(({ ctx, input }) => ctx.tx((tx) => openRisks(tx, input.stationId))),

  acknowledgeRisk: write
    .input(station.extend({ visitId: z.uuid() }))
    .mutation(({ ctx, input }) =>
      ctx.tx(async (tx) => {
        await acknowledgeRisk(tx, actorOf(ctx, input.stationId), input.visitId);
        return { ok: true as const };
      }),
    ),

  assignWorker: write
    .input(station.extend({ personId: z.uuid(), workerUserId: z.uuid().nullable() }))
    .mutation(({ ctx, input }) =>
      ctx.tx(async (tx) => {
        if (input.workerUserId) {
          const member = await tx.selectFrom("role_grant").select("id").where("station_id", "=", input.stationId).where("user_id", "=", input.workerUserId).executeTakeFirst();
          if (!member) throw appError("VALIDATION", { field: "workerUserId" });
        }
        const result = await tx
          .updateTable("person")
          .set({ assigned_worker_id: input.workerUserId })
          .where("station_id", "=", input.stationId)
          .where("id", "=", input.personId)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) === 0) throw appError("NOT_FOUND");
        await auditFrom(ctx, input.stationId)(tx, { action: "person.assign", target: input.personId, detail: { workerUserId: input.workerUserId } });
        return { ok: true as const };
      }),
    ),

  /** 巡访台账 for a month or quarter; every export is audited. */
  ledger: authedProcedure
    .meta({ access: "station", permission: "workspace.read", write: true })
    .input(station.extend({ period: ZLedgerPeriodSchema }))
    .mutation(({ ctx, input }) =>
      downloadLedger(ctx, input.stationId, "visit.ledger.export", (tx, plaqueName) => exportVisitLedger(tx, input.stationId, plaqueName, input.period)),
    ),

  cadence: read.input(station).query(({ ctx, input }) => ctx.tx((tx) => cadenceTable(tx, input.stationId))),

  /** A station's own cadence for a category (station admins): a rule, `null` for no rounds, or "inherit". */
  setCadence: authedProcedure
    .meta({ access: "station", permission: "station.settings.edit", write: true })
    .input(station.extend({ category: ZCategoryKeySchema, rule: z.union([ZCadenceSchema, z.null(), z.literal("inherit")]) }))
    .mutation(({ ctx, input }) =>
      ctx.tx(async (tx) => {
        await setStationCadence(tx, input.stationId, input.category, input.rule, ctx.userId);
        await auditFrom(ctx, input.stationId)(tx, { action: "cadence.set", target: input.category, detail: { rule: input.rule } });
        return cadenceTable(tx, input.stationId);
      }),
    ),
});
