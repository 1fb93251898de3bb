import { ZStationBrandingSchema } from "@shegong/domain";
import { permissionsOnStation } from "@shegong/auth";
import { z } from "zod";
import { getWorkspace } from "../workspace/get-workspace.ts";
import { updateBranding } from "../workspace/update-branding.ts";
import { invalidatePublicPage } from "../disclosure/public-page-cache.ts";
import { auditFrom, authedProcedure, router } from "../trpc.ts";

// Loose on purpose: a file somewhat over 256 KiB reaches the domain check and gets LOGO_TOO_LARGE
// (the body limit stops anything far bigger); the domain check also judges the bytes.
const ZLogoBase64 = z.string().max(700_000).regex(/^[A-Za-z0-9+/]*={0,2}$/, { message: "logo must be base64" });

export const workspaceRouter = router({
  /** Opening a station's workspace; a supervisor's entry is audited (ARCHITECTURE: tenancy). */
  enter: authedProcedure
    .meta({ access: "station", permission: "workspace.read", write: true })
    .input(z.object({ stationId: z.uuid() }))
    .mutation(({ ctx, input }) =>
      ctx.tx(async (tx) => {
        const workspace = await getWorkspace(tx, input.stationId);
        const access = ctx.access.kind === "station" ? ctx.access : null;
        if (access?.supervisory) {
          await auditFrom(ctx, input.stationId)(tx, { action: "workspace.enter", target: access.grant.role });
        }
        // What the caller may do here, from every grant that covers the station (the UI shows only that).
        const permissions = access ? permissionsOnStation(ctx.grants, access.station) : [];
        return { ...workspace, readOnly: !access || access.supervisory, permissions };
      }),
    ),

  get: authedProcedure
    .meta({ access: "station", permission: "workspace.read" })
    .input(z.object({ stationId: z.uuid() }))
    .query(({ ctx, input }) => ctx.tx((tx) => getWorkspace(tx, input.stationId))),

  updateBranding: authedProcedure
    .meta({ access: "station", permission: "station.branding.edit", write: true })
    .input(ZStationBrandingSchema.extend({ stationId: z.uuid(), logoBase64: ZLogoBase64.nullable().optional() }))
    .mutation(async ({ ctx, input }) => {
      const workspace = await ctx.tx(async (tx) => {
        await updateBranding(tx, input.stationId, input);
        await auditFrom(ctx, input.stationId)(tx, {
          action: "station.branding",
          detail: {
            primaryColor: input.primaryColor,
            showSocialWorkMark: input.showSocialWorkMark,
            showVolunteerMark: input.showVolunteerMark,
            logo: input.logoBase64 === undefined ? "kept" : input.logoBase64 === null ? "removed" : "replaced",
          },
        });
        return getWorkspace(tx, input.stationId);
      });
      // The plaque, colours and marks are on the public page too.
      invalidatePublicPage(input.stationId);
      return workspace;
    }),
});
