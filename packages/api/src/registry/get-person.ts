import type { Tx } from "@shegong/db";
import type { CategoryKey } from "@shegong/domain";
import { sql } from "kysely";
import { appError } from "../errors.ts";
import { effectiveEndSql } from "./person-categories.ts";

/** A person's page: profile (ID masked), categories with their effective ends, household, guardians, timeline, flags. */
export async function getPerson(tx: Tx, stationId: string, personId: string, today: string) {
  const p = await tx
    .selectFrom("person as p")
    .leftJoin("division as v", "v.code", "p.village_code")
    .select([
      "p.id",
      "p.name",
      "p.id_masked",
      "p.sex",
      "p.birth_date",
      "p.adult_on",
      "p.ethnicity_code",
      "p.phone",
      "p.village_code",
      "v.name as village_name",
      "p.address",
      "p.living_arrangement",
      "p.economic_source",
      "p.disability_type",
      "p.disability_grade",
      "p.care_status",
      "p.household_id",
      "p.relation_to_head",
      "p.status",
      "p.registered_on",
      "p.moved_out_on",
      "p.died_on",
      "p.note",
      "p.version",
    ])
    .where("p.station_id", "=", stationId)
    .where("p.id", "=", personId)
    .executeTakeFirst();
  if (!p) throw appError("NOT_FOUND");
  const [categories, events, guardians, household, flags] = await Promise.all([
    tx
      .selectFrom("person_category as pc")
      .innerJoin("person as p", (j) => j.onRef("p.station_id", "=", "pc.station_id").onRef("p.id", "=", "pc.person_id"))
      .leftJoin("app_user as cu", "cu.id", "pc.created_by")
      .leftJoin("app_user as eu", "eu.id", "pc.ended_by")
      .select([
        "pc.id",
        "pc.category",
        "pc.start_date",
        "pc.end_date",
        "pc.end_reason",
        "pc.source",
        "pc.note",
        "pc.created_at",
        "cu.display_name as created_by_name",
        "eu.display_name as ended_by_name",
        effectiveEndSql().as("effective_end"),
      ])
      .where("pc.station_id", "=", stationId)
      .where("pc.person_id", "=", personId)
      .orderBy("pc.start_date", "desc")
      .execute(),
    tx
      .selectFrom("person_event as e")
      .leftJoin("app_user as u", "u.id", "e.actor_user_id")
      .select(["e.id", "e.kind", "e.effective_date", "e.detail", "e.recorded_at", "u.display_name as actor_name"])
      .where("e.station_id", "=", stationId)
      .where("e.person_id", "=", personId)
      .orderBy("e.effective_date", "desc")
      .orderBy("e.recorded_at", "desc")
      .execute(),
    tx
      .selectFrom("guardian")
      .select(["id", "guardian_person_id", "name", "relation", "phone", "note"])
      .where("station_id", "=", stationId)
      .where("child_id", "=", personId)
      .execute(),
    p.household_id ? householdMembers(tx, stationId, p.household_id, today) : Promise.resolve(null),
    tx
      .selectFrom("id_duplicate_flag as f")
      .innerJoin("station as s", "s.id", "f.other_station_id")
      .select(["f.id", "s.plaque_name as other_station", "f.detected_at", "f.resolved_at"])
      .where("f.station_id", "=", stationId)
      .where("f.person_id", "=", personId)
      .execute(),
  ]);
  return {
    id: p.id,
    name: p.name,
    citizenIdMasked: p.id_masked,
    sex: p.sex,
    birthDate: p.birth_date,
    minor: p.adult_on > today,
    ethnicityCode: p.ethnicity_code,
    phone: p.phone,
    villageCode: p.village_code,
    villageName: p.village_name,
    address: p.address,
    livingArrangement: p.living_arrangement,
    economicSource: p.economic_source,
    disabilityType: p.disability_type,
    disabilityGrade: p.disability_grade,
    careStatus: p.care_status,
    relationToHead: p.relation_to_head,
    status: p.status,
    registeredOn: p.registered_on,
    movedOutOn: p.moved_out_on,
    diedOn: p.died_on,
    note: p.note,
    version: p.version,
    categories: categories.map((c) => ({
      id: c.id,
      category: c.category as CategoryKey,
      startDate: c.start_date,
      endDate: c.end_date,
      effectiveEnd: c.effective_end,
      endReason: c.end_reason,
      source: c.source,
      note: c.note,
      current: c.start_date <= today && (c.effective_end === null || c.effective_end > today),
    })),
    timeline: personTimeline(events, categories, today),
    guardians: guardians.map((g) => ({ id: g.id, personId: g.guardian_person_id, name: g.name, relation: g.relation, phone: g.phone, note: g.note })),
    household,
    duplicateElsewhere: flags.map((f) => ({ id: f.id, otherStation: f.other_station, detectedAt: f.detected_at, resolvedAt: f.resolved_at })),
  };
}

