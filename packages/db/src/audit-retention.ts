import { createHash, createPrivateKey, createPublicKey, randomBytes, sign, verify, type KeyObject } from "node:crypto";
import { sql, type Kysely } from "kysely";
import { recordAudit, verifyAuditChains, type AuditChainBreak } from "./audit.ts";
import { PLATFORM_CHAIN_ID, type Database } from "./schema.ts";

/**
 * The floor on audit retention: China's Cybersecurity Law (art. 21) and GB/T 22239 level 3 ask
 * for network logs kept at least six months. Configuration may lengthen it, never shorten it.
 */
export const AUDIT_RETENTION_MIN_MONTHS = 6;

/** The moment before which events may be pruned, `months` calendar months before `now`. */
export function auditRetentionCutoff(months: number, now: Date = new Date()): Date {
  if (!Number.isInteger(months) || months < AUDIT_RETENTION_MIN_MONTHS) {
    throw new Error(`audit retention must be at least ${AUDIT_RETENTION_MIN_MONTHS} months (got ${months})`);
  }
  const cutoff = new Date(now);
  cutoff.setUTCMonth(cutoff.getUTCMonth() - months);
  return cutoff;
}

export class AuditChainBrokenError extends Error {
  constructor(readonly chainBreak: AuditChainBreak) {
    super(`audit chain ${chainBreak.stationId} is broken at seq ${chainBreak.seq} (${chainBreak.reason})`);
  }
}

async function assertChainsIntact(owner: Kysely<Database>) {
  const verification = await verifyAuditChains(owner);
  if (verification.firstBreak) throw new AuditChainBrokenError(verification.firstBreak);
  return verification;
}

export interface AuditPruneResult {
  cutoff: string;
  chains: { stationId: string; pruned: number; throughSeq: number }[];
  pruned: number;
}

/**
 * Removes the events older than the cutoff from the head of each chain, in one transaction, and
 * moves the chain's checkpoint to the last one removed, so the verifier still links the oldest
 * kept event. The newest event of a chain always stays: the insert trigger continues from it.
 * A broken chain is never pruned (that would destroy the evidence); the run fails instead.
 */
export async function pruneAuditEvents(owner: Kysely<Database>, options: { cutoff: Date; dryRun?: boolean }): Promise<AuditPruneResult> {
  await assertChainsIntact(owner);
  return owner.transaction().execute(async (tx) => {
    // The prefix of each chain strictly older than the cutoff, never its newest event.
    const targets = await sql<{ station_id: string; through_seq: number }>`
      select station_id,
        least(coalesce(min(seq) filter (where occurred_at >= ${options.cutoff}), max(seq) + 1), max(seq)) - 1 as through_seq
      from audit_event group by station_id
      having least(coalesce(min(seq) filter (where occurred_at >= ${options.cutoff}), max(seq) + 1), max(seq)) - 1 >= min(seq)
      order by station_id`.execute(tx);
    const chains: AuditPruneResult["chains"] = [];
    for (const target of targets.rows) {
      const throughSeq = Number(target.through_seq);
      const last = await tx
        .selectFrom("audit_event")
        .select(["hash", "occurred_at"])
        .where("station_id", "=", target.station_id)
        .where("seq", "=", throughSeq)
        .executeTakeFirstOrThrow();
      const removed = options.dryRun
        ? await tx.selectFrom("audit_event").select((eb) => eb.fn.countAll<number>().as("n")).where("station_id", "=", target.station_id).where("seq", "<=", throughSeq).executeTakeFirstOrThrow().then((r) => Number(r.n))
        : Number((await tx.deleteFrom("audit_event").where("station_id", "=", target.station_id).where("seq", "<=", throughSeq).executeTakeFirstOrThrow()).numDeletedRows);
      if (!options.dryRun) {
        await tx
          .insertInto("audit_checkpoint")
          .values({ station_id: target.station_id, through_seq: throughSeq, through_hash: last.hash, through_occurred_at: last.occurred_at, pruned_events: removed })
          .onConflict((oc) =>
            oc.column("station_id").doUpdateSet((eb) => ({
              through_seq: eb.ref("excluded.through_seq"),
              through_hash: eb.ref("excluded.through_hash"),
              through_occurred_at: eb.ref("excluded.through_occurred_at"),
              pruned_events: sql`audit_checkpoint.pruned_events + excluded.pruned_events`,
              pruned_at: sql`now()`,
            })),
          )
          .execute();
      }
      chains.push({ stationId: target.station_id, pruned: removed, throughSeq });
    }
    const pruned = chains.reduce((sum, c) => sum + c.pruned, 0);
    if (!options.dryRun) {
      await recordAudit(tx, {
        stationId: PLATFORM_CHAIN_ID,
        actorName: "cli",
        action: "audit.prune",
        outcome: "success",
        ip: "cli",
        detail: { cutoff: options.cutoff.toISOString(), pruned, chains: chains.length },
      });
    }
    if (!options.dryRun && pruned > 0) {
      // Proven before commit: a prune that left a chain unverifiable is rolled back.
      const after = await verifyAuditChains(tx);
      if (after.firstBreak) throw new AuditChainBrokenError(after.firstBreak);
    }
    return { cutoff: options.cutoff.toISOString(), chains, pruned };
  });
}

