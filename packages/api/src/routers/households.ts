import { HOUSEHOLD_RELATIONS, ZGuardianRelationSchema } from "@shegong/domain";
import { z } from "zod";
import { addGuardian, removeGuardian } from "../registry/guardians.ts";
import { addHouseholdMember, createHousehold, getHousehold, removeHouseholdMember } from "../registry/households.ts";
import { inRegistry } from "../shared/in-registry.ts";
import { once, ZIdempotencyKeySchema } from "../shared/idempotency.ts";
import { auditFrom, authedProcedure, router } from "../trpc.ts";

const station = z.object({ stationId: z.uuid() });
const read = authedProcedure.meta({ access: "station", permission: "workspace.read" });
const write = authedProcedure.meta({ access: "station", permission: "workspace.write", write: true });
const ZMemberRelation = z.enum(HOUSEHOLD_RELATIONS.filter((r) => r !== "head") as [Exclude<(typeof HOUSEHOLD_RELATIONS)[number], "head">, ...Exclude<(typeof HOUSEHOLD_RELATIONS)[number], "head">[]]);

/** Households (户) and guardians: family structure (R9, R10) kept once and read everywhere. */
export const householdsRouter = router({
  get: read.input(station.extend({ householdId: z.uuid() })).query(({ ctx, input }) => ctx.tx((tx) => getHousehold(tx, input.stationId, input.householdId))),

  create: write
    .input(
      station.extend({
        headPersonId: z.uuid(),
        villageCode: z.string().regex(/^\d{12}$/).nullable().optional(),
        address: z.string().trim().max(200).optional(),
        note: z.string().trim().max(500).optional(),
        idempotencyKey: ZIdempotencyKeySchema,
      }),
    )
    .mutation(({ ctx, input }) =>
      inRegistry(ctx, input.stationId, (tx, registry) =>
        once(tx, { userId: ctx.userId, key: input.idempotencyKey, procedure: "households.create", input }, async () => {
          const result = await createHousehold(tx, registry, input);
          await auditFrom(ctx, input.stationId)(tx, { action: "household.create", target: result.householdId });
          return result;
        }),
      ),
    ),

  addMember: write
    .input(station.extend({ householdId: z.uuid(), personId: z.uuid(), relation: ZMemberRelation }))
    .mutation(({ ctx, input }) =>
      inRegistry(ctx, input.stationId, async (tx, registry) => {
        await addHouseholdMember(tx, registry, input.householdId, input.personId, input.relation);
        await auditFrom(ctx, input.stationId)(tx, { action: "household.member.add", target: input.householdId, detail: { personId: input.personId } });
        return getHousehold(tx, input.stationId, input.householdId);
      }),
    ),

  removeMember: write
    .input(station.extend({ householdId: z.uuid(), personId: z.uuid() }))
    .mutation(({ ctx, input }) =>
      inRegistry(ctx, input.stationId, async (tx, registry) => {
        await removeHouseholdMember(tx, registry, input.householdId, input.personId);
        await auditFrom(ctx, input.stationId)(tx, { action: "household.member.remove", target: input.householdId, detail: { personId: input.personId } });
        return getHousehold(tx, input.stationId, input.householdId);
      }),
    ),

  addGuardian: write
    .input(
      station.extend({
        childId: z.uuid(),
        guardianPersonId: z.uuid().nullable().optional(),
        name: z.string().trim().min(1).max(40),
        relation: ZGuardianRelationSchema,
        phone: z.string().trim().max(20).nullable().optional(),
        note: z.string().trim().max(500).optional(),
        idempotencyKey: ZIdempotencyKeySchema,
      }),
    )
    .mutation(({ ctx, input }) =>
      inRegistry(ctx, input.stationId, (tx, registry) =>
        once(tx, { userId: ctx.userId, key: input.idempotencyKey, procedure: "households.addGuardian", input }, async () => {
          const result = await addGuardian(tx, registry, input.childId, input);
          await auditFrom(ctx, input.stationId)(tx, { action: "guardian.add", target: input.childId });
          return result;
        }),
      ),
    ),

  removeGuardian: write
    .input(station.extend({ childId: z.uuid(), guardianId: z.uuid() }))
    .mutation(({ ctx, input }) =>
      inRegistry(ctx, input.stationId, async (tx, registry) => {
        await removeGuardian(tx, registry, input.childId, input.guardianId);
        await auditFrom(ctx, input.stationId)(tx, { action: "guardian.remove", target: input.childId });
        return { ok: true as const };
      }),
    ),
});
