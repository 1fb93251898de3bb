import type { Tx } from "@shegong/db";

/** The station's committed imports, newest first. */
export function listImports(tx: Tx, stationId: string) {
  return tx
    .selectFrom("ledger_import as i")
    .leftJoin("app_user as u", "u.id", "i.actor_user_id")
    .select(["i.id", "i.ledger_kind", "i.file_name", "i.rows_total", "i.created_count", "i.updated_count", "i.unchanged_count", "i.rejected_count", "i.committed_at", "u.display_name as actor_name"])
    .where("i.station_id", "=", stationId)
    .orderBy("i.committed_at", "desc")
    .limit(100)
    .execute();
}

/** Earlier commits of the very same file (by SHA-256): the preview says so before anyone commits twice. */
export function importsOfFile(tx: Tx, stationId: string, sha256: string) {
  return tx
    .selectFrom("ledger_import")
    .select(["id", "ledger_kind", "file_name", "committed_at", "created_count", "updated_count"])
    .where("station_id", "=", stationId)
    .where("file_sha256", "=", sha256)
    .orderBy("committed_at", "desc")
    .execute();
}
