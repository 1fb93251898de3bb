import type { Tx } from "@shegong/db";
import type { WorkRecord } from "@shegong/domain";
import { sql } from "kysely";

/**
 * Every record with a duration in a date range at a station, as WorkRecords (issue 4 item 8):
 * visits, case services, activities, follow-ups and supervision sessions. With `userId`, only the
 * records that name that worker (or, for a follow-up, that they recorded).
 */
export async function workRecords(tx: Tx, stationId: string, range: { from: string; to: string }, userId?: string): Promise<WorkRecord[]> {
  const mine = (workers: ReturnType<typeof sql>) => (userId ? sql`and ${userId}::uuid = any(${workers})` : sql``);
  const visitWorkers = sql`array(select w.user_id from visit_worker w where w.station_id = v.station_id and w.visit_id = v.id)`;
  const visits = await sql<Row>`
    select v.id, v.visited_on::text as on, v.duration_minutes as minutes, v.area, v.kind as type,
      coalesce(p.name, h.name || '户') as title, array_remove(array[coalesce(v.person_id, h.id)], null) as person_ids, 0 as others,
      ${visitWorkers} as workers
    from visit v
    left join person p on p.station_id = v.station_id and p.id = v.person_id
    left join person h on h.station_id = v.station_id and h.household_id = v.household_id and h.relation_to_head = 'head'
    where v.station_id = ${stationId} and v.visited_on between ${range.from} and ${range.to} ${mine(visitWorkers)}`.execute(tx);
  const services = await sql<Row>`
    select s.id, s.served_on::text as on, s.duration_minutes as minutes, null::text as area, s.area as type,
      c.case_no || ' ' || p.name as title, array[c.person_id] as person_ids, 0 as others, s.worker_user_ids as workers
    from case_service s
    join social_case c on c.station_id = s.station_id and c.id = s.case_id
    join person p on p.station_id = c.station_id and p.id = c.person_id
    where s.station_id = ${stationId} and s.served_on between ${range.from} and ${range.to} ${mine(sql`s.worker_user_ids`)}`.execute(tx);
  const activityWorkers = sql`array(select w.user_id from activity_worker w where w.station_id = a.station_id and w.activity_id = a.id)`;
  const activities = await sql<Row>`
    select a.id, a.held_on::text as on, a.duration_minutes as minutes, a.area, a.kind as type, a.topic as title,
      array(select t.person_id from activity_attendee t where t.station_id = a.station_id and t.activity_id = a.id) as person_ids,
      a.others_count as others, ${activityWorkers} as workers
    from activity a
    where a.station_id = ${stationId} and a.held_on between ${range.from} and ${range.to} ${mine(activityWorkers)}`.execute(tx);
  const followupWorkers = sql`array_remove(array[f.recorded_by], null)`;
  const followups = await sql<Row>`
    select f.id, f.followed_up_on::text as on, f.duration_minutes as minutes, null::text as area, f.mode as type,
      case f.subject_kind when 'case' then (select c.case_no from social_case c where c.station_id = f.station_id and c.id = f.subject_id)
        else (select a.topic from activity a where a.station_id = f.station_id and a.id = f.subject_id) end as title,
      array_remove(array[f.respondent_person_id], null) as person_ids, 0 as others, ${followupWorkers} as workers
    from satisfaction_followup f
    where f.station_id = ${stationId} and f.followed_up_on between ${range.from} and ${range.to} ${mine(followupWorkers)}`.execute(tx);
  const supervisionWorkers = sql`array_remove(array(select t.user_id from supervision_attendee t where t.station_id = s.station_id and t.session_id = s.id) || s.supervisor_user_id, null)`;
  const supervision = await sql<Row>`
    select s.id, s.held_on::text as on, s.duration_minutes as minutes, null::text as area, s.format as type, s.topics as title,
      array[]::uuid[] as person_ids, 0 as others, ${supervisionWorkers} as workers
    from supervision_session s
    where s.station_id = ${stationId} and s.held_on between ${range.from} and ${range.to} ${mine(supervisionWorkers)}`.execute(tx);
  const as = (kind: WorkRecord["kind"], rows: Row[]): WorkRecord[] =>
    rows.map((r) => ({ kind, id: r.id, on: r.on, minutes: r.minutes, area: r.area, type: r.type, title: r.title ?? "", personIds: r.person_ids ?? [], othersCount: r.others, workerUserIds: r.workers ?? [] }));
  return [
    ...as("visit", visits.rows),
    ...as("case_service", services.rows),
    ...as("activity", activities.rows),
    ...as("followup", followups.rows),
    ...as("supervision", supervision.rows),
  ].sort((a, b) => (a.on === b.on ? a.kind.localeCompare(b.kind) : a.on < b.on ? -1 : 1));
}

interface Row {
  id: string;
  on: string;
  minutes: number;
  area: string | null;
  type: string;
  title: string | null;
  person_ids: string[] | null;
  others: number;
  workers: string[] | null;
}
