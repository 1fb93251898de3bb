import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { gunzipSync } from "node:zlib";
import { sql, type Kysely } from "kysely";
import type { Database } from "./schema.ts";

// Found through the package itself, so the path holds from source, tests and the bundled server.
const DATA_DIR = new URL("data/", pathToFileURL(createRequire(import.meta.url).resolve("@shegong/db/package.json")));

/** Which reference set to load: Xinjiang down to villages (default), or every township of China. */
export type DivisionSet = "xinjiang" | "china";

const LEVEL_BY_LENGTH: Record<number, number> = { 2: 1, 4: 2, 6: 3, 9: 4, 12: 5 };

export interface DivisionRow {
  code: string;
  name: string;
  parent_code: string | null;
  level: number;
}

export function readDivisionFile(set: DivisionSet): DivisionRow[] {
  const raw =
    set === "xinjiang"
      ? readFileSync(new URL("divisions-65.tsv", DATA_DIR), "utf8")
      : gunzipSync(readFileSync(new URL("divisions-china-townships.tsv.gz", DATA_DIR))).toString("utf8");
  const rows: DivisionRow[] = [];
  for (const line of raw.split("\n").slice(1)) {
    if (!line) continue;
    const [code, name, parent] = line.split("\t");
    const level = code ? LEVEL_BY_LENGTH[code.length] : undefined;
    if (!code || !name || !level) throw new Error(`bad division line: ${line}`);
    rows.push({ code, name, parent_code: parent || null, level });
  }
  return rows;
}

/** Idempotent: rows already present are kept. Rows are ordered parents first, so FKs hold per chunk. */
export async function loadDivisions(db: Kysely<Database>, set: DivisionSet): Promise<number> {
  const rows = readDivisionFile(set);
  let inserted = 0;
  const chunk = 4000;
  for (let i = 0; i < rows.length; i += chunk) {
    const part = rows.slice(i, i + chunk);
    const result = await db
      .insertInto("division")
      .columns(["code", "name", "parent_code", "level"])
      .expression(
        sql`select * from unnest(${sql.val(part.map((r) => r.code))}::text[], ${sql.val(part.map((r) => r.name))}::text[],
          ${sql.val(part.map((r) => r.parent_code))}::text[], ${sql.val(part.map((r) => r.level))}::smallint[])`,
      )
      .onConflict((oc) => oc.column("code").doNothing())
      .executeTakeFirst();
    inserted += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  return inserted;
}

export async function countDivisions(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom("division").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return Number(row.n);
}
