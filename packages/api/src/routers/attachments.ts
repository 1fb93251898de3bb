import { ATTACHMENT_OWNER_KINDS, ZAttachmentUploadSchema } from "@shegong/domain";
import { z } from "zod";
import { attachFile, listAttachments, readAttachment, removeAttachment } from "../attachments/attachments.ts";
import { actorOf } from "../shared/service-actor.ts";
import { once, ZIdempotencyKeySchema } from "../shared/idempotency.ts";
import { authedProcedure, router } from "../trpc.ts";

const station = z.object({ stationId: z.uuid() });
const owner = station.extend({ ownerKind: z.enum(ATTACHMENT_OWNER_KINDS), ownerId: z.uuid() });

/** Photos and signed forms on station records (issue 4 item 2), stored in the file store. */
export const attachmentsRouter = router({
  /** A retried upload (a village connection that dropped the answer) is stored once. */
  upload: authedProcedure
    .meta({ access: "station", permission: "workspace.write", write: true })
    .input(station.extend({ file: ZAttachmentUploadSchema, idempotencyKey: ZIdempotencyKeySchema }))
    .mutation(({ ctx, input }) =>
      ctx.tx((tx) =>
        once(tx, { userId: ctx.userId, key: input.idempotencyKey, procedure: "attachments.upload", input }, () => attachFile(tx, ctx.files, actorOf(ctx, input.stationId), input.file)),
      ),
    ),

  list: authedProcedure
    .meta({ access: "station", permission: "workspace.read" })
    .input(owner)
    .query(({ ctx, input }) => ctx.tx((tx) => listAttachments(tx, input.stationId, input.ownerKind, input.ownerId))),

  /** The bytes of one file; a read of what may show a person, so it is audited (hence a mutation). */
  download: authedProcedure
    .meta({ access: "station", permission: "workspace.read", write: true })
    .input(station.extend({ attachmentId: z.uuid() }))
    .mutation(({ ctx, input }) => ctx.tx((tx) => readAttachment(tx, ctx.files, actorOf(ctx, input.stationId), input.attachmentId))),

  remove: authedProcedure
    .meta({ access: "station", permission: "workspace.write", write: true })
    .input(station.extend({ attachmentId: z.uuid() }))
    .mutation(({ ctx, input }) =>
      ctx.tx(async (tx) => {
        await removeAttachment(tx, actorOf(ctx, input.stationId), input.attachmentId);
        return { ok: true as const };
      }),
    ),
});
