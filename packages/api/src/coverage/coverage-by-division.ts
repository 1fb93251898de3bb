import type { Tx } from "@shegong/db";
import { coverageRatio, STATION_STATUSES, type StationStatus } from "@shegong/domain";
import { sql } from "kysely";
import { appError } from "../errors.ts";

type StatusCounts = Record<StationStatus, number>;

export interface CoverageRow {
  code: string;
  name: string;
  townships: number;
  stations: StatusCounts;
  coverage: number;
}

function emptyCounts(): StatusCounts {
  return Object.fromEntries(STATION_STATUSES.map((s) => [s, 0])) as StatusCounts;
}

/**
 * R2 rollout progress: for each unit directly under `divisionCode`, township-level units and the
 * stations there by status; coverage = units with an active station / all units. Counts of
 * stations only — nothing about people.
 */
export async function coverageByDivision(tx: Tx, divisionCode: string) {
  const parent = await tx.selectFrom("division").select(["code", "name", "level"]).where("code", "=", divisionCode).executeTakeFirst();
  if (!parent) throw appError("NOT_FOUND");
  const rows = await sql<{ code: string; name: string; townships: number; status: string | null; n: number }>`
    with child as (select code, name from division where parent_code = ${divisionCode} and level < 5)
    select child.code, child.name, count(t.code)::int as townships, null::text as status, 0 as n
      from child left join division t on t.level = 4 and left(t.code, length(child.code)) = child.code
      group by child.code, child.name
    union all
    select child.code, child.name, 0, s.status, count(*)::int
      from child join station s on left(s.division_code, length(child.code)) = child.code
      group by child.code, child.name, s.status
  `.execute(tx);
  const byCode = new Map<string, CoverageRow>();
  for (const r of rows.rows) {
    const row = byCode.get(r.code) ?? { code: r.code, name: r.name, townships: 0, stations: emptyCounts(), coverage: 0 };
    if (r.status === null) row.townships = r.townships;
    else row.stations[r.status as StationStatus] = r.n;
    byCode.set(r.code, row);
  }
  const children = [...byCode.values()].sort((a, b) => a.code.localeCompare(b.code));
  const total = { townships: 0, stations: emptyCounts() };
  for (const row of children) {
    row.coverage = coverageRatio(row.stations.active, row.townships);
    total.townships += row.townships;
    for (const s of STATION_STATUSES) total.stations[s] += row.stations[s];
  }
  return {
    division: { code: parent.code, name: parent.name, level: parent.level },
    children,
    total: { ...total, coverage: coverageRatio(total.stations.active, total.townships) },
  };
}
