import type { PersonalDataCipher } from "@shegong/auth";
import { bulkInsert, recordAudit, type Tx } from "@shegong/db";
import {
  fenFromDb,
  maskCitizenId,
  monthFirstDay,
  monthLastDay,
  PAYOUT_KINDS,
  readPayoutRoster,
  verifyRoster,
  type CategoryKey,
  type CellValue,
  type PayoutKindKey,
  type PayoutRuleKey,
  type RegistryFacts,
  type TPayoutStandard,
} from "@shegong/domain";
import { sql } from "kysely";
import { appError } from "../errors.ts";

export interface PayoutActor {
  stationId: string;
  userId: string;
  username: string;
  ip: string;
  today: string;
}

export interface PayoutFile {
  name: string;
  sha256: string;
}

export interface VerifyPayoutsResult {
  rosterId: string;
  /** True when this very file was already verified for this kind and month: nothing was written. */
  alreadyImported: boolean;
  rowsTotal: number;
  discrepancyCount: number;
  counts: Record<PayoutRuleKey, number>;
}

/** Standards for a kind from the reference table (what a band is paid, per county and period). */
export async function payoutStandards(tx: Tx, kind: PayoutKindKey): Promise<TPayoutStandard[]> {
  const rows = await tx.selectFrom("payout_standard").selectAll().where("kind", "=", kind).execute();
  return rows.map((r) => ({
    kind: r.kind as PayoutKindKey,
    regionCode: r.region_code,
    band: r.band,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    amountFen: fenFromDb(r.amount_fen),
  }));
}

/**
 * Loads standards (reference data) from a validated list: each (kind, region, band, validFrom) is
 * inserted or its validTo and amount updated. Runs as the owner (the app role may only read them).
 */
export async function upsertPayoutStandards(tx: Tx, standards: readonly TPayoutStandard[]): Promise<number> {
  for (const s of standards)
    await tx
      .insertInto("payout_standard")
      .values({ kind: s.kind, region_code: s.regionCode, band: s.band, valid_from: s.validFrom, valid_to: s.validTo, amount_fen: s.amountFen })
      .onConflict((oc) => oc.columns(["kind", "region_code", "band", "valid_from"]).doUpdateSet({ valid_to: s.validTo, amount_fen: s.amountFen }))
      .execute();
  return standards.length;
}

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");

/**
 * Verifies a roster against the registry and keeps it (issue 6 items 1–2): all or nothing, and the
 * same file for the same kind and month a second time returns the first result and writes nothing.
 */
