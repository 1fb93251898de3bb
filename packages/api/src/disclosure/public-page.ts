import { randomBytes } from "node:crypto";
import { recordAudit, withPlatform, withStation, type ShegongDb } from "@shegong/db";
import {
  fenFromDb,
  formatMessageReference,
  isPubliclyListed,
  PUBLIC_PROGRESS_INDICATORS,
  publicProgressValue,
  todayInShanghai,
  type FundingLine,
  type PublicProgressIndicator,
  type ServiceArea,
  type StationStatus,
  type TPublicMessage,
} from "@shegong/domain";
import { sql } from "kysely";
import { appError } from "../errors.ts";
import { stationsWithPlace } from "../stations/station-place.ts";
import { readPolicyExplainers, readPublicProfile } from "./manage-disclosure.ts";

/**
 * What the public page at /p/<slug> shows (issue 5 item 9, R18, R19). Built only from tables
 * that hold no served person: the station's registry row, its own public texts and news, its
 * contractor, its filed agreement, and the station × month rollups. Never select from the
 * registry (person, household, visit, social_case …) here: the test that seeds people and looks
 * for their names in the page is the guard, this comment the reason.
 */
export interface PublicPageModel {
  stationId: string;
  slug: string;
  plaqueName: string;
  status: StationStatus;
  place: { township: string; county: string | null };
  branding: { primaryColor: string; showSocialWorkMark: boolean; showVolunteerMark: boolean; logoUrl: string | null };
  profile: Awaited<ReturnType<typeof readPublicProfile>>;
  contractor: { name: string; creditCode: string | null } | null;
  agreement: { purchaserName: string; serviceStart: string; serviceEnd: string; amountFen: number; funding: FundingLine[] } | null;
  explainers: Awaited<ReturnType<typeof readPolicyExplainers>>;
  news: { id: string; title: string; body: string; publishedOn: string }[];
  progress: { year: string; asOfMonth: string | null; values: Record<PublicProgressIndicator, string> };
  serviceAreas: ServiceArea[];
}

/** The station a slug names, if the public may see it; slugs are lower-case letters, digits and dashes. */
export async function findPublicStation(database: ShegongDb, slug: string): Promise<{ id: string } | null> {
  if (!/^[a-z0-9-]{1,80}$/.test(slug)) return null;
  const row = await withPlatform(database.db, (tx) => tx.selectFrom("station").select(["id", "status"]).where("slug", "=", slug).executeTakeFirst());
  return row && isPubliclyListed(row.status) ? { id: row.id } : null;
}

export async function loadPublicPage(database: ShegongDb, slug: string, today = todayInShanghai()): Promise<PublicPageModel | null> {
  const found = await findPublicStation(database, slug);
  if (!found) return null;
  const stationId = found.id;
  return withStation(
    database.db,
    stationId,
    async (tx) => {
      const station = await stationsWithPlace(tx)
        .leftJoin("contractor as k", "k.id", "s.contractor_id")
        .select([
          "s.slug",
          "s.plaque_name",
          "s.status",
          "s.primary_color",
          "s.show_social_work_mark",
          "s.show_volunteer_mark",
          "s.logo_updated_at",
          "t.name as township_name",
          "c.name as county_name",
          "k.name as contractor_name",
          "k.credit_code as contractor_credit_code",
        ])
        .where("s.id", "=", stationId)
        .executeTakeFirstOrThrow();
      const year = today.slice(0, 4);
      const [profile, explainers, news, agreement, facts] = await Promise.all([
        readPublicProfile(tx, stationId),
        readPolicyExplainers(tx, stationId),
        tx
          .selectFrom("station_news")
          .select(["id", "title", "body", "published_on"])
          .where("station_id", "=", stationId)
          .where("removed_at", "is", null)
          .where("published_on", "<=", today)
          .orderBy("published_on", "desc")
          .orderBy("created_at", "desc")
          .limit(10)
          .execute(),
        // Only a filed (备案) agreement is disclosed: a draft may still change.
        tx
          .selectFrom("service_agreement")
          .select(["purchaser_name", "service_start", "service_end", "amount_fen", "funding"])
          .where("station_id", "=", stationId)
          .where("status", "=", "acknowledged")
          .orderBy((eb) => eb.case().when(eb.and([eb("service_start", "<=", today), eb("service_end", ">=", today)])).then(0).else(1).end())
          .orderBy("service_start", "desc")
          .executeTakeFirst(),
        tx
          .selectFrom("station_month_fact")
          .select(["month", "indicator", sql<number>`sum(value)::bigint`.as("value")])
          .where("station_id", "=", stationId)
          .where("indicator", "in", [...PUBLIC_PROGRESS_INDICATORS])
          .where("month", ">=", `${year}-01-01`)
          .where("month", "<=", today)
          .groupBy(["month", "indicator"])
          .execute(),
      ]);
      return {
        stationId,
        slug: station.slug,
        plaqueName: station.plaque_name,
        status: station.status as StationStatus,
        place: { township: station.township_name, county: station.county_name },
        branding: {
          primaryColor: station.primary_color,
          showSocialWorkMark: station.show_social_work_mark,
          showVolunteerMark: station.show_volunteer_mark,
          logoUrl: station.logo_updated_at ? `/branding/${stationId}/logo?v=${station.logo_updated_at.getTime()}` : null,
        },
        profile,
        contractor: station.contractor_name ? { name: station.contractor_name, creditCode: station.contractor_credit_code } : null,
        agreement: agreement
          ? {
              purchaserName: agreement.purchaser_name,
              serviceStart: agreement.service_start,
              serviceEnd: agreement.service_end,
              amountFen: fenFromDb(agreement.amount_fen),
              funding: (agreement.funding as FundingLine[]).map((f) => ({ source: f.source, amountFen: fenFromDb(f.amountFen) })),
            }
          : null,
        explainers,
        news: news.map((n) => ({ id: n.id, title: n.title, body: n.body, publishedOn: n.published_on })),
        progress: progressOf(facts, year),
        serviceAreas: profile.serviceAreas,
      };
    },
    { readOnly: true },
  );
}