// Ed25519 keys travel as their 32-byte seed (private) or raw 32-byte point (public), base64; these
// fixed DER prefixes (RFC 8410) wrap them for node:crypto.
const PKCS8_ED25519 = Buffer.from("302e020100300506032b657004220420", "hex");
const SPKI_ED25519 = Buffer.from("302a300506032b6570032100", "hex");

export interface AuditSigningKey {
  privateKey: KeyObject;
  /** base64 of the raw 32-byte public key: what the receiving system is given. */
  publicKey: string;
}

export function auditSigningKey(seedBase64: string): AuditSigningKey {
  const seed = Buffer.from(seedBase64, "base64");
  if (seed.length !== 32) throw new Error("SHEGONG_AUDIT_SIGNING_KEY must be base64 of 32 bytes (pnpm shegong audit keygen)");
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519, seed]), format: "der", type: "pkcs8" });
  const spki = createPublicKey(privateKey).export({ format: "der", type: "spki" });
  return { privateKey, publicKey: spki.subarray(SPKI_ED25519.length).toString("base64") };
}

export function generateAuditSigningSeed(): string {
  return randomBytes(32).toString("base64");
}

function signLine(key: KeyObject, body: Record<string, unknown>): string {
  const text = JSON.stringify(body);
  const sig = sign(null, Buffer.from(text, "utf8"), key).toString("base64");
  // The signed bytes are the line without its last member: `,"sig":"…"` removed before the `}`.
  return `${text.slice(0, -1)},"sig":"${sig}"}`;
}

export interface AuditExportEvent {
  type: "event";
  station_id: string;
  seq: number;
  occurred_at: string;
  actor_user_id: string | null;
  actor_name: string | null;
  action: string;
  target: string | null;
  outcome: string;
  ip: string | null;
  /** The jsonb text exactly as hashed, so a receiver can recompute the chain. */
  detail: string;
  prev_hash: string;
  hash: string;
}

export interface AuditExportSummary {
  events: number;
  chains: number;
  since: string;
  publicKey: string;
}

const EXPORT_BATCH = 5000;

/**
 * Writes the events since a moment as signed JSON lines: a header, one line per event (per chain,
 * in sequence), a trailer with the count, each chain's last exported link and the SHA-256 of all
 * lines before it. Every chain is verified first: a broken chain fails the export, loudly.
 */
export async function exportAuditEvents(
  owner: Kysely<Database>,
  options: { since: Date; key: AuditSigningKey; writeLine: (line: string) => void | Promise<void> },
): Promise<AuditExportSummary> {
  await assertChainsIntact(owner);
  const digest = createHash("sha256");
  const emit = async (body: Record<string, unknown>) => {
    const line = signLine(options.key.privateKey, body);
    digest.update(line + "\n");
    await options.writeLine(line);
  };
  const since = options.since.toISOString();
  await emit({ type: "header", format: "shegong-audit-export", version: 1, since, exportedAt: new Date().toISOString(), publicKey: options.key.publicKey });
  const heads: Record<string, { seq: number; hash: string }> = {};
  let events = 0;
  let after = { station: "", seq: 0 };
  for (;;) {
    // Keyset pages in chain order, so a large log streams instead of loading whole.
    const page = await sql<Omit<AuditExportEvent, "type">>`
      select station_id::text, seq, to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as occurred_at,
        actor_user_id::text, actor_name, action, target, outcome, ip, detail::text as detail,
        encode(prev_hash, 'hex') as prev_hash, encode(hash, 'hex') as hash
      from audit_event
      where occurred_at >= ${options.since} and (station_id::text, seq) > (${after.station}, ${after.seq})
      order by station_id::text, seq
      limit ${EXPORT_BATCH}`.execute(owner);
    for (const row of page.rows) {
      const event: AuditExportEvent = { type: "event", ...row, seq: Number(row.seq) };
      await emit(event as unknown as Record<string, unknown>);
      heads[event.station_id] = { seq: event.seq, hash: event.hash };
      events++;
    }
    const last = page.rows.at(-1);
    if (!last || page.rows.length < EXPORT_BATCH) break;
    after = { station: last.station_id, seq: Number(last.seq) };
  }
  const trailer = { type: "trailer", events, chains: Object.keys(heads).length, heads, linesSha256: digest.digest("hex") };
  await options.writeLine(signLine(options.key.privateKey, trailer));
  return { events, chains: trailer.chains, since, publicKey: options.key.publicKey };
}

