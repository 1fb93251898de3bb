import type { PersonalDataCipher } from "@shegong/auth";
import type { Tx } from "@shegong/db";
import {
  detectHeader,
  isBlankRow,
  isFooterRow,
  maskCitizenId,
  parseCitizenId,
  parseLedgerRow,
  rejectDuplicateRows,
  type CategoryKey,
  type CitizenId,
  type CellValue,
  type LedgerKind,
  type RowError,
  type TLedgerRecord,
} from "@shegong/domain";
import { appError } from "../errors.ts";
import { profileColumns } from "../registry/register-person.ts";
import type { RegistryContext } from "../registry/registry-context.ts";

export type RowAction = "create" | "update" | "unchanged" | "reject";

export interface PlannedRow {
  rowNumber: number;
  action: Exclude<RowAction, "reject">;
  record: TLedgerRecord;
  blind: Uint8Array;
  /** Everything the row says about the person, computed once (pinyin keys included). */
  profile: ReturnType<typeof profileColumns>;
  identity: CitizenId;
  existingId: string | null;
  /** Profile fields the row changes on an existing person (only columns the file has and fills). */
  changes: Partial<ReturnType<typeof profileColumns>>;
  /** Categories to enter (the ledger's own, or those listed on the overall register). */
  newCategories: CategoryKey[];
}

export interface ImportReport {
  ledgerKind: string;
  ledgerTitle: string;
  rowsTotal: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  ignoredHeaders: string[];
  errors: RowError[];
  /** The first rows of the plan, for the preview table (the full plan can be 10,000 rows). */
  sample: { rowNumber: number; action: RowAction; name: string; citizenIdMasked: string; changes: string[] }[];
}

export interface ImportPlan {
  report: ImportReport;
  rows: PlannedRow[];
}

const SAMPLE_ROWS = 200;
const LOOKUP_CHUNK = 1000;

/** What the ledger row says about the profile, leaving out what it leaves blank (a ledger never erases). */
function statedProfile(full: ReturnType<typeof profileColumns>) {
  return Object.fromEntries(Object.entries(full).filter(([key, value]) => key === "name" || key === "name_pinyin" || key === "name_initials" || (value !== null && value !== ""))) as Partial<typeof full>;
}

/**
 * Reads a ledger into a plan: which rows create a person, update one, change nothing, or are
 * rejected (with the row number as Excel shows it, the column, and the reason in Chinese). Nothing
 * is written here; committing the plan is one transaction (commit-import.ts).
 */
