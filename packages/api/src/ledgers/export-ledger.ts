import type { Tx } from "@shegong/db";
import {
  ageOn,
  CARE_STATUS_LABELS,
  CATEGORIES,
  DISABILITY_GRADE_LABELS,
  DISABILITY_TYPE_LABELS,
  ECONOMIC_SOURCE_LABELS,
  ETHNICITY_BY_CODE,
  GUARDIAN_RELATION_LABELS,
  labelOf,
  LIVING_ARRANGEMENT_LABELS,
  SEX_LABELS,
  type CategoryKey,
  type LedgerColumnKey,
  type LedgerKind,
  type VocabLabels,
} from "@shegong/domain";
import { sql } from "kysely";
import type { PersonalDataCipher } from "@shegong/auth";
import { categoriesHeldOn, heldOn, registeredOn } from "../registry/person-categories.ts";
import type ExcelJS from "exceljs";
import { houseStyleSheet, houseWorkbook, workbookBytes } from "./house-style.ts";

export interface LedgerExport {
  stationId: string;
  kind: LedgerKind;
  asOf: string;
  /** Full ID numbers instead of masked ones (a permission, and audited by the caller). */
  fullIds: boolean;
}

function label<K extends string>(labels: VocabLabels<K>, key: string | null | undefined): string {
  return key && key in labels ? labelOf(labels, key as K, "zh-CN") : "";
}

/** One row per person on the register as of the date, in pinyin order (as bureaus sort by name). */
async function ledgerRows(tx: Tx, e: LedgerExport) {
  let query = tx
    .selectFrom("person as p")
    .leftJoin("division as v", "v.code", "p.village_code")
    .select([
      "p.id",
      "p.name",
      "p.sex",
      "p.ethnicity_code",
      "p.id_masked",
      "p.id_cipher",
      "p.birth_date",
      "v.name as village_name",
      "p.address",
      "p.phone",
      "p.living_arrangement",
      "p.economic_source",
      "p.disability_type",
      "p.disability_grade",
      "p.care_status",
      "p.note",
    ])
    .where("p.station_id", "=", e.stationId);
  const category = e.kind.category;
  if (category) {
    query = query
      .innerJoin("person_category as pc", (j) => j.onRef("pc.station_id", "=", "p.station_id").onRef("pc.person_id", "=", "p.id"))
      .where("pc.category", "=", category)
      .where(heldOn(e.asOf))
      .select(sql<string>`min(pc.start_date)`.as("category_start"))
      .groupBy(["p.station_id", "p.id", "v.name"]);
  } else {
    query = query.where(registeredOn(e.asOf)).select(categoriesHeldOn(e.asOf).as("categories"));
  }
  const people = await query.orderBy("p.name_pinyin").orderBy("p.id").execute();
  const guardians = e.kind.columns.some((c) => c.key === "guardianName")
    ? await tx.selectFrom("guardian").select(["child_id", "name", "relation", "phone"]).where("station_id", "=", e.stationId).execute()
    : [];
  const guardianOf = new Map(guardians.map((g) => [g.child_id, g]));
  return people.map((p) => ({ ...p, guardian: guardianOf.get(p.id) }));
}

type LedgerRow = Awaited<ReturnType<typeof ledgerRows>>[number] & { category_start?: string; categories?: string | null };

function cellFor(key: LedgerColumnKey, row: LedgerRow, index: number, e: LedgerExport, cipher: PersonalDataCipher): string | number {
  switch (key) {
    case "seq":
      return index + 1;
    case "name":
      return row.name;
    case "sex":
      return label(SEX_LABELS, row.sex);
    case "ethnicity":
      return label(ETHNICITY_BY_CODE, row.ethnicity_code);
    case "citizenId":
      return e.fullIds ? cipher.decrypt(row.id_cipher) : row.id_masked;
    case "birthDate":
      return row.birth_date;
    case "age":
      return ageOn(row.birth_date, e.asOf);
    case "village":
      return row.village_name ?? "";
    case "address":
      return row.address;
    case "phone":
      return row.phone ?? "";
    case "livingArrangement":
      return label(LIVING_ARRANGEMENT_LABELS, row.living_arrangement);
    case "economicSource":
      return label(ECONOMIC_SOURCE_LABELS, row.economic_source);
    case "disability":
      return [label(DISABILITY_TYPE_LABELS, row.disability_type), label(DISABILITY_GRADE_LABELS, row.disability_grade === null ? null : String(row.disability_grade))].filter(Boolean).join(" ");
    case "careStatus":
      return label(CARE_STATUS_LABELS, row.care_status);
    case "guardianName":
      return row.guardian?.name ?? "";
    case "guardianRelation":
      return label(GUARDIAN_RELATION_LABELS, row.guardian?.relation);
    case "guardianPhone":
      return row.guardian?.phone ?? "";
    case "categories":
      return (row.categories ?? "")
        .split(",")
        .filter(Boolean)
        .map((c) => CATEGORIES[c as CategoryKey]?.zh ?? c)
        .join("、");
    case "categoryStart":
      return row.category_start ?? "";
    case "note":
      return row.note;
  }
}

/**
 * A ledger (台账) as bureaus use them: a title row with the station and ledger, a row with the
 * as-of date, Chinese headers, one row a person; IDs masked unless full ones were asked for.
 */
export async function exportLedger(tx: Tx, e: LedgerExport, cipher: PersonalDataCipher, plaqueName: string): Promise<{ fileName: string; bytes: Uint8Array; rows: number }> {
  const workbook = houseWorkbook();
  const { rows } = await addLedgerSheet(workbook, tx, e, cipher, plaqueName);
  return { fileName: `${plaqueName}-${e.kind.title}-${e.asOf}.xlsx`, bytes: await workbookBytes(workbook), rows };
}

/** One register as a sheet of a workbook (alone, or in the quarterly package); `sheetName` when the title is too long for a tab. */
export async function addLedgerSheet(workbook: ExcelJS.Workbook, tx: Tx, e: LedgerExport, cipher: PersonalDataCipher, plaqueName: string, sheetName = e.kind.title): Promise<{ rows: number }> {
  const rows = (await ledgerRows(tx, e)) as LedgerRow[];
  const columns = e.kind.columns;
  const subtitle = `截至日期：${e.asOf}　　共 ${rows.length} 人${e.fullIds ? "　　（含完整身份证号，注意保密）" : ""}`;
  const { sheet, seal } = houseStyleSheet(sheetName, `${plaqueName}${e.kind.title}`, subtitle, columns, workbook);
  const idIndex = columns.findIndex((c) => c.key === "citizenId");
  rows.forEach((row, index) => {
    const added = sheet.addRow(columns.map((c) => cellFor(c.key, row, index, e, cipher)));
    // ID numbers as text, so Excel never turns them into 6.52E+17.
    if (idIndex >= 0) added.getCell(idIndex + 1).numFmt = "@";
  });
  seal();
  return { rows: rows.length };
}