/** The year so far: flows summed over its months, stocks (people registered) as of the latest month. */
function progressOf(facts: { month: string; indicator: string; value: number | string }[], year: string): PublicPageModel["progress"] {
  const months = [...new Set(facts.map((f) => String(f.month).slice(0, 10)))].sort();
  const latest = months.at(-1) ?? null;
  const values = {} as Record<PublicProgressIndicator, string>;
  for (const indicator of PUBLIC_PROGRESS_INDICATORS) {
    const rows = facts.filter((f) => f.indicator === indicator && (indicator !== "people.registered" || String(f.month).slice(0, 10) === latest));
    values[indicator] = publicProgressValue(indicator, rows.reduce((sum, r) => sum + Number(r.value), 0));
  }
  return { year, asOfMonth: latest ? latest.slice(0, 7) : null, values };
}

/** Resubmitting the same text from the same sender within this window returns the first reference. */
const RESUBMIT_WINDOW_MINUTES = 10;
/** A station's inbox takes at most this many messages an hour from everyone together. */
export const STATION_MESSAGES_PER_HOUR = 60;

/**
 * A complaint or suggestion from the public lands in the station's inbox with a reference the
 * sender keeps. `senderHash` is a keyed hash of the sender's address (the caller makes it), used
 * only to recognise a resubmission; the audit entry records the reference, not the text.
 */
export async function submitPublicMessage(database: ShegongDb, stationId: string, message: TPublicMessage, senderHash: string, today = todayInShanghai()) {
  return withStation(database.db, stationId, async (tx) => {
    const recent = await tx
      .selectFrom("public_message")
      .select(["reference", "body", "sender_hash", "received_at"])
      .where("station_id", "=", stationId)
      .where("received_at", ">", sql<Date>`now() - interval '1 hour'`)
      .execute();
    const cutoff = Date.now() - RESUBMIT_WINDOW_MINUTES * 60_000;
    const same = recent.find((r) => r.sender_hash === senderHash && r.body === message.body && new Date(r.received_at).getTime() > cutoff);
    if (same) return { reference: same.reference, repeated: true };
    if (recent.length >= STATION_MESSAGES_PER_HOUR) throw appError("PUBLIC_MESSAGE_THROTTLED");
    const reference = formatMessageReference(today, randomBytes(6));
    await tx
      .insertInto("public_message")
      .values({ station_id: stationId, reference, kind: message.kind, body: message.body, contact: message.contact || null, sender_hash: senderHash })
      .execute();
    await recordAudit(tx, { stationId, actorName: "public", action: "disclosure.message.received", target: reference, outcome: "success", detail: { kind: message.kind } });
    return { reference, repeated: false };
  });
}