export async function planImport(tx: Tx, ctx: RegistryContext, cipher: PersonalDataCipher, kind: LedgerKind, rows: CellValue[][]): Promise<ImportPlan> {
  const header = detectHeader(rows, kind);
  if (!header.ok) throw appError("LEDGER_HEADER", { missing: header.missing, zh: header.reason.zh, en: header.reason.en });
  const villages = await tx
    .selectFrom("division as v")
    .innerJoin("station as s", "s.division_code", "v.parent_code")
    .select(["v.code", "v.name"])
    .where("s.id", "=", ctx.stationId)
    .execute();

  const errors: RowError[] = [];
  const parsed: { rowNumber: number; record: TLedgerRecord }[] = [];
  let rowsTotal = 0;
  for (let index = header.dataStartIndex; index < rows.length; index++) {
    const cells = rows[index] ?? [];
    if (isBlankRow(cells, header.columns) || isFooterRow(cells, header.columns)) continue;
    rowsTotal++;
    const rowNumber = index + 1;
    const result = parseLedgerRow(cells, header.columns, kind, { today: ctx.today, rules: ctx.rules, villages });
    if (result.ok) parsed.push({ rowNumber, record: result.value });
    else errors.push(...result.errors.map((e) => ({ ...e, rowNumber })));
  }
  if (rowsTotal === 0) throw appError("LEDGER_EMPTY");

  const duplicates = rejectDuplicateRows(parsed.map((p) => ({ rowNumber: p.rowNumber, citizenId: p.record.citizenId })));
  const duplicateRows = new Set(duplicates.map((d) => d.rowNumber));
  errors.push(...duplicates);
  const accepted = parsed
    .filter((p) => !duplicateRows.has(p.rowNumber))
    .map((p) => {
      const identity = parseCitizenId(p.record.citizenId, ctx.today);
      if (!identity.ok) throw new Error("parseLedgerRow accepts valid ID numbers only");
      return { ...p, identity: identity.value, profile: profileColumns(p.record), blind: cipher.blindIndex(identity.value.normalized) };
    });

  const existing = new Map<string, { id: string; profile: Record<string, unknown>; categories: Set<string> }>();
  for (let i = 0; i < accepted.length; i += LOOKUP_CHUNK) {
    const blinds = accepted.slice(i, i + LOOKUP_CHUNK).map((a) => a.blind);
    const found = await tx
      .selectFrom("person as p")
      .select(["p.id", "p.id_blind", "p.name", "p.ethnicity_code", "p.phone", "p.village_code", "p.address", "p.living_arrangement", "p.economic_source", "p.disability_type", "p.disability_grade", "p.care_status", "p.note"])
      .select((eb) =>
        eb
          .selectFrom("person_category as pc")
          .select((e2) => e2.fn.agg<string[]>("array_agg", ["pc.category"]).as("c"))
          .whereRef("pc.station_id", "=", "p.station_id")
          .whereRef("pc.person_id", "=", "p.id")
          .where("pc.end_date", "is", null)
          .as("open_categories"),
      )
      .where("p.station_id", "=", ctx.stationId)
      .where("p.id_blind", "in", blinds)
      .execute();
    for (const row of found) {
      const { id, id_blind, open_categories, ...profile } = row;
      existing.set(Buffer.from(id_blind).toString("hex"), { id, profile, categories: new Set(open_categories ?? []) });
    }
  }

  const planned: PlannedRow[] = accepted.map(({ rowNumber, record, blind, identity, profile }) => {
    const wantedCategories: CategoryKey[] = kind.category ? [kind.category] : (record.categories ?? []);
    const current = existing.get(Buffer.from(blind).toString("hex"));
    const stated = statedProfile(profile);
    if (!current) {
      return { rowNumber, action: "create", record, blind, identity, profile, existingId: null, changes: stated, newCategories: wantedCategories };
    }
    const changes = Object.fromEntries(
      Object.entries(stated).filter(([key, value]) => !["name_pinyin", "name_initials"].includes(key) && String(current.profile[key] ?? "") !== String(value ?? "")),
    ) as PlannedRow["changes"];
    if ("name" in changes) Object.assign(changes, { name_pinyin: stated.name_pinyin, name_initials: stated.name_initials });
    // A child who has come of age since the ledger was kept is not entered again (categoryEndedOn).
    const newCategories = wantedCategories.filter((c) => !current.categories.has(c) && !record.categoryEndedOn);
    const action = Object.keys(changes).length > 0 || newCategories.length > 0 ? "update" : "unchanged";
    return { rowNumber, action, record, blind, identity, profile, existingId: current.id, changes, newCategories };
  });

  errors.sort((a, b) => a.rowNumber - b.rowNumber);
  const rejectedRows = new Set(errors.map((e) => e.rowNumber));
  const count = (action: RowAction) => planned.filter((p) => p.action === action).length;
  const sample = [
    ...planned.map((p) => ({
      rowNumber: p.rowNumber,
      action: p.action as RowAction,
      name: p.record.name,
      citizenIdMasked: maskCitizenId(p.record.citizenId),
      changes: [...Object.keys(p.changes).filter((k) => !["name_pinyin", "name_initials"].includes(k)), ...p.newCategories.map((c) => `category:${c}`)],
    })),
  ]
    .sort((a, b) => a.rowNumber - b.rowNumber)
    .slice(0, SAMPLE_ROWS);
  return {
    rows: planned,
    report: {
      ledgerKind: kind.key,
      ledgerTitle: kind.title,
      rowsTotal,
      created: count("create"),
      updated: count("update"),
      unchanged: count("unchanged"),
      rejected: rejectedRows.size,
      ignoredHeaders: header.ignoredHeaders,
      errors,
      sample,
    },
  };
}
