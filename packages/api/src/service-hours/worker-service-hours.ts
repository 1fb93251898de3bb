import type { Tx } from "@shegong/db";
import { SERVICE_RECORD_KINDS, workerServiceHours, type ServiceRecordKind, type WorkerServiceRecord } from "@shegong/domain";
import { yearRange } from "../activities/list-activities.ts";
import { workRecords } from "../worklogs/work-records.ts";

const SERVICE: ReadonlySet<string> = new Set(SERVICE_RECORD_KINDS);

/**
 * Each worker's service time in a year from every record that carries a duration: visits, case
 * services and activities they are named on, follow-ups they recorded (issue 4 item 7). Supervision
 * develops the workers and is not service time.
 */
export async function serviceHoursByWorker(tx: Tx, stationId: string, year: number) {
  const records: WorkerServiceRecord[] = (await workRecords(tx, stationId, yearRange(year)))
    .filter((r) => SERVICE.has(r.kind))
    .flatMap((r) => r.workerUserIds.map((userId) => ({ userId, kind: r.kind as ServiceRecordKind, on: r.on, minutes: r.minutes })));
  const hours = workerServiceHours(records, year);
  const names = hours.length === 0 ? [] : await tx.selectFrom("app_user").select(["id", "display_name"]).where("id", "in", hours.map((h) => h.userId)).execute();
  const nameOf = new Map(names.map((n) => [n.id, n.display_name]));
  return hours.map((h) => ({ ...h, name: nameOf.get(h.userId) ?? "—" })).sort((a, b) => b.minutes - a.minutes);
}
