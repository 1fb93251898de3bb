import { recordAuditMany, type Tx } from "@shegong/db";
import { DEFAULT_PRIMARY_COLOR, plaqueNameOf, stationSlugOf, todayInShanghai, type StationStatus } from "@shegong/domain";
import { sql } from "kysely";
import { appError } from "../errors.ts";

export interface OnboardInput {
  /** The caller's division scope: every township must lie under it. */
  scopeCode: string;
  townshipCodes?: string[];
  allUnder?: string;
  initialStatus: Extract<StationStatus, "planned" | "onboarding">;
}

export interface OnboardActor {
  userId: string;
  username: string;
  ip: string;
}

export interface OnboardedStation {
  id: string;
  divisionCode: string;
  slug: string;
  plaqueName: string;
}

export interface OnboardResult {
  created: OnboardedStation[];
  /** Only for `allUnder`: townships under it that already had a station, left as they were. */
  alreadyOnboarded: { divisionCode: string; plaqueName: string }[];
}

interface TownshipPlace {
  code: string;
  township_name: string;
  county_name: string | null;
  prefecture_name: string | null;
  station_plaque: string | null;
}

function placesQuery(tx: Tx) {
  return tx
    .selectFrom("division as t")
    .leftJoin("division as c", "c.code", "t.parent_code")
    .leftJoin("division as p", "p.code", "c.parent_code")
    .leftJoin("station as s", "s.division_code", "t.code")
    .select([
      "t.code",
      "t.name as township_name",
      "c.name as county_name",
      "p.name as prefecture_name",
      "s.plaque_name as station_plaque",
    ]);
}

async function resolveTownships(tx: Tx, input: OnboardInput): Promise<TownshipPlace[]> {
  if (input.allUnder !== undefined) {
    if (!input.allUnder.startsWith(input.scopeCode)) throw appError("FORBIDDEN");
    const parent = await tx.selectFrom("division").select("level").where("code", "=", input.allUnder).executeTakeFirst();
    if (!parent) throw appError("DIVISION_UNKNOWN", { codes: [input.allUnder] });
    if (parent.level >= 4) throw appError("DIVISION_NOT_TOWNSHIP", { codes: [input.allUnder] });
    return placesQuery(tx)
      .where("t.level", "=", 4)
      .where(sql<boolean>`left(t.code, ${input.allUnder.length}) = ${input.allUnder}`)
      .orderBy("t.code")
      .execute();
  }
  const codes = [...new Set(input.townshipCodes ?? [])];
  const outside = codes.filter((c) => !c.startsWith(input.scopeCode));
  if (outside.length > 0) throw appError("FORBIDDEN", { codes: outside });
  const found = await tx.selectFrom("division").select(["code", "level"]).where("code", "in", codes).execute();
  const unknown = codes.filter((c) => !found.some((f) => f.code === c));
  if (unknown.length > 0) throw appError("DIVISION_UNKNOWN", { codes: unknown });
  const notTownship = found.filter((f) => f.level !== 4).map((f) => f.code);
  if (notTownship.length > 0) throw appError("DIVISION_NOT_TOWNSHIP", { codes: notTownship });
  const places = await placesQuery(tx).where("t.code", "in", codes).orderBy("t.code").execute();
  const taken = places.filter((p) => p.station_plaque !== null);
  if (taken.length > 0) {
    throw appError("STATION_ALREADY_ONBOARDED", {
      codes: taken.map((p) => p.code),
      plaqueNames: taken.map((p) => p.station_plaque),
    });
  }
  return places;
}

/** Slugs are readable pinyin; a clash (two townships of one name) falls back to the code suffix. */
async function assignSlugs(tx: Tx, places: TownshipPlace[]): Promise<Map<string, string>> {
  const wanted = places.map((p) => ({
    code: p.code,
    slug: stationSlugOf({ code: p.code, prefectureName: p.prefecture_name ?? undefined, countyName: p.county_name ?? "", townshipName: p.township_name }),
  }));
  const taken = new Set(
    wanted.length === 0
      ? []
      : (await tx.selectFrom("station").select("slug").where("slug", "in", wanted.map((w) => w.slug.slice(0, 50).replace(/-+$/, ""))).execute()).map((r) => r.slug),
  );
  const result = new Map<string, string>();
  for (const { code, slug } of wanted) {
    // Long names (兵团 farms, development zones) are cut so a slug stays a usable URL segment.
    let candidate = slug.length > 50 ? slug.slice(0, 50).replace(/-+$/, "") : slug;
    if (taken.has(candidate)) candidate = `${candidate.slice(0, 40).replace(/-+$/, "")}-${code}`;
    taken.add(candidate);
    result.set(code, candidate);
  }
  return result;
}

/**
 * Opens stations for townships (R2, R8): one, a list, or every township under a county or
 * prefecture in one statement each for stations, their first status event and their audit entries.
 */
export async function onboardStations(tx: Tx, input: OnboardInput, actor: OnboardActor): Promise<OnboardResult> {
  const places = await resolveTownships(tx, input);
  const fresh = places.filter((p) => p.station_plaque === null);
  const alreadyOnboarded = places
    .filter((p) => p.station_plaque !== null)
    .map((p) => ({ divisionCode: p.code, plaqueName: p.station_plaque as string }));
  if (fresh.length === 0) return { created: [], alreadyOnboarded };

  const slugs = await assignSlugs(tx, fresh);
  const today = todayInShanghai();
  const created = await tx
    .insertInto("station")
    .values(
      fresh.map((p) => ({
        division_code: p.code,
        slug: slugs.get(p.code) as string,
        plaque_name: plaqueNameOf({ prefectureName: p.prefecture_name ?? undefined, countyName: p.county_name ?? "", townshipName: p.township_name }),
        status: input.initialStatus,
        status_since: today,
        primary_color: DEFAULT_PRIMARY_COLOR,
        created_by: actor.userId,
      })),
    )
    .returning(["id", "division_code", "slug", "plaque_name"])
    .execute();

  await tx
    .insertInto("station_status_event")
    .values(
      created.map((s) => ({
        station_id: s.id,
        from_status: null,
        to_status: input.initialStatus,
        effective_date: today,
        note: "onboarded",
        actor_user_id: actor.userId,
      })),
    )
    .execute();
  await recordAuditMany(
    tx,
    created.map((s) => ({
      stationId: s.id,
      actorUserId: actor.userId,
      actorName: actor.username,
      ip: actor.ip,
      action: "station.onboard",
      target: s.division_code,
      outcome: "success" as const,
      detail: { slug: s.slug, status: input.initialStatus },
    })),
  );
  return {
    created: created.map((s) => ({ id: s.id, divisionCode: s.division_code, slug: s.slug, plaqueName: s.plaque_name })),
    alreadyOnboarded,
  };
}
