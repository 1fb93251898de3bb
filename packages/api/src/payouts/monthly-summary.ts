import type { Tx } from "@shegong/db";
import { PAYOUT_RULE_KEYS, type PayoutKindKey, type PayoutReportRecipient, type PayoutRuleKey } from "@shegong/domain";
import { sql } from "kysely";

export interface PayoutStationSummary {
  stationId: string;
  plaqueName: string;
  divisionCode: string;
  rosters: number;
  rowsTotal: number;
  reportsSigned: number;
  reportsSent: number;
  /** Where this station's reports went this month (township or county). */
  sentTo: PayoutReportRecipient[];
  open: number;
  settled: number;
  byRule: Record<PayoutRuleKey, { open: number; settled: number }>;
}

/**
 * The bureau's monthly summary across its stations (issue 6 item 4): per station, rosters, rows,
 * reports signed and sent, and findings per rule open and settled — counts only, never a name, an
 * ID or an amount of a person. Read under the caller's division scope, so row-level security
 * admits only stations below it.
 */
export async function payoutMonthlySummary(tx: Tx, divisionCode: string, month: string, kind?: PayoutKindKey): Promise<PayoutStationSummary[]> {
  const under = `${divisionCode}%`;
  const kindFilter = kind ? sql`and o.kind = ${kind}` : sql``;
  const [stations, rosters, findings] = await Promise.all([
    tx.selectFrom("station").select(["id", "plaque_name", "division_code", "status"]).where("division_code", "like", under).orderBy("division_code").execute(),
    sql<{ station_id: string; rosters: number; rows_total: number; signed: number; sent: number; sent_to: string[] | null }>`
      select o.station_id, count(*)::int as rosters, sum(o.rows_total)::int as rows_total,
        count(rep.roster_id)::int as signed, count(rep.sent_at)::int as sent,
        array_remove(array_agg(distinct rep.sent_to), null) as sent_to
      from payout_roster o
      left join payout_report rep on rep.station_id = o.station_id and rep.roster_id = o.id
      where o.month = ${month} ${kindFilter}
        and o.station_id in (select id from station where division_code like ${under})
      group by o.station_id`.execute(tx),
    sql<{ station_id: string; rule: PayoutRuleKey; open: number; settled: number }>`
      select d.station_id, d.rule, count(*) filter (where d.status = 'open')::int as open,
        count(*) filter (where d.status = 'settled')::int as settled
      from payout_discrepancy d
      join payout_roster o on o.station_id = d.station_id and o.id = d.roster_id
      where o.month = ${month} ${kindFilter}
        and o.station_id in (select id from station where division_code like ${under})
      group by d.station_id, d.rule`.execute(tx),
  ]);
  const rosterOf = new Map(rosters.rows.map((r) => [r.station_id, r]));
  return stations
    .filter((s) => s.status === "active" || rosterOf.has(s.id))
    .map((s) => {
      const r = rosterOf.get(s.id);
      const byRule = Object.fromEntries(PAYOUT_RULE_KEYS.map((k) => [k, { open: 0, settled: 0 }])) as PayoutStationSummary["byRule"];
      for (const f of findings.rows) if (f.station_id === s.id && f.rule in byRule) byRule[f.rule] = { open: f.open, settled: f.settled };
      const counts = Object.values(byRule);
      return {
        stationId: s.id,
        plaqueName: s.plaque_name,
        divisionCode: s.division_code,
        rosters: r?.rosters ?? 0,
        rowsTotal: r?.rows_total ?? 0,
        reportsSigned: r?.signed ?? 0,
        reportsSent: r?.sent ?? 0,
        sentTo: (r?.sent_to ?? []) as PayoutReportRecipient[],
        open: counts.reduce((n, c) => n + c.open, 0),
        settled: counts.reduce((n, c) => n + c.settled, 0),
        byRule,
      };
    });
}
