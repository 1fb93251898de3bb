import { sql, type Kysely } from "kysely";
import type { Tx } from "./tenant.ts";
import { PLATFORM_CHAIN_ID, type Database } from "./schema.ts";

export interface AuditEntry {
  /** The station whose chain records it; omit for platform events (logins, user administration). */
  stationId?: string | null;
  actorUserId?: string | null;
  actorName?: string | null;
  action: string;
  target?: string | null;
  outcome: "success" | "failure" | "denied";
  ip?: string | null;
  detail?: Record<string, unknown>;
}

function auditRow(entry: AuditEntry) {
  return {
    station_id: entry.stationId ?? PLATFORM_CHAIN_ID,
    actor_user_id: entry.actorUserId ?? null,
    actor_name: entry.actorName ?? null,
    action: entry.action,
    target: entry.target ?? null,
    outcome: entry.outcome,
    ip: entry.ip ?? null,
    detail: JSON.stringify(entry.detail ?? {}),
  };
}

/** Appends to the station's hash chain; sequence, time and hashes are set by the database. */
export async function recordAudit(tx: Tx | Kysely<Database>, entry: AuditEntry): Promise<void> {
  await tx.insertInto("audit_event").values(auditRow(entry)).execute();
}

/** Many events in one statement (bulk onboarding writes one per station). */
export async function recordAuditMany(tx: Tx, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await tx.insertInto("audit_event").values(entries.map(auditRow)).execute();
}

export interface AuditChainBreak {
  stationId: string;
  seq: number;
  reason: "hash" | "link" | "gap";
}

export interface AuditVerification {
  chains: number;
  events: number;
  firstBreak: AuditChainBreak | null;
}

/**
 * Recomputes every chain with the same SQL function the insert trigger uses, and names the first
 * broken link. A pruned chain starts from its checkpoint (the last pruned event's seq and hash).
 * Runs as the owner: it must see every station's chain (or the one chain asked for).
 */
export async function verifyAuditChains(owner: Kysely<Database>, stationId?: string): Promise<AuditVerification> {
  const result = await sql<{
    station_id: string;
    seq: number;
    ok_hash: boolean;
    ok_link: boolean;
    ok_seq: boolean;
  }>`
    select e.station_id, e.seq,
      e.hash = audit_event_hash(e.prev_hash, e) as ok_hash,
      e.prev_hash = coalesce(lag(e.hash) over w, c.through_hash, '\\x'::bytea) as ok_link,
      e.seq = coalesce(c.through_seq, 0) + row_number() over w as ok_seq
    from audit_event e left join audit_checkpoint c on c.station_id = e.station_id
    where ${stationId ?? null}::uuid is null or e.station_id = ${stationId ?? null}::uuid
    window w as (partition by e.station_id order by e.seq)
    order by e.station_id, e.seq`.execute(owner);
  const chains = new Set<string>();
  let firstBreak: AuditChainBreak | null = null;
  for (const row of result.rows) {
    chains.add(row.station_id);
    if (firstBreak) continue;
    const reason = !row.ok_seq ? "gap" : !row.ok_hash ? "hash" : !row.ok_link ? "link" : null;
    if (reason) firstBreak = { stationId: row.station_id, seq: Number(row.seq), reason };
  }
  return { chains: chains.size, events: result.rows.length, firstBreak };
}
