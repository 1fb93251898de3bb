import type { Tx } from "@shegong/db";
import { agreementInForceOn, holdsValidQualification, isStationedOn, monthAsOf, monthStart, todayInShanghai, type IndicatorId, type QualificationLevel } from "@shegong/domain";
import { sql } from "kysely";
import { heldOn, registeredOn } from "../registry/person-categories.ts";
import { dueList } from "../visits/due-list.ts";

export interface Fact {
  /** 'YYYY-MM' */
  month: string;
  indicator: IndicatorId;
  dimension: string;
  value: number;
}

/**
 * Every indicator of one station for the given months, computed from the raw facts with the same
 * rules the station's own pages use (heldOn, registeredOn, the due list, the qualification rule):
 * one definition, so a rollup can always be checked against a recomputation.
 */
export async function computeStationFacts(tx: Tx, stationId: string, months: string[], today: string): Promise<Fact[]> {
  if (months.length === 0) return [];
  const facts: Fact[] = [];
  const push = (month: string, indicator: IndicatorId, dimension: string, value: number) => facts.push({ month, indicator, dimension, value: Number(value) });
  const asOf = months.map((m) => monthAsOf(m, today));
  // The months as a relation m(month, as_of): stocks are read on as_of, flows within the month.
  const monthsRelation = sql`unnest(${months.map(monthStart)}::date[], ${asOf}::date[]) as m(month, as_of)`;
  const first = monthStart([...months].sort()[0]!);
  const monthKey = (d: string) => d.slice(0, 7);
  // A flow's rows: dated within one of the months (the lower bound lets an index on the date serve).
  const inMonths = (column: string) => sql`${sql.ref(column)} >= ${first}::date and date_trunc('month', ${sql.ref(column)})::date = any(${months.map(monthStart)}::date[])`;

  const registered = await sql<{ month: string; n: number }>`
    select m.month::text as month, count(p.id)::int as n from ${monthsRelation}
    join person p on p.station_id = ${stationId} and ${registeredOn(sql.ref("m.as_of"))}
    group by m.month`.execute(tx);
  for (const r of registered.rows) push(monthKey(r.month), "people.registered", "", r.n);

  const byCategory = await sql<{ month: string; category: string; n: number }>`
    select m.month::text as month, pc.category, count(distinct pc.person_id)::int as n from ${monthsRelation}
    join person_category pc on pc.station_id = ${stationId}
    join person p on p.station_id = pc.station_id and p.id = pc.person_id
    where ${heldOn(sql.ref("m.as_of"))}
    group by m.month, pc.category`.execute(tx);
  for (const r of byCategory.rows) push(monthKey(r.month), "people.category", r.category, r.n);

  const visits = await sql<{ month: string; kind: string; n: number; minutes: number; risks: number }>`
    select date_trunc('month', v.visited_on)::date::text as month, v.kind, count(*)::int as n,
      sum(v.duration_minutes)::int as minutes, (count(*) filter (where v.risk in ('medium', 'high')))::int as risks
    from visit v where v.station_id = ${stationId} and ${inMonths("v.visited_on")}
    group by 1, v.kind`.execute(tx);
  const perMonth = new Map<string, { minutes: number; risks: number }>();
  for (const r of visits.rows) {
    push(monthKey(r.month), "visits.done", r.kind, r.n);
    const total = perMonth.get(r.month) ?? { minutes: 0, risks: 0 };
    perMonth.set(r.month, { minutes: total.minutes + r.minutes, risks: total.risks + r.risks });
  }
  for (const [month, total] of perMonth) {
    push(monthKey(month), "visits.minutes", "", total.minutes);
    push(monthKey(month), "visits.risks_raised", "", total.risks);
  }

  // A household visit reaches its head (the register's person for the household).
  const reached = await sql<{ month: string; n: number }>`
    select date_trunc('month', v.visited_on)::date::text as month, count(distinct coalesce(v.person_id, h.id))::int as n
    from visit v
    left join person h on h.station_id = v.station_id and h.household_id = v.household_id and h.relation_to_head = 'head'
    where v.station_id = ${stationId} and ${inMonths("v.visited_on")}
    group by 1`.execute(tx);
  for (const r of reached.rows) push(monthKey(r.month), "visits.people_reached", "", r.n);

  for (const [i, month] of months.entries()) {
    const due = await dueList(tx, stationId, { today: asOf[i]! });
    push(month, "visits.overdue", "", due.filter((d) => d.status === "overdue").length);
  }

  const caseFlows = await sql<{ month: string; opened: number; closed: number }>`
    select m.month::text as month,
      (select count(*) from social_case c where c.station_id = ${stationId} and date_trunc('month', c.intake_on) = m.month)::int as opened,
      (select count(*) from social_case c where c.station_id = ${stationId} and date_trunc('month', c.closed_on) = m.month)::int as closed
    from ${monthsRelation}`.execute(tx);
  const caseStocks = await sql<{ month: string; open: number; high: number }>`
    select m.month::text as month, count(c.id)::int as open,
      (count(c.id) filter (where c.risk_level in ('high', 'critical')))::int as high
    from ${monthsRelation}
    left join social_case c on c.station_id = ${stationId} and c.intake_on <= m.as_of and (c.closed_on is null or c.closed_on > m.as_of)
    group by m.month`.execute(tx);
  const service = await sql<{ month: string; minutes: number }>`
    select date_trunc('month', s.served_on)::date::text as month, sum(s.duration_minutes)::int as minutes
    from case_service s where s.station_id = ${stationId} and ${inMonths("s.served_on")}
    group by 1`.execute(tx);
  for (const r of caseFlows.rows) {
    push(monthKey(r.month), "cases.opened", "", r.opened);
    push(monthKey(r.month), "cases.closed", "", r.closed);
  }
  for (const r of caseStocks.rows) {
    push(monthKey(r.month), "cases.open", "", r.open);
    push(monthKey(r.month), "cases.open_high_risk", "", r.high);
  }
  for (const r of service.rows) push(monthKey(r.month), "cases.service_minutes", "", r.minutes);

  const activities = await sql<{ month: string; kind: string; n: number; attendance: number }>`
    select date_trunc('month', a.held_on)::date::text as month, a.kind, count(*)::int as n,
      (sum(a.others_count) + sum((select count(*) from activity_attendee t where t.station_id = a.station_id and t.activity_id = a.id)))::int as attendance
    from activity a where a.station_id = ${stationId} and ${inMonths("a.held_on")}
    group by 1, a.kind`.execute(tx);
  const attendance = new Map<string, number>();
  for (const r of activities.rows) {
    push(monthKey(r.month), "activities.held", r.kind, r.n);
    attendance.set(r.month, (attendance.get(r.month) ?? 0) + r.attendance);
  }
  for (const [month, n] of attendance) push(monthKey(month), "activities.attendance", "", n);
  const volunteering = await sql<{ month: string; minutes: number }>`
    select date_trunc('month', a.held_on)::date::text as month, sum(v.minutes)::int as minutes
    from activity_volunteer v join activity a on a.station_id = v.station_id and a.id = v.activity_id
    where v.station_id = ${stationId} and ${inMonths("a.held_on")}
    group by 1`.execute(tx);
  for (const r of volunteering.rows) push(monthKey(r.month), "volunteers.minutes", "", r.minutes);
  const resources = await sql<{ month: string; kind: string; fen: number }>`
    select date_trunc('month', r.received_on)::date::text as month, r.kind, sum(r.value_fen)::int8 as fen
    from linked_resource r where r.station_id = ${stationId} and ${inMonths("r.received_on")}
    group by 1, r.kind`.execute(tx);
  for (const r of resources.rows) push(monthKey(r.month), "resources.value_fen", r.kind, r.fen);
  const supervision = await sql<{ month: string; n: number; minutes: number }>`
    select date_trunc('month', s.held_on)::date::text as month, count(*)::int as n, sum(s.duration_minutes)::int as minutes
    from supervision_session s where s.station_id = ${stationId} and ${inMonths("s.held_on")}
    group by 1`.execute(tx);
  for (const r of supervision.rows) {
    push(monthKey(r.month), "supervision.sessions", "", r.n);
    push(monthKey(r.month), "supervision.minutes", "", r.minutes);
  }
  const satisfaction = await sql<{ month: string; n: number; total: number }>`
    select date_trunc('month', f.followed_up_on)::date::text as month, count(*)::int as n, sum(f.score)::int as total
    from satisfaction_followup f where f.station_id = ${stationId} and ${inMonths("f.followed_up_on")}
    group by 1`.execute(tx);
  for (const r of satisfaction.rows) {
    push(monthKey(r.month), "satisfaction.responses", "", r.n);
    push(monthKey(r.month), "satisfaction.score_total", "", r.total);
  }

  // Money through the purchase agreements (R14): allocations by source, payments, spending by category.
  const funds = await sql<{ month: string; indicator: IndicatorId; dimension: string; fen: number }>`
    select date_trunc('month', a.allocated_on)::date::text as month, 'funds.allocated_fen' as indicator, a.source as dimension, sum(a.amount_fen)::int8 as fen
    from fund_allocation a where a.station_id = ${stationId} and ${inMonths("a.allocated_on")} group by 1, a.source
    union all
    select date_trunc('month', d.paid_on)::date::text, 'funds.disbursed_fen', '', sum(d.amount_fen)::int8
    from fund_disbursement d where d.station_id = ${stationId} and ${inMonths("d.paid_on")} group by 1
    union all
    select date_trunc('month', s.spent_on)::date::text, 'funds.spent_fen', s.category, sum(s.amount_fen)::int8
    from fund_spending s where s.station_id = ${stationId} and ${inMonths("s.spent_on")} group by 1, s.category`.execute(tx);
  for (const r of funds.rows) push(monthKey(r.month), r.indicator, r.dimension, r.fen);

  // Payout verification (issue 6): discrepancies found by the day they were found, by rule, and
  // those settled by the day they were settled (Beijing days).
  const found = sql`(d.created_at at time zone 'Asia/Shanghai')::date`;
  const settled = sql`(d.settled_at at time zone 'Asia/Shanghai')::date`;
  const monthStarts = months.map(monthStart);
  const payouts = await sql<{ month: string; indicator: IndicatorId; dimension: string; n: number }>`
    select date_trunc('month', ${found})::date::text as month, 'payouts.found' as indicator, d.rule as dimension, count(*)::int as n
    from payout_discrepancy d where d.station_id = ${stationId} and ${found} >= ${first}::date and date_trunc('month', ${found})::date = any(${monthStarts}::date[])
    group by 1, d.rule
    union all
    select date_trunc('month', ${settled})::date::text, 'payouts.settled', '', count(*)::int
    from payout_discrepancy d where d.station_id = ${stationId} and d.status = 'settled' and ${settled} >= ${first}::date and date_trunc('month', ${settled})::date = any(${monthStarts}::date[])
    group by 1`.execute(tx);
  for (const r of payouts.rows) push(monthKey(r.month), r.indicator, r.dimension, r.n);

  // The staffing each month's agreement in force requires, by the staff panel's own rule.
  const agreements = (
    await tx.selectFrom("service_agreement").select(["service_start", "service_end", "status", "created_at", "staffing_required"]).where("station_id", "=", stationId).execute()
  ).map((a) => ({ serviceStart: a.service_start, serviceEnd: a.service_end, status: a.status, createdAt: a.created_at, staffingRequired: a.staffing_required }));
  for (const [i, month] of months.entries()) {
    const agreement = agreementInForceOn(agreements, asOf[i]!);
    if (agreement) push(month, "staff.required", "", agreement.staffingRequired);
  }

  // Staff have no dated history beyond when they were entered: a month counts those entered by then.
  const staff = await tx
    .selectFrom("staff_member")
    .select(["created_at", "qualification_level", "major", "certificate_expires_on", "stationed_on", "left_on"])
    .where("station_id", "=", stationId)
    .execute();
  for (const [i, month] of months.entries()) {
    const day = asOf[i]!;
    const present = staff.filter((s) => todayInShanghai(s.created_at) <= day);
    push(month, "staff.total", "", present.length);
    push(month, "staff.stationed", "", staff.filter((s) => isStationedOn(s.stationed_on, s.left_on, day)).length);
    push(
      month,
      "staff.qualified",
      "",
      present.filter((s) => holdsValidQualification({ qualificationLevel: s.qualification_level as QualificationLevel | null, major: s.major, certificateExpiresOn: s.certificate_expires_on }, day)).length,
    );
  }
  return facts.filter((f) => f.value !== 0 || f.indicator === "people.registered");
}
