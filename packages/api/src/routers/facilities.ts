import { HOUSE_RULES, ZEquipmentSchema, ZHouseRuleRevisionSchema, ZOfficeAreaSchema, ZRoomSchema, ZSignSchema } from "@shegong/domain";
import { z } from "zod";
import { houseRuleHistory, reviseHouseRule } from "../facilities/house-rules.ts";
import { readinessPanel } from "../facilities/readiness-panel.ts";
import { addListed, facilityOverview, removeListed, setOfficeArea, updateListed } from "../facilities/station-facilities.ts";
import { once, ZIdempotencyKeySchema } from "../shared/idempotency.ts";
import { actorOf } from "../shared/service-actor.ts";
import { stationInput, stationRead } from "../shared/station-procedures.ts";
import { authedProcedure, router } from "../trpc.ts";

// The station head and the contractor keep the facilities; supervisors read them (workspace.read).
const manage = authedProcedure.meta({ access: "station", permission: "facilities.manage", write: true });
const created = stationInput.extend({ idempotencyKey: ZIdempotencyKeySchema });

/** Facilities, signage and house rules (issue 5 item 5, R4, R5, R8) and the readiness checklist. */
export const facilitiesRouter = router({
  overview: stationRead.input(stationInput).query(({ ctx, input }) => ctx.tx((tx) => facilityOverview(tx, input.stationId))),

  setOfficeArea: manage
    .input(stationInput.extend({ area: ZOfficeAreaSchema }))
    .mutation(({ ctx, input }) => ctx.tx((tx) => setOfficeArea(tx, actorOf(ctx, input.stationId), input.area))),

  addRoom: manage
    .input(created.extend({ room: ZRoomSchema }))
    .mutation(({ ctx, input }) =>
      ctx.tx((tx) => once(tx, { userId: ctx.userId, key: input.idempotencyKey, procedure: "facilities.addRoom", input }, () => addListed(tx, actorOf(ctx, input.stationId), "room", input.room))),
    ),
  updateRoom: manage
    .input(stationInput.extend({ roomId: z.uuid(), room: ZRoomSchema }))
    .mutation(({ ctx, input }) => ctx.tx((tx) => updateListed(tx, actorOf(ctx, input.stationId), "room", input.roomId, input.room))),
  removeRoom: manage
    .input(stationInput.extend({ roomId: z.uuid() }))
    .mutation(({ ctx, input }) => ctx.tx((tx) => removeListed(tx, actorOf(ctx, input.stationId), "room", input.roomId))),

  addEquipment: manage
    .input(created.extend({ equipment: ZEquipmentSchema }))
    .mutation(({ ctx, input }) =>
      ctx.tx((tx) =>
        once(tx, { userId: ctx.userId, key: input.idempotencyKey, procedure: "facilities.addEquipment", input }, () => addListed(tx, actorOf(ctx, input.stationId), "equipment", input.equipment)),
      ),
    ),
  updateEquipment: manage
    .input(stationInput.extend({ equipmentId: z.uuid(), equipment: ZEquipmentSchema }))
    .mutation(({ ctx, input }) => ctx.tx((tx) => updateListed(tx, actorOf(ctx, input.stationId), "equipment", input.equipmentId, input.equipment))),
  removeEquipment: manage
    .input(stationInput.extend({ equipmentId: z.uuid() }))
    .mutation(({ ctx, input }) => ctx.tx((tx) => removeListed(tx, actorOf(ctx, input.stationId), "equipment", input.equipmentId))),

  /** A plaque or mark; its photos go through attachments.upload with ownerKind 'station_sign'. */
  addSign: manage
    .input(created.extend({ sign: ZSignSchema }))
    .mutation(({ ctx, input }) =>
      ctx.tx((tx) => once(tx, { userId: ctx.userId, key: input.idempotencyKey, procedure: "facilities.addSign", input }, () => addListed(tx, actorOf(ctx, input.stationId), "sign", input.sign))),
    ),
  updateSign: manage
    .input(stationInput.extend({ signId: z.uuid(), sign: ZSignSchema }))
    .mutation(({ ctx, input }) => ctx.tx((tx) => updateListed(tx, actorOf(ctx, input.stationId), "sign", input.signId, input.sign))),
  removeSign: manage
    .input(stationInput.extend({ signId: z.uuid() }))
    .mutation(({ ctx, input }) => ctx.tx((tx) => removeListed(tx, actorOf(ctx, input.stationId), "sign", input.signId))),

  reviseHouseRule: manage
    .input(created.extend({ revision: ZHouseRuleRevisionSchema }))
    .mutation(({ ctx, input }) =>
      ctx.tx((tx) => once(tx, { userId: ctx.userId, key: input.idempotencyKey, procedure: "facilities.reviseHouseRule", input }, () => reviseHouseRule(tx, actorOf(ctx, input.stationId), input.revision))),
    ),
  houseRuleHistory: stationRead
    .input(stationInput.extend({ rule: z.enum(HOUSE_RULES) }))
    .query(({ ctx, input }) => ctx.tx((tx) => houseRuleHistory(tx, input.stationId, input.rule))),

  /** The bureaus' and township's readiness panel over the stations under a division: counts and flags, no names. */
  readiness: authedProcedure
    .meta({ access: "division", permission: "facilities.supervise" })
    .input(z.object({ divisionCode: z.string() }))
    .query(({ ctx, input }) => ctx.tx((tx) => readinessPanel(tx, input.divisionCode))),
});
