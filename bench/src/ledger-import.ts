import { commitImport, planImport, readWorkbookRows, registryContext } from "@shegong/api";
import { createPersonalDataCipher } from "@shegong/auth";
import { withStation } from "@shegong/db";
import { createTestDatabases } from "@shegong/db/test-db";
import { LEDGER_KINDS } from "@shegong/domain";
import { sql } from "kysely";
import { onBothDatabases, timed, withRatio, type Benchmark, type BenchRow } from "./harness.ts";
import { syntheticLedger, syntheticRows } from "./synthetic-ledger.ts";
import { onboardMeasuredAndWarmStations } from "./bench-stations.ts";

const ROWS = 10_000;
const pii = createPersonalDataCipher(new Uint8Array(32).fill(9));

/**
 * Issue 3: importing a 10,000-row ledger (parse, validate, encrypt, deduplicate, commit) under 3 s
 * on PGlite and PostgreSQL, beside two baselines from the same run: reading the xlsx alone, and
 * inserting the same rows with one multi-row INSERT.
 */
async function measure(kind: "pglite" | "postgres", file: Uint8Array, rows: ReturnType<typeof syntheticRows>, warmup: Uint8Array): Promise<BenchRow[]> {
  const dbs = await createTestDatabases(kind);
  try {
    const [stationId, warmupStationId] = await onboardMeasuredAndWarmStations(dbs.owner);
    const importInto = async (station: string, bytes: Uint8Array) => {
      const sheet = await readWorkbookRows(bytes);
      return withStation(dbs.app.db, station, async (tx) => {
        const ctx = await registryContext(tx, station, pii, null);
        const plan = await timed(() => planImport(tx, ctx, pii, LEDGER_KINDS.elderly_tekun, sheet));
        const commit = await timed(() => commitImport(tx, ctx, plan.result, { name: "bench.xlsx", sha256: "bench" }, { username: "bench", ip: "127.0.0.1" }));
        if (sheet.length > ROWS) console.log(`[${kind}] plan ${plan.ms.toFixed(0)} ms, commit ${commit.ms.toFixed(0)} ms`);
        return plan.result.report;
      });
    };
    // A server imports warm: one small ledger into another station first, so the figure is not JIT warm-up.
    await importInto(warmupStationId, warmup);
    await readWorkbookRows(file);
    const read = await timed(() => readWorkbookRows(file));
    await sql`create table bench_plain_person (name text, citizen_id text, ethnicity text, phone text, address text)`.execute(dbs.owner.db);
    const insert = await timed(() =>
      sql`insert into bench_plain_person select * from unnest(${rows.map((r) => r.name)}::text[], ${rows.map((r) => r.citizenId)}::text[],
        ${rows.map((r) => r.ethnicity)}::text[], ${rows.map((r) => r.phone)}::text[], ${rows.map((r) => r.address)}::text[])`.execute(dbs.owner.db),
    );
    const full = await timed(() => importInto(stationId, file));
    if (full.result.created !== ROWS) throw new Error(`imported ${full.result.created} of ${ROWS} (rejected ${full.result.rejected}: ${JSON.stringify(full.result.errors.slice(0, 3))})`);
    const metric = `import a ${ROWS}-row ledger (read, validate, encrypt, deduplicate, commit)`;
    return [
      withRatio({ metric, database: kind, value: full.ms, unit: "ms", baseline: { what: "reading the xlsx alone", value: read.ms }, target: "< 3000 ms", meetsTarget: full.ms < 3000 }),
      withRatio({ metric, database: kind, value: full.ms, unit: "ms", baseline: { what: "one multi-row INSERT of the same rows", value: insert.ms }, target: "< 3000 ms", meetsTarget: full.ms < 3000 }),
    ];
  } finally {
    await dbs.close();
  }
}

export const ledgerImportBenchmark: Benchmark = {
  name: "ledger-import",
  description: "import a 10,000-row xlsx ledger into a station, PGlite and PostgreSQL",
  async run() {
    const rows = syntheticRows(ROWS);
    const file = await syntheticLedger(rows);
    const warmup = await syntheticLedger(syntheticRows(500));
    return onBothDatabases((kind) => measure(kind, file, rows, warmup));
  },
};
