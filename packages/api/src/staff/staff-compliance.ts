import type { Tx } from "@shegong/db";
import {
  agreementInForceOn,
  BLOCKING_STAFF_FLAGS,
  bilingual,
  CERTIFICATE_WARNING_DAYS,
  isStationedOn,
  staffCompliance,
  staffingCheck,
  stationingRefusal,
  STAFF_FLAGS,
  type QualificationLevel,
  type StaffFlag,
  type StaffQualification,
  type TStationing,
} from "@shegong/domain";
import { STAFF_COLUMNS, staffQualifications, staffRowOf } from "../cases/supervision.ts";
import { appError } from "../errors.ts";
import { supervisedStations } from "../shared/supervised-stations.ts";
import { auditAs, type ServiceActor } from "../shared/service-actor.ts";

/**
 * Staff compliance (issue 5 item 4, R7, R15): the station's members with what their records say,
 * and the staffing the agreement in force buys. The qualification fields are edited where
 * supervision sign-off reads them (cases.setStaffQualification); stationing is edited here.
 */

/** The agreement covering `today` (agreementInForceOn), whose staffing the station owes. */
export async function agreementInForce(tx: Tx, stationIds: readonly string[], today: string) {
  const inForce = new Map<string, { id: string; staffingRequired: number; serviceEnd: string }>();
  if (stationIds.length === 0) return inForce;
  const rows = await tx
    .selectFrom("service_agreement")
    .select(["station_id", "id", "staffing_required", "service_start", "service_end", "status", "created_at"])
    .where("station_id", "in", [...stationIds])
    .where("service_start", "<=", today)
    .where("service_end", ">=", today)
    .execute();
  // One pass to group (the bureau's panel asks for every station under it at once).
  const byStation = new Map<string, (typeof rows)[number][]>();
  for (const r of rows) {
    const own = byStation.get(r.station_id);
    if (own) own.push(r);
    else byStation.set(r.station_id, [r]);
  }
  for (const [stationId, own] of byStation) {
    const agreement = agreementInForceOn(own.map((r) => ({ ...r, serviceStart: r.service_start, serviceEnd: r.service_end, createdAt: r.created_at })), today);
    if (agreement) inForce.set(stationId, { id: agreement.id, staffingRequired: agreement.staffing_required, serviceEnd: agreement.service_end });
  }
  return inForce;
}

interface StaffRecord extends StaffQualification {
  userId: string | null;
  education: string | null;
  certificateNo: string | null;
  supervisorUserId: string | null;
  stationedOn: string | null;
  leftOn: string | null;
}

/** R7 per record, the supervisor's own record looked up among the same station's. */
function complianceOf(records: readonly StaffRecord[], today: string, warningDays: number) {
  const byUser = new Map(records.filter((r) => r.userId).map((r) => [r.userId as string, r]));
  return records.map((r) => {
    const supervisor = r.supervisorUserId ? (byUser.get(r.supervisorUserId) ?? null) : null;
    return staffCompliance({ ...r, supervisorAssigned: r.supervisorUserId !== null, supervisor }, today, warningDays);
  });
}

/**
 * The station's own panel: every member with flags, and the staffing against the agreement. Staff
 * records without a login (a worker who does not use the system) count too, as the bureau's panel
 * counts them; sign-off never involves them.
 */
export async function staffOverview(tx: Tx, stationId: string, today: string, warningDays = CERTIFICATE_WARNING_DAYS) {
  const [members, withoutLogin] = await Promise.all([
    staffQualifications(tx, stationId, today),
    tx
      .selectFrom("staff_member as s")
      .leftJoin("app_user as sup", "sup.id", "s.supervisor_user_id")
      .select(["s.display_name", ...STAFF_COLUMNS])
      .where("s.station_id", "=", stationId)
      .where("s.user_id", "is", null)
      .orderBy("s.display_name")
      .execute(),
  ]);
  const rows = [...members, ...withoutLogin.map((r) => staffRowOf({ ...r, user_id: null, role: null }, today))];
  const records: StaffRecord[] = rows.map((m) => ({ ...m, qualificationLevel: m.qualificationLevel as QualificationLevel | null }));
  const compliance = complianceOf(records, today, warningDays);
  const agreement = (await agreementInForce(tx, [stationId], today)).get(stationId) ?? null;
  const staff = rows.map((m, i) => ({ ...m, stationed: isStationedOn(m.stationedOn, m.leftOn, today), ...compliance[i]! }));
  const stationed = staff.filter((s) => s.stationed);
  return {
    today,
    warningDays,
    agreement,
    staffing: staffingCheck(agreement?.staffingRequired ?? null, stationed.length),
    staff,
    // Only stationed workers count against the station: a member who never was, or left, owes nothing.
    flagCounts: countFlags(stationed.map((s) => s.flags)),
  };
}

