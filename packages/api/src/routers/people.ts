import {
  PERSON_EVENT_KINDS,
  todayInShanghai,
  ZCategoryKeySchema,
  ZIsoDateSchema,
  ZPersonInputSchema,
  ZPersonUpdateSchema,
} from "@shegong/domain";
import { z } from "zod";
import { once, ZIdempotencyKeySchema } from "../shared/idempotency.ts";
import { auditFrom, authedProcedure, router } from "../trpc.ts";
import { inRegistry } from "../shared/in-registry.ts";
import { countByCategory, findPeople, listDuplicateFlags } from "../registry/find-people.ts";
import { getPerson } from "../registry/get-person.ts";
import { addCategory, endCategory } from "../registry/person-categories.ts";
import { recordLifeEvent } from "../registry/person-lifecycle.ts";
import { registerPerson } from "../registry/register-person.ts";
import { revealCitizenId } from "../registry/reveal-citizen-id.ts";
import { updatePerson } from "../registry/update-person.ts";

const station = z.object({ stationId: z.uuid() });
const ZCategoryEntry = z.object({
  category: ZCategoryKeySchema,
  startDate: ZIsoDateSchema,
  source: z.string().trim().max(100).optional(),
  note: z.string().trim().max(500).optional(),
});

const read = authedProcedure.meta({ access: "station", permission: "workspace.read" });
const write = authedProcedure.meta({ access: "station", permission: "workspace.write", write: true });

/** The service-recipient registry (issue 3, R9–R12): people, their categories and life events. */
export const peopleRouter = router({
  /**
   * For the county bureau (and township): ID numbers registered at two stations under its division,
   * as pairs of stations only — no names, no numbers (issue 3 item 4).
   */
  duplicateFlags: authedProcedure
    .meta({ access: "division", permission: "workspace.read" })
    .input(z.object({ divisionCode: z.string() }))
    .query(({ ctx, input }) => ctx.tx((tx) => listDuplicateFlags(tx, input.divisionCode))),

  list: read
    .input(
      station.extend({
        query: z.string().trim().max(40).optional(),
        villageCode: z.string().regex(/^\d{12}$/).optional(),
        category: ZCategoryKeySchema.optional(),
        asOf: ZIsoDateSchema.optional(),
        includeInactive: z.boolean().default(false),
        page: z.number().int().min(1).default(1),
        pageSize: z.number().int().min(1).max(200).default(50),
      }),
    )
    .query(({ ctx, input }) => ctx.tx((tx) => findPeople(tx, { ...input, cipher: ctx.pii, asOf: input.asOf ?? todayInShanghai() }))),

  counts: read
    .input(station.extend({ asOf: ZIsoDateSchema.optional() }))
    .query(({ ctx, input }) => ctx.tx((tx) => countByCategory(tx, input.stationId, input.asOf ?? todayInShanghai()))),

  get: read
    .input(station.extend({ personId: z.uuid() }))
    .query(({ ctx, input }) => ctx.tx((tx) => getPerson(tx, input.stationId, input.personId, todayInShanghai()))),

  create: write
    .input(station.extend({ person: ZPersonInputSchema, categories: z.array(ZCategoryEntry).max(13).default([]), idempotencyKey: ZIdempotencyKeySchema }))
    .mutation(({ ctx, input }) =>
      inRegistry(ctx, input.stationId, (tx, registry) =>
        once(tx, { userId: ctx.userId, key: input.idempotencyKey, procedure: "people.create", input }, async () => {
          const created = await registerPerson(tx, registry, input.person);
          for (const entry of input.categories) await addCategory(tx, registry, created.personId, entry);
          await auditFrom(ctx, input.stationId)(tx, { action: "person.create", target: created.personId });
          return created;
        }),
      ),
    ),

  update: write
    .input(station.extend({ personId: z.uuid(), version: z.number().int().min(1), person: ZPersonUpdateSchema }))
    .mutation(({ ctx, input }) =>
      inRegistry(ctx, input.stationId, async (tx, registry) => {
        const result = await updatePerson(tx, registry, input.personId, input.person, input.version);
        await auditFrom(ctx, input.stationId)(tx, { action: "person.update", target: input.personId, detail: { fields: result.changed } });
        return result;
      }),
    ),

  revealId: authedProcedure
    .meta({ access: "station", permission: "person.id.reveal", write: true })
    .input(station.extend({ personId: z.uuid(), reason: z.string().trim().min(2).max(200) }))
    .mutation(({ ctx, input }) =>
      inRegistry(ctx, input.stationId, (tx, registry) =>
        revealCitizenId(tx, registry, input.personId, input.reason, { username: ctx.session.user.username, ip: ctx.ip }),
      ),
    ),

  addCategory: write
    .input(station.extend({ personId: z.uuid() }).extend(ZCategoryEntry.shape))
    .mutation(({ ctx, input }) =>
      inRegistry(ctx, input.stationId, async (tx, registry) => {
        const result = await addCategory(tx, registry, input.personId, input);
        await auditFrom(ctx, input.stationId)(tx, { action: "person.category.enter", target: input.personId, detail: { category: input.category } });
        return result;
      }),
    ),

  endCategory: write
    .input(station.extend({ personId: z.uuid(), categoryEntryId: z.uuid(), endDate: ZIsoDateSchema, reason: z.string().trim().min(1).max(200) }))
    .mutation(({ ctx, input }) =>
      inRegistry(ctx, input.stationId, async (tx, registry) => {
        await endCategory(tx, registry, input.personId, input.categoryEntryId, input.endDate, input.reason);
        await auditFrom(ctx, input.stationId)(tx, { action: "person.category.leave", target: input.personId });
        return { ok: true as const };
      }),
    ),

  recordLifeEvent: write
    .input(
      station.extend({
        personId: z.uuid(),
        kind: z.enum(["died", "moved_out", "moved_in"] as const satisfies readonly (typeof PERSON_EVENT_KINDS)[number][]),
        date: ZIsoDateSchema,
        note: z.string().trim().max(500).optional(),
      }),
    )
    .mutation(({ ctx, input }) =>
      inRegistry(ctx, input.stationId, async (tx, registry) => {
        await recordLifeEvent(tx, registry, input.personId, { kind: input.kind, date: input.date, note: input.note });
        await auditFrom(ctx, input.stationId)(tx, { action: `person.${input.kind}`, target: input.personId });
        return { ok: true as const };
      }),
    ),
});