type EventRow = { id: string; kind: string; effective_date: string; detail: unknown; recorded_at: Date; actor_name: string | null };
type CategoryRow = { id: string; category: string; start_date: string; end_date: string | null; effective_end: string | null; end_reason: string | null; source: string; created_at: Date; created_by_name: string | null; ended_by_name: string | null };

/**
 * The timeline: recorded events, plus each category entry's start and (effective) end read from the
 * category history itself — a child's coming of age shows on its date though nobody recorded it.
 */
export function personTimeline(events: EventRow[], categories: CategoryRow[], today: string) {
  const entries = [
    ...events.map((e) => ({ id: e.id, kind: e.kind, date: e.effective_date, detail: e.detail as Record<string, unknown>, recordedAt: e.recorded_at, actorName: e.actor_name })),
    ...categories.map((c) => ({
      id: `${c.id}:in`,
      kind: "category_entered",
      date: c.start_date,
      detail: { category: c.category, source: c.source } as Record<string, unknown>,
      recordedAt: c.created_at,
      actorName: c.created_by_name,
    })),
    ...categories
      .filter((c) => c.effective_end !== null && c.effective_end <= today)
      .map((c) => ({
        id: `${c.id}:out`,
        kind: "category_left",
        date: c.effective_end as string,
        detail: { category: c.category, reason: c.end_reason ?? (c.end_date === c.effective_end ? "ended" : "automatic") } as Record<string, unknown>,
        recordedAt: c.created_at,
        actorName: c.end_date === c.effective_end ? c.ended_by_name : null,
      })),
  ];
  return entries.sort((a, b) => (a.date === b.date ? b.recordedAt.getTime() - a.recordedAt.getTime() : a.date < b.date ? 1 : -1));
}

/** Family structure (R9) read from the household, never typed twice. */
export async function householdMembers(tx: Tx, stationId: string, householdId: string, today: string) {
  const household = await tx
    .selectFrom("household as h")
    .leftJoin("division as v", "v.code", "h.village_code")
    .select(["h.id", "h.village_code", "v.name as village_name", "h.address", "h.head_person_id", "h.note"])
    .where("h.station_id", "=", stationId)
    .where("h.id", "=", householdId)
    .executeTakeFirst();
  if (!household) return null;
  const members = await tx
    .selectFrom("person")
    .select(["id", "name", "id_masked", "sex", "birth_date", "relation_to_head", "status", "adult_on"])
    .where("station_id", "=", stationId)
    .where("household_id", "=", householdId)
    .orderBy(sql`case when relation_to_head = 'head' then 0 else 1 end`)
    .orderBy("birth_date")
    .execute();
  return {
    id: household.id,
    villageCode: household.village_code,
    villageName: household.village_name,
    address: household.address,
    headPersonId: household.head_person_id,
    note: household.note,
    members: members.map((m) => ({ id: m.id, name: m.name, citizenIdMasked: m.id_masked, sex: m.sex, birthDate: m.birth_date, relation: m.relation_to_head, status: m.status, minor: m.adult_on > today })),
  };
}