/** The chain hash of an exported event, recomputed as the database's audit_event_hash does. */
export function auditEventHash(event: AuditExportEvent): string {
  const fields = [
    event.station_id,
    String(event.seq),
    event.occurred_at,
    event.actor_user_id ?? "",
    event.actor_name ?? "",
    event.action,
    event.target ?? "",
    event.outcome,
    event.ip ?? "",
    event.detail,
  ];
  return createHash("sha256").update(Buffer.from(event.prev_hash, "hex")).update(fields.join("|"), "utf8").digest("hex");
}

export interface AuditExportCheck {
  ok: boolean;
  events: number;
  problems: string[];
}

/**
 * What the receiving system does with an export: every line's signature (against the public key
 * it was given, or the header's when none), every event's hash recomputed, links within each chain,
 * and the trailer's count and digest.
 */
export function verifyAuditExport(text: string, expectedPublicKey?: string): AuditExportCheck {
  const problems: string[] = [];
  const lines = text.split("\n").filter((l) => l.length > 0);
  let key: KeyObject | null = null;
  const digest = createHash("sha256");
  const lastOf = new Map<string, AuditExportEvent>();
  let events = 0;
  let trailerSeen = false;
  lines.forEach((line, index) => {
    const where = `line ${index + 1}`;
    const match = /,"sig":"([A-Za-z0-9+/=]+)"\}$/.exec(line);
    if (!match) return void problems.push(`${where}: no signature`);
    const signed = `${line.slice(0, match.index)}}`;
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(signed) as Record<string, unknown>;
    } catch {
      return void problems.push(`${where}: not JSON`);
    }
    if (index === 0) {
      if (body.type !== "header" || body.format !== "shegong-audit-export") return void problems.push(`${where}: not a Shegong audit export`);
      const publicKey = expectedPublicKey ?? String(body.publicKey);
      if (expectedPublicKey && body.publicKey !== expectedPublicKey) problems.push(`${where}: signed with another key than the one expected`);
      key = createPublicKey({ key: Buffer.concat([SPKI_ED25519, Buffer.from(publicKey, "base64")]), format: "der", type: "spki" });
    }
    if (!key || !verify(null, Buffer.from(signed, "utf8"), key, Buffer.from(match[1] as string, "base64"))) problems.push(`${where}: bad signature`);
    if (body.type === "trailer") {
      trailerSeen = true;
      if (index !== lines.length - 1) problems.push(`${where}: lines after the trailer`);
      if (body.events !== events) problems.push(`trailer: ${String(body.events)} events announced, ${events} present`);
      if (body.linesSha256 !== digest.digest("hex")) problems.push("trailer: the lines' digest differs");
      return;
    }
    digest.update(line + "\n");
    if (body.type !== "event") return;
    const event = body as unknown as AuditExportEvent;
    events++;
    if (auditEventHash(event) !== event.hash) problems.push(`${where}: event ${event.station_id}#${event.seq} does not match its hash`);
    const previous = lastOf.get(event.station_id);
    if (previous && (event.seq !== previous.seq + 1 || event.prev_hash !== previous.hash)) {
      problems.push(`${where}: event ${event.station_id}#${event.seq} does not link to #${previous.seq}`);
    }
    lastOf.set(event.station_id, event);
  });
  if (!trailerSeen) problems.push("no trailer: the export is incomplete");
  return { ok: problems.length === 0, events, problems };
}
