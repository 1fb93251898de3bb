import type { Tx } from "@shegong/db";
import { checkLogo, type TStationBranding } from "@shegong/domain";
import { appError } from "../errors.ts";

export interface BrandingUpdate extends TStationBranding {
  /** base64 of the image file; null removes the logo; undefined keeps it. */
  logoBase64?: string | null;
}

/** R8: the station's own plaque colours and marks. An image is judged by its bytes, not its name. */
export async function updateBranding(tx: Tx, stationId: string, update: BrandingUpdate) {
  let logo: { logo: Uint8Array | null; logo_mime: string | null; logo_updated_at: Date } | undefined;
  if (update.logoBase64 === null) logo = { logo: null, logo_mime: null, logo_updated_at: new Date() };
  if (typeof update.logoBase64 === "string") {
    const bytes = new Uint8Array(Buffer.from(update.logoBase64, "base64"));
    const check = checkLogo(bytes);
    if (!check.ok) throw appError(check.code);
    logo = { logo: bytes, logo_mime: check.mime, logo_updated_at: new Date() };
  }
  await tx
    .updateTable("station")
    .set({
      primary_color: update.primaryColor,
      show_social_work_mark: update.showSocialWorkMark,
      show_volunteer_mark: update.showVolunteerMark,
      ...(logo ?? {}),
    })
    .where("id", "=", stationId)
    .execute();
}

export async function readStationLogo(tx: Tx, stationId: string) {
  return tx
    .selectFrom("station")
    .select(["logo", "logo_mime", "logo_updated_at"])
    .where("id", "=", stationId)
    .where("logo", "is not", null)
    .executeTakeFirst();
}