function countFlags(flagLists: readonly StaffFlag[][]): Record<StaffFlag, number> {
  const counts = Object.fromEntries(STAFF_FLAGS.map((f) => [f, 0])) as Record<StaffFlag, number>;
  for (const flags of flagLists) for (const f of flags) counts[f] += 1;
  return counts;
}

/** R7: stationing needs a diploma or above; leaving is always allowed. Keyed by the staff record (some have no login). */
export async function setStationing(tx: Tx, actor: ServiceActor, staffId: string, stationing: TStationing) {
  const record = await tx
    .selectFrom("staff_member")
    .select(["id", "user_id", "education", "stationed_on", "left_on"])
    .where("station_id", "=", actor.stationId)
    .where("id", "=", staffId)
    .forUpdate()
    .executeTakeFirst();
  if (!record) throw appError("NOT_FOUND");
  const stillStationed = stationing.stationedOn !== null && stationing.leftOn === null;
  if (stillStationed) {
    const refusal = stationingRefusal(record.education);
    if (refusal) throw appError(refusal.reason === "below_diploma" ? "STAFF_BELOW_DIPLOMA" : "VALIDATION", { fieldErrors: { education: [bilingual(refusal.message)] } });
  }
  await tx
    .updateTable("staff_member")
    .set({ stationed_on: stationing.stationedOn, left_on: stationing.leftOn, updated_at: new Date() })
    .where("station_id", "=", actor.stationId)
    .where("id", "=", record.id)
    .execute();
  await auditAs(tx, actor, "staff.stationing.set", record.user_id ?? record.id, { staffId: record.id, previous: { stationedOn: record.stationed_on, leftOn: record.left_on }, next: stationing });
  return { ok: true as const };
}

/**
 * The bureaus' panel (R15): per station under the division, staffing against the agreement and
 * how many stationed workers carry each flag. Counts only, no names: the bureau opens a station's
 * workspace (audited) to see who.
 */
export async function compliancePanel(tx: Tx, divisionCode: string, today: string, warningDays = CERTIFICATE_WARNING_DAYS) {
  const stations = await supervisedStations(tx, divisionCode);
  const ids = stations.map((s) => s.id);
  if (ids.length === 0) return [];
  const year = today.slice(0, 4);
  const [records, agreements, trainings] = await Promise.all([
    tx
      .selectFrom("staff_member")
      .select(["station_id", "user_id", "education", "major", "qualification_level", "certificate_no", "certificate_expires_on", "supervisor_user_id", "stationed_on", "left_on"])
      .where("station_id", "in", ids)
      .execute(),
    agreementInForce(tx, ids, today),
    tx
      .selectFrom("training_record")
      .select(["station_id", "kind", (eb) => eb.fn.countAll<number>().as("count"), (eb) => eb.fn.sum<number>("hours").as("hours")])
      .where("station_id", "in", ids)
      .where("started_on", ">=", `${year}-01-01`)
      .where("started_on", "<=", `${year}-12-31`)
      .groupBy(["station_id", "kind"])
      .execute(),
  ]);
  return stations.map((s) => {
    const own: StaffRecord[] = records
      .filter((r) => r.station_id === s.id)
      .map((r) => ({
        userId: r.user_id,
        education: r.education,
        major: r.major,
        qualificationLevel: r.qualification_level as QualificationLevel | null,
        certificateNo: r.certificate_no,
        certificateExpiresOn: r.certificate_expires_on,
        supervisorUserId: r.supervisor_user_id,
        stationedOn: r.stationed_on,
        leftOn: r.left_on,
      }));
    const compliance = complianceOf(own, today, warningDays);
    const stationed = own.map((r, i) => ({ r, c: compliance[i]! })).filter(({ r }) => isStationedOn(r.stationedOn, r.leftOn, today));
    const agreement = agreements.get(s.id) ?? null;
    const staffing = staffingCheck(agreement?.staffingRequired ?? null, stationed.length);
    const flagCounts = countFlags(stationed.map(({ c }) => c.flags));
    const ownTrainings = trainings.filter((t) => t.station_id === s.id);
    return {
      stationId: s.id,
      plaqueName: s.plaque_name,
      divisionCode: s.division_code,
      ...staffing,
      qualified: stationed.filter(({ c }) => c.qualified).length,
      flagCounts,
      // Non-compliant now (not merely warned ahead): short of staff, or a blocking flag on someone.
      compliant: (staffing.shortfall ?? 1) === 0 && [...BLOCKING_STAFF_FLAGS].every((f) => flagCounts[f] === 0),
      trainingsThisYear: ownTrainings.reduce((n, t) => n + Number(t.count), 0),
      trainingHoursThisYear: ownTrainings.reduce((n, t) => n + Number(t.hours ?? 0), 0),
      townshipOfficerTrainingsThisYear: Number(ownTrainings.find((t) => t.kind === "township_officers")?.count ?? 0),
    };
  });
}