export async function verifyPayouts(
  tx: Tx,
  actor: Omit<PayoutActor, "userId"> & { userId: string | null },
  cipher: PersonalDataCipher,
  input: { kind: PayoutKindKey; month: string; visitWithinMonths: number },
  file: PayoutFile,
  sheet: CellValue[][],
): Promise<VerifyPayoutsResult> {
  const { stationId } = actor;
  const existing = await tx
    .selectFrom("payout_roster")
    .select(["id", "rows_total", "discrepancy_count", "counts"])
    .where("station_id", "=", stationId)
    .where("kind", "=", input.kind)
    .where("month", "=", input.month)
    .where("file_sha256", "=", file.sha256)
    .executeTakeFirst();
  if (existing)
    return {
      rosterId: existing.id,
      alreadyImported: true,
      rowsTotal: existing.rows_total,
      discrepancyCount: existing.discrepancy_count,
      counts: existing.counts as Record<PayoutRuleKey, number>,
    };

  const read = readPayoutRoster(sheet, input.month, actor.today);
  if (!read.ok) {
    if (read.errors.length === 0) throw appError("LEDGER_HEADER", { zh: read.reason.zh, en: read.reason.en });
    throw appError("VALIDATION", { zh: read.reason.zh, en: read.reason.en, rows: read.errors });
  }
  const kind = PAYOUT_KINDS[input.kind];
  const blinds = read.rows.map((r) => cipher.blindIndex(r.citizenId));
  const blindHex = blinds.map(hex);

  const station = await tx.selectFrom("station").select("division_code").where("id", "=", stationId).executeTakeFirstOrThrow();
  const first = monthFirstDay(input.month);
  const last = monthLastDay(input.month);
  // Set-based, one statement: the roster's blind indexes travel as one array parameter (a 50,000-row
  // roster would otherwise bind 50,000 parameters) and are matched as a hashed semi-join (`= any(array)`
  // would scan the whole array for every person); last visits come from one grouped pass over the
  // station's visits rather than a lookup per person.
  const people = (
    await sql<{ id: string; name: string; id_blind: Uint8Array; birth_date: unknown; died_on: unknown; moved_out_on: unknown; last_visit_on: string | null }>`
      with roster as (select decode(x, 'hex') as id_blind from unnest(${blindHex}::text[]) as x),
      holders as (
        select c.person_id from person_category c
        where c.station_id = ${stationId} and c.category = any(${kind.categories}::text[])
          and c.start_date <= ${last} and (c.end_date is null or c.end_date > ${first})
      ),
      wanted as (
        select p.id, p.name, p.id_blind, p.birth_date, p.died_on, p.moved_out_on from person p
        where p.station_id = ${stationId} and (p.id_blind in (select id_blind from roster) or p.id in (select person_id from holders))
      )
      select w.*, lv.last_visit_on from wanted w
      left join (
        select v.person_id, max(v.visited_on)::text as last_visit_on from visit v
        where v.station_id = ${stationId} and v.person_id in (select id from wanted)
        group by v.person_id
      ) lv on lv.person_id = w.id`.execute(tx)
  ).rows;
  // Every entry of the kind's categories at the station, grouped per person here rather than
  // bound back as a list of ids: fewer parameters, and the holders are nearly all of them anyway.
  const categories = await tx
    .selectFrom("person_category")
    .select(["person_id", "category", "start_date", "end_date"])
    .where("station_id", "=", stationId)
    .where("category", "in", kind.categories)
    .execute();
  const dateText = (d: unknown): string | null => (d === null || d === undefined ? null : d instanceof Date ? d.toISOString().slice(0, 10) : String(d).slice(0, 10));
  const categoriesOf = new Map<string, RegistryFacts["categories"]>();
  for (const c of categories) {
    const list = categoriesOf.get(c.person_id) ?? [];
    list.push({ category: c.category as CategoryKey, startedOn: dateText(c.start_date) ?? "", endedOn: dateText(c.end_date) });
    categoriesOf.set(c.person_id, list);
  }
  const facts: RegistryFacts[] = people.map((p) => ({
    personId: p.id,
    idIndex: hex(p.id_blind),
    name: p.name,
    birthDate: dateText(p.birth_date) ?? "",
    deathDate: dateText(p.died_on),
    movedOutDate: dateText(p.moved_out_on),
    categories: categoriesOf.get(p.id) ?? [],
    lastVisitOn: dateText(p.last_visit_on),
  }));

  const elsewhere = await sql<{ h: string }>`
    select encode(id_blind, 'hex') as h
    from payout_paid_elsewhere(${stationId}::uuid, ${input.kind}::text, ${input.month}::text,
      array(select decode(x, 'hex') from unnest(${blindHex}::text[]) as x))`.execute(tx);
  const elsewhereSet = new Set(elsewhere.rows.map((r) => r.h));
  const paidElsewhere = new Set(read.rows.filter((_, i) => elsewhereSet.has(blindHex[i] ?? "")).map((r) => r.rowNumber));

  const ownEarlier = await tx
    .selectFrom("payout_roster_row as r")
    .innerJoin("payout_roster as o", (j) => j.onRef("o.station_id", "=", "r.station_id").onRef("o.id", "=", "r.roster_id"))
    .select(sql<string>`encode(r.id_blind, 'hex')`.as("h"))
    .where("r.station_id", "=", stationId)
    .where("o.kind", "=", input.kind)
    .where("o.month", "=", input.month)
    .execute();
  const onOtherRosters = new Set(ownEarlier.map((r) => r.h));

  const standards = await payoutStandards(tx, input.kind);
  const result = verifyRoster(
    read.rows.map((r, i) => ({ rowNumber: r.rowNumber, name: r.name, idIndex: blindHex[i] ?? "", amountFen: r.amountFen })),
    facts,
    standards,
    { kind: input.kind, month: input.month, countyCode: station.division_code.slice(0, 6), visitWithinMonths: input.visitWithinMonths, paidElsewhere, onOtherRosters },
  );

  const roster = await tx
    .insertInto("payout_roster")
    .values({
      station_id: stationId,
      kind: input.kind,
      month: input.month,
      file_name: file.name,
      file_sha256: file.sha256,
      rows_total: read.rows.length,
      total_fen: read.rows.reduce((sum, r) => sum + r.amountFen, 0),
      discrepancy_count: result.discrepancies.length,
      counts: JSON.stringify(result.counts),
      actor_user_id: actor.userId,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  // One statement per table whatever the roster's size (array parameters, not one per cell).
  await bulkInsert(
    tx,
    "payout_roster_row",
    { station_id: "uuid", roster_id: "uuid", row_number: "integer", name: "text", id_blind: "bytea", id_masked: "text", amount_fen: "int8", account_last4: "text" },
    read.rows.map((r, i) => ({
      station_id: stationId,
      roster_id: roster.id,
      row_number: r.rowNumber,
      name: r.name,
      id_blind: blinds[i] as Uint8Array,
      id_masked: maskCitizenId(r.citizenId),
      amount_fen: r.amountFen,
      account_last4: r.accountLast4,
    })),
  );
  await bulkInsert(
    tx,
    "payout_discrepancy",
    { station_id: "uuid", roster_id: "uuid", row_number: "integer", person_id: "uuid", rule: "text", message_zh: "text", message_en: "text", expected_fen: "int8", paid_fen: "int8" },
    result.discrepancies.map((d) => ({
      station_id: stationId,
      roster_id: roster.id,
      row_number: d.rowNumber,
      person_id: d.personId,
      rule: d.rule,
      message_zh: d.zh,
      message_en: d.en,
      expected_fen: d.expectedFen ?? null,
      paid_fen: d.paidFen ?? null,
    })),
  );
  await recordAudit(tx, {
    stationId,
    actorUserId: actor.userId,
    actorName: actor.username,
    ip: actor.ip,
    action: "payouts.verify",
    target: roster.id,
    outcome: "success",
    detail: { kind: input.kind, month: input.month, rows: read.rows.length, sha256: file.sha256, counts: result.counts },
  });
  return { rosterId: roster.id, alreadyImported: false, rowsTotal: read.rows.length, discrepancyCount: result.discrepancies.length, counts: result.counts };
}
