import { createHash } from "node:crypto";
import { closeSync, existsSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { exportStation, importStation, StationArchiveError, checkStationRollups, commitImport, freezeSnapshot, divisionRollupMismatches, createUser, refreshDirtyRollups, exportLedger, hashAcceptablePassword, loadSyntheticRegion, onboardStations, planImport, readWorkbookRows, registryContext, upsertPayoutStandards, verifyPayouts, seedDemo, SYNTH_SCALES, type SynthScale } from "@shegong/api";
import { auditRetentionCutoff, auditSigningKey, AuditChainBrokenError, createBackup, drillBackup, exportAuditEvents, generateAuditSigningSeed, pruneAuditEvents, readDbEnv, restoreBackup, verifyAuditExport, type BackupSource, recordAudit, countDivisions, loadDivisions, migrateToLatest, openDatabase, verifyAuditChains, withOwnerScope, withStation, type ShegongDb } from "@shegong/db";
import { ZMonthSchema, isIsoDate, ledgerKindOf, payoutKindOf, PAYOUT_RULES, PAYOUT_RULE_KEYS, ZPayoutMonthSchema, ZPayoutStandardSchema, monthsEndingWith, LEDGER_KINDS, LEDGER_KIND_KEYS, ROLES, ROLE_SCOPE, todayInShanghai, type Role } from "@shegong/domain";
import { sql } from "kysely";
import { ZodError } from "zod";
import { resetSecondFactor } from "@shegong/auth";
import { fileStoreDir, prepareFileStore, preparePersonalData } from "./bootstrap.ts";
import { readServerEnv } from "./env.ts";

const HELP: Record<string, string> = {
  "": `pnpm shegong <command> [options]

Commands:
  migrate [--china]                 apply migrations; load Xinjiang's divisions (--china: all 41,352 townships of China too)
  seed --demo                       seed the demo region (Changji prefecture, Liugong station, demo accounts)
  admin create --username NAME --role ROLE [--scope DIVISION-CODE] [--display-name NAME]
                                    create an administrator; the password is read from standard input
  admin reset-mfa --username NAME   remove an account's second factor (a lost phone with nobody above to reset it)
  stations onboard --division CODE... | --all-under CODE [--status planned|onboarding]
                                    onboard townships as stations
  stations list [--json] [--under CODE]
                                    list stations
  stations export SLUG --out FILE   write everything a station owns (checksummed archive; encrypted fields stay encrypted)
  stations import FILE              restore a station archive into this deployment (all or nothing)
  audit verify                      verify every station's audit hash chain; names the first broken link
  audit export --since DATE --out FILE
                                    signed JSON lines (Ed25519, SHEGONG_AUDIT_SIGNING_KEY) after verifying every chain
  audit verify-export FILE [--public-key B64]
                                    check an export's signatures, hashes and links
  audit prune [--before DATE] [--dry-run]
                                    remove events older than the retention (SHEGONG_AUDIT_RETENTION_MONTHS, at least 6)
  audit keygen                      print a new signing key and its public key
  backup [--out DIR]                back up the database (pg_dump custom format / PGlite data folder) and attachment files
  backup drill [--backup DIR] [--scratch URL]
                                    restore the newest backup into a scratch database and compare it with the source (also: restore-drill)
  restore BACKUP-DIR [--into URL | --data-dir DIR]
                                    restore a backup into an empty database (default: DATABASE_URL or SHEGONG_DATA_DIR)
  ledgers [--json]                  list the ledger kinds (key and Chinese title)
  import --station SLUG --ledger KIND FILE.xlsx [--dry-run]
                                    import a ledger into a station's registry (exit 0 only when no row was rejected)
  export --station SLUG --ledger KIND --out FILE.xlsx [--as-of YYYY-MM-DD]
                                    export a ledger (ID numbers masked)
  payouts verify --station SLUG --kind advanced_age|child_allowance --month YYYY-MM FILE.xlsx
                                    verify a payout roster against the registry; prints counts per rule
  payouts standards FILE.json       load payment standards (kind, regionCode, band, validFrom, validTo, amountFen)
  rollups refresh [--all]           bring the reporting rollups up to date (--all: recompute the last 24 months everywhere)
  rollups check [--sample N]        recompute N stations' last 12 months from the raw facts and compare (exit 1 on a mismatch)
  rollups snapshot --month YYYY-MM  freeze an ended month's report as it stands (once; prints its fingerprint)
  synth --scale small|prefecture|region [--seed N] [--trusted]
                                    build a synthetic region (real townships, people, a year of visits) for benchmarks

Environment: DATABASE_URL (PostgreSQL; default: embedded PGlite in SHEGONG_DATA_DIR, ./.data).
The embedded database can be opened by one process at a time: stop the server first.`,
  migrate: "pnpm shegong migrate [--china]\n  Applies pending migrations and loads division reference data (Xinjiang; --china adds every township of China).",
  seed: "pnpm shegong seed --demo\n  Seeds the demo region. Demo accounts are for evaluation only.",
  admin:
    "pnpm shegong admin create --username NAME --role ROLE [--scope DIVISION-CODE] [--display-name NAME]\n  Roles: " +
    ROLES.join(", ") +
    "\n  The password is read from standard input (first line).\npnpm shegong admin reset-mfa --username NAME\n  Removes the account's second factor and ends its sessions (audited); it enrols again at the next sign-in.",
  stations:
    "pnpm shegong stations onboard --division CODE [--division CODE…] | --all-under CODE [--status planned|onboarding]\npnpm shegong stations list [--json] [--under CODE]\n" +
    "pnpm shegong stations export SLUG --out FILE\n  Writes every table with a station_id (read from the catalog), the station's row, its members (accounts, grants,\n  second factors), the contractors and accounts its rows name, and its attachment bytes, with a manifest of checksums.\n  ID numbers stay encrypted: the target needs the same SHEGONG_PII_KEY.\n" +
    "pnpm shegong stations import FILE\n  Restores an archive, all or nothing. Refused (exit 1): a checksum fails, the station (id, slug or township) exists,\n  another schema version or PII key, an account or contractor name taken by someone else. Locks the audit table while it runs.",
  audit:
    "pnpm shegong audit verify\n  Exit code 0 when every chain is intact, 1 with the first broken link otherwise.\n" +
    "pnpm shegong audit export --since YYYY-MM-DD|ISO-TIME --out FILE\n  Verifies every chain (exit 1 and no file when one is broken), then writes the events since then as JSON lines,\n  each signed with Ed25519 (SHEGONG_AUDIT_SIGNING_KEY): header, events per chain in sequence, trailer.\n" +
    "pnpm shegong audit verify-export FILE [--public-key B64]\n  What the receiving system checks: signatures, each event's hash recomputed, links, the trailer. Exit 1 on any problem.\n" +
    "pnpm shegong audit prune [--before DATE] [--dry-run]\n  Removes events older than SHEGONG_AUDIT_RETENTION_MONTHS (default 12, never under 6) from each chain's start,\n  keeping each chain's newest event and a checkpoint so the chains still verify. --before may only keep more.\n" +
    "pnpm shegong audit keygen\n  Prints a new SHEGONG_AUDIT_SIGNING_KEY and the public key to give the receiving system.",
  backup:
    "pnpm shegong backup [--out DIR]\n  PostgreSQL: pg_dump --format=custom in the snapshot that also counts every table; PGlite: its data-folder tarball.\n  Attachment files are copied beside it; manifest.json (written last) holds the checksum, row counts and audit-chain heads.\n  DIR defaults to SHEGONG_BACKUP_DIR (./backups).\n" +
    "pnpm shegong backup drill [--backup DIR] [--scratch URL]   (also: pnpm shegong restore-drill)\n  Restores the newest backup (or DIR) into a scratch database (PostgreSQL: a new database on the same server, dropped after,\n  or the empty database at --scratch URL; PGlite: in memory), compares row counts per table and every audit-chain head with\n  the manifest, verifies the restored chains, and finds each backed-up head in the live source. Exit 1 on any mismatch.",
  restore:
    "pnpm shegong restore BACKUP-DIR [--into URL | --data-dir DIR]\n  Restores into an empty database (PostgreSQL: pg_restore --single-transaction; PGlite: a new data folder), after checking\n  the dump's checksum. Attachment files go to SHEGONG_FILES_DIR. Refuses a target that is not empty.",
  payouts:
    "pnpm shegong payouts verify --station SLUG --kind advanced_age|child_allowance --month YYYY-MM FILE.xlsx [--visit-months N]\n  Verifies a payout roster (高龄补贴 / 儿童基本生活费) against the station's registry and keeps it with its discrepancies.\n  The same file for the same kind and month again changes nothing. Prints the count per rule.\n  Exit code 0 when verified (discrepancies or not); 1 when a row was rejected (nothing kept); 2 when the file cannot be read.\npnpm shegong payouts standards FILE.json\n  Loads payment standards: a JSON array of { kind, regionCode ('65' or a county code), band, validFrom, validTo, amountFen }; all or nothing.",
  ledgers: "pnpm shegong ledgers [--json]\n  The ledger kinds: key and Chinese title.",
  import:
    "pnpm shegong import --station SLUG --ledger KIND FILE.xlsx [--dry-run]\n  Reads an xlsx ledger into the station's registry in one transaction; --dry-run only reports.\n  Prints created / updated / unchanged / rejected and each rejected row (Excel row number, column, reason).\n  Exit code 0 only when nothing was rejected; 2 when the file cannot be read.",
  rollups:
    "pnpm shegong rollups refresh [--all]\n  Recomputes the station-months marked by writes (the server does this every few seconds); --all marks the last 24 months of every station first.\npnpm shegong rollups check [--sample N]\n  Recomputes N stations' (default 20, chosen at random) last 12 months from the raw facts and compares them with the rollup. Exit code 1 on any mismatch.\npnpm shegong rollups snapshot --month YYYY-MM\n  Refreshes what is marked, then freezes the month's report for every division and station (the server does this by itself once a month has ended). A month is frozen once: a second run prints the first fingerprint.",
  synth:
    "pnpm shegong synth --scale small|prefecture|region [--seed N] [--people-per-station N] [--trusted]\n  Onboards the townships under the scale's division (small: Changji City 652301; prefecture: Changji 6523;\n  region: all of Xinjiang) and fills each station with synthetic people (valid ID numbers of their county,\n  sealed as the registry seals them), households, categories, a year of visits, cases and activities;\n  loads with COPY on PostgreSQL, then computes the year's rollups. Same seed, same region.\n  --trusted (PostgreSQL superuser): skip per-row foreign-key checks and triggers while loading.\n  Never on a production database: the townships it onboards become real stations.",
  export: "pnpm shegong export --station SLUG --ledger KIND --out FILE.xlsx [--as-of YYYY-MM-DD]\n  Writes the ledger as of the date (default today, Beijing time), ID numbers masked.",
};

const OPERATOR = { userId: "00000000-0000-0000-0000-000000000000", username: "cli", ip: "127.0.0.1" };

async function readStdinLine(): Promise<string> {
  const text = readFileSync(0, "utf8");
  return (text.split(/\r?\n/)[0] ?? "").trim();
}

async function withOwner<T>(fn: (db: ShegongDb) => Promise<T>): Promise<T> {
  const db = await openDatabase({ role: "owner" });
  try {
    await migrateToLatest(db.db);
    if ((await countDivisions(db.db)) === 0) await loadDivisions(db.db, "xinjiang");
    return await fn(db);
  } finally {
    await db.close();
  }
}

async function stationIdOf(db: ShegongDb, slug: string): Promise<string> {
  const station = await db.db.selectFrom("station").select("id").where("slug", "=", slug).executeTakeFirst();
  if (!station) fail(`no station with slug ${slug} (pnpm shegong stations list)`);
  return station.id;
}

/** A date (midnight in Beijing) or a full ISO time. */
function parseMoment(text: string): Date | null {
  const date = isIsoDate(text) ? new Date(`${text}T00:00:00+08:00`) : new Date(text);
  return Number.isNaN(date.getTime()) ? null : date;
}

function backupSource(): BackupSource {
  const dbEnv = readDbEnv();
  return dbEnv.DATABASE_URL ? { kind: "postgres", url: dbEnv.DATABASE_URL } : { kind: "pglite", dataDir: dbEnv.SHEGONG_DATA_DIR };
}

/** A backup of a database that was never migrated is a backup of nothing: bring it up first. */
async function migrateFirst(): Promise<void> {
  await withOwner(async () => undefined);
}

function archiveFailure(error: unknown): never {
  if (error instanceof StationArchiveError) {
    console.error(`${error.code}: ${error.message}`);
    process.exit(1);
  }
  throw error;
}

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

async function main(argv: string[]) {
  const [command, sub, ...rest] = argv;
  const wantsHelp = argv.includes("--help") || argv.includes("-h");
  if (!command || command === "help" || (wantsHelp && !HELP[command] && command !== "restore-drill")) return console.log(HELP[""]);
  if (wantsHelp) return console.log(HELP[command === "restore-drill" ? "backup" : command]);

  switch (command) {
    case "migrate": {
      const { values } = parseArgs({ args: argv.slice(1), options: { china: { type: "boolean" } } });
      await withOwner(async (db) => {
        if (values.china) console.log(`loaded ${await loadDivisions(db.db, "china")} more divisions of China`);
        console.log(`migrated; ${await countDivisions(db.db)} divisions (${db.kind})`);
      });
      return;
    }
    case "seed": {
      const { values } = parseArgs({ args: argv.slice(1), options: { demo: { type: "boolean" } } });
      if (!values.demo) fail("only `seed --demo` exists");
      const pii = preparePersonalData(readServerEnv());
      await withOwner(async (db) => console.log((await seedDemo(db.db, pii, prepareFileStore(readServerEnv()))).created ? "demo region seeded" : "demo region already present"));
      return;
    }
    case "admin": {
      if (sub === "reset-mfa") {
        const { values } = parseArgs({ args: rest, options: { username: { type: "string" } } });
        if (!values.username) fail(HELP.admin as string);
        const username = values.username.trim().toLowerCase();
        await withOwner(async (db) => {
          const user = await db.db.selectFrom("app_user").select("id").where("username", "=", username).executeTakeFirst();
          if (!user) fail(`no account named ${username}`);
          const result = await db.db.transaction().execute(async (tx) => {
            const reset = await resetSecondFactor(tx, user.id);
            await recordAudit(tx, { actorName: "cli", action: "mfa.reset", target: username, outcome: "success", ip: "cli", detail: reset });
            return reset;
          });
          console.log(result.hadSecondFactor ? `second factor of ${username} removed; ${result.sessionsEnded} session(s) ended` : `${username} had no second factor`);
        });
        return;
      }
      if (sub !== "create") fail(HELP.admin as string);
      const { values } = parseArgs({
        args: rest,
        options: { username: { type: "string" }, role: { type: "string" }, scope: { type: "string" }, "display-name": { type: "string" } },
      });
      const role = values.role as Role;
      if (!values.username || !ROLES.includes(role)) fail(HELP.admin as string);
      if (ROLE_SCOPE[role] !== "division") fail("the CLI creates bureau administrators (division roles); station accounts are made in the app");
      const password = await readStdinLine();
      const username = values.username.trim().toLowerCase();
      const passwordHash = await hashAcceptablePassword(password, username).catch((e: Error) => fail(`password refused: ${e.message}`));
      await withOwner(async (db) => {
        const scope = values.scope ?? "65";
        const created = await withOwnerScope(db.db, scope, async (tx) => {
          const user = await createUser(tx, { username, displayName: values["display-name"] ?? username, passwordHash, role, divisionCode: scope }, null);
          await recordAudit(tx, { actorName: "cli", action: "user.create", target: username, outcome: "success", ip: "cli", detail: { role, scope } });
          return user;
        });
        console.log(`created ${created.username} (${created.roleLabel.zh} / ${created.roleLabel.en}) for ${scope}`);
      });
      return;
    }
    case "stations": {
      if (sub === "onboard") {
        const { values } = parseArgs({
          args: rest,
          options: { division: { type: "string", multiple: true }, "all-under": { type: "string" }, status: { type: "string" } },
        });
        const status = (values.status ?? "onboarding") as "planned" | "onboarding";
        if (!values.division && !values["all-under"]) fail(HELP.stations as string);
        await withOwner(async (db) => {
          const scope = (values["all-under"] ?? values.division?.[0] ?? "").slice(0, 2);
          const result = await withOwnerScope(db.db, scope, (tx) =>
            onboardStations(tx, { scopeCode: scope, townshipCodes: values.division, allUnder: values["all-under"], initialStatus: status }, OPERATOR),
          );
          for (const s of result.created) console.log(`onboarded ${s.divisionCode} ${s.plaqueName} (${s.slug})`);
          console.log(`${result.created.length} onboarded, ${result.alreadyOnboarded.length} already had a station`);
        });
        return;
      }
      if (sub === "list") {
        const { values } = parseArgs({ args: rest, options: { json: { type: "boolean" }, under: { type: "string" } } });
        await withOwner(async (db) => {
          let query = db.db
            .selectFrom("station")
            .select(["id", "slug", "division_code", "plaque_name", "status", "status_since"])
            .orderBy("division_code");
          if (values.under) query = query.where("division_code", "like", `${values.under}%`);
          const rows = await query.execute();
          if (values.json) return console.log(JSON.stringify(rows, null, 2));
          for (const r of rows) console.log(`${r.division_code}\t${r.status}\t${r.slug}\t${r.plaque_name}`);
          console.log(`${rows.length} stations`);
        });
        return;
      }
      if (sub === "export") {
        const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { out: { type: "string" } } });
        const slug = positionals[0];
        if (!slug || !values.out) fail(HELP.stations as string);
        const env = readServerEnv();
        const exported = await withOwner((db) => exportStation(db.db, slug, preparePersonalData(env), prepareFileStore(env))).catch(archiveFailure);
        writeFileSync(values.out, exported.bytes);
        const rows = Object.values(exported.tables).reduce((a, b) => a + b, 0);
        console.log(`wrote ${values.out}: ${exported.station.plaque_name} (${exported.station.slug}), ${rows} rows in ${Object.keys(exported.tables).length} tables, ${exported.files} files`);
        return;
      }
      if (sub === "import") {
        const path = rest[0];
        if (!path) fail(HELP.stations as string);
        let bytes: Uint8Array;
        try {
          bytes = new Uint8Array(readFileSync(path));
        } catch {
          fail(`cannot read ${path}`);
        }
        const env = readServerEnv();
        const imported = await withOwner((db) => importStation(db.db, bytes, preparePersonalData(env), prepareFileStore(env))).catch(archiveFailure);
        const rows = Object.values(imported.tables).reduce((a, b) => a + b, 0);
        console.log(
          `imported ${imported.station.plaque_name} (${imported.station.slug}): ${rows} rows in ${Object.keys(imported.tables).length} tables, ` +
            `${imported.usersCreated} accounts created, ${imported.usersReused} already here, ${imported.files} files`,
        );
        return;
      }
      fail(HELP.stations as string);
    }
    case "audit": {
      if (sub === "keygen") {
        const seed = generateAuditSigningSeed();
        console.log(`SHEGONG_AUDIT_SIGNING_KEY=${seed}`);
        console.log(`public key (give this to the receiving system): ${auditSigningKey(seed).publicKey}`);
        return;
      }
      if (sub === "export") {
        const { values } = parseArgs({ args: rest, options: { since: { type: "string" }, out: { type: "string" } } });
        const since = values.since ? parseMoment(values.since) : null;
        if (!since || !values.out) fail(HELP.audit as string);
        const env = readServerEnv();
        if (!env.SHEGONG_AUDIT_SIGNING_KEY) fail("SHEGONG_AUDIT_SIGNING_KEY is not set (pnpm shegong audit keygen)");
        const key = auditSigningKey(env.SHEGONG_AUDIT_SIGNING_KEY);
        const out = values.out;
        const fd = openSync(out, "w");
        try {
          const summary = await withOwner((db) => exportAuditEvents(db.db, { since, key, writeLine: (line) => void writeSync(fd, line + "\n") }));
          closeSync(fd);
          console.log(`wrote ${out}: ${summary.events} events of ${summary.chains} chains since ${summary.since}, signed by ${summary.publicKey}`);
        } catch (error) {
          closeSync(fd);
          rmSync(out, { force: true });
          if (error instanceof AuditChainBrokenError) {
            console.error(`BROKEN: ${error.message}; nothing exported`);
            process.exit(1);
          }
          throw error;
        }
        return;
      }
      if (sub === "verify-export") {
        const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { "public-key": { type: "string" } } });
        const path = positionals[0];
        if (!path) fail(HELP.audit as string);
        const check = verifyAuditExport(readFileSync(path, "utf8"), values["public-key"]);
        for (const problem of check.problems.slice(0, 20)) console.log(`  ${problem}`);
        console.log(check.ok ? `ok: ${check.events} events, every signature, hash and link checks` : `FAILED: ${check.problems.length} problems in ${check.events} events`);
        process.exitCode = check.ok ? 0 : 1;
        return;
      }
      if (sub === "prune") {
        const { values } = parseArgs({ args: rest, options: { before: { type: "string" }, "dry-run": { type: "boolean" } } });
        const env = readServerEnv();
        const retention = auditRetentionCutoff(env.SHEGONG_AUDIT_RETENTION_MONTHS);
        const before = values.before ? parseMoment(values.before) : retention;
        if (!before) fail(HELP.audit as string);
        if (before > retention) {
          fail(`--before ${before.toISOString()} would remove events younger than the retention of ${env.SHEGONG_AUDIT_RETENTION_MONTHS} months (${retention.toISOString()}): refused`);
        }
        const result = await withOwner((db) => pruneAuditEvents(db.db, { cutoff: before, dryRun: values["dry-run"] })).catch((error: unknown) => {
          if (!(error instanceof AuditChainBrokenError)) throw error;
          console.error(`BROKEN: ${error.message}; nothing pruned`);
          process.exit(1);
        });
        console.log(`${values["dry-run"] ? "dry run: would prune" : "pruned"} ${result.pruned} events older than ${result.cutoff} from ${result.chains.length} chains`);
        return;
      }
      if (sub !== "verify") fail(HELP.audit as string);
      const ok = await withOwner(async (db) => {
        const result = await verifyAuditChains(db.db);
        if (result.firstBreak) {
          const b = result.firstBreak;
          console.log(`BROKEN: chain ${b.stationId} at seq ${b.seq} (${b.reason}); ${result.events} events in ${result.chains} chains`);
          return false;
        }
        console.log(`ok: ${result.events} events in ${result.chains} chains, every link intact`);
        return true;
      });
      process.exitCode = ok ? 0 : 1;
      return;
    }
    case "backup":
    case "restore-drill": {
      const env = readServerEnv();
      const backupDir = resolve(process.env.INIT_CWD || process.cwd(), env.SHEGONG_BACKUP_DIR);
      const drill = command === "restore-drill" || sub === "drill";
      const { values } = parseArgs({
        args: sub === "drill" ? argv.slice(2) : argv.slice(1),
        options: { out: { type: "string" }, backup: { type: "string" }, scratch: { type: "string" } },
      });
      if (command === "backup" && sub && sub !== "drill" && !sub.startsWith("-")) fail(HELP.backup as string);
      if (!drill) {
        const out = values.out ? resolve(process.env.INIT_CWD || process.cwd(), values.out) : backupDir;
        await migrateFirst();
        const { dir, manifest } = await createBackup({ source: backupSource(), backupDir: out, filesDir: fileStoreDir(env) });
        const rows = Object.values(manifest.tables).reduce((a, b) => a + b, 0);
        console.log(`backup ${dir}: ${manifest.kind}, ${(manifest.dump.bytes / 1e6).toFixed(1)} MB, ${rows} rows in ${Object.keys(manifest.tables).length} tables, ${Object.keys(manifest.auditHeads).length} audit chains, ${manifest.files?.count ?? 0} files copied`);
        if (manifest.kind === "pglite") console.log("note: the embedded data folder's tarball includes its pii.key: keep this backup as private as the data folder");
        return;
      }
      const report = await drillBackup({ backupDir, backup: values.backup, source: backupSource(), scratchUrl: values.scratch }).catch((error: Error) => fail(`the drill could not run: ${error.message}`));
      for (const m of report.mismatches) console.log(`MISMATCH ${m}`);
      console.log(
        `${report.mismatches.length === 0 ? "ok" : "FAILED"}: ${report.backup} restored into ${report.restoredInto} in ${report.seconds.toFixed(1)} s; ` +
          `${report.tablesCompared} tables and ${report.chainsCompared} audit-chain heads compared with the source at ${report.manifest.createdAt}; ` +
          `${report.sourceLinksFound} heads found in the live chains`,
      );
      process.exitCode = report.mismatches.length === 0 ? 0 : 1;
      return;
    }
    case "restore": {
      const { values, positionals } = parseArgs({ args: argv.slice(1), allowPositionals: true, options: { into: { type: "string" }, "data-dir": { type: "string" } } });
      const dir = positionals[0];
      if (!dir || !existsSync(join(dir, "manifest.json"))) fail(HELP.restore as string);
      const env = readServerEnv();
      const dbEnv = readDbEnv();
      const into = values.into ?? (values["data-dir"] ? undefined : dbEnv.DATABASE_URL);
      const target = into ? { kind: "postgres" as const, url: into } : { kind: "pglite" as const, dataDir: resolve(process.env.INIT_CWD || process.cwd(), values["data-dir"] ?? dbEnv.SHEGONG_DATA_DIR) };
      const manifest = await restoreBackup(dir, target, { filesDir: target.kind === "postgres" ? fileStoreDir(env) : undefined }).catch((error: Error) => fail(`restore refused: ${error.message}`));
      console.log(`restored ${dir} (${manifest.kind}, taken ${manifest.createdAt}) into ${target.kind === "postgres" ? target.url.replace(/:[^:@/]*@/, ":***@") : target.dataDir}; run \`pnpm shegong backup drill\` after the next backup`);
      return;
    }
    case "payouts": {
      if (sub === "standards") {
        const path = rest[0];
        if (!path) fail(HELP.payouts as string);
        let parsed: unknown;
        try {
          parsed = JSON.parse(readFileSync(path, "utf8"));
        } catch {
          fail(`cannot read ${path} as JSON`);
        }
        const standards = ZPayoutStandardSchema.array().safeParse(parsed);
        if (!standards.success) fail(`invalid standards: ${standards.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
        const count = await withOwner((db) => db.db.transaction().execute((tx) => upsertPayoutStandards(tx, standards.data)));
        console.log(`${count} payment standards loaded`);
        return;
      }
      if (sub !== "verify") fail(HELP.payouts as string);
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: { station: { type: "string" }, kind: { type: "string" }, month: { type: "string" }, "visit-months": { type: "string" } },
      });
      const kind = values.kind ? payoutKindOf(values.kind) : null;
      const path = positionals[0];
      if (!values.station || !kind || !path || !ZPayoutMonthSchema.safeParse(values.month).success) fail(HELP.payouts as string);
      const visitWithinMonths = Number(values["visit-months"] ?? 6);
      if (!Number.isInteger(visitWithinMonths) || visitWithinMonths < 1 || visitWithinMonths > 24) fail("--visit-months must be 1–24");
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(readFileSync(path));
      } catch {
        console.error(`cannot read ${path}`);
        process.exit(2);
      }
      const sheet = await readWorkbookRows(bytes).catch((e: { appCode?: string }) => {
        console.error(`${e.appCode ?? "LEDGER_UNREADABLE"}: ${path} is not a readable xlsx roster`);
        process.exit(2);
      });
      const pii = preparePersonalData(readServerEnv());
      await withOwner(async (db) => {
        const stationId = await stationIdOf(db, values.station as string);
        const result = await withStation(db.db, stationId, (tx) =>
          verifyPayouts(
            tx,
            { stationId, userId: null, username: "cli", ip: "cli", today: todayInShanghai() },
            pii,
            { kind: kind.key, month: values.month as string, visitWithinMonths },
            { name: basename(path), sha256: createHash("sha256").update(bytes).digest("hex") },
            sheet,
          ),
        ).catch((e: { appCode?: string; details?: { zh?: string; rows?: { rowNumber: number; column: string; zh: string }[] } }) => {
          if (e.appCode === "LEDGER_HEADER") {
            console.error(`${e.appCode}: ${e.details?.zh ?? ""}`);
            process.exit(2);
          }
          if (e.appCode === "VALIDATION") {
            console.error(`rejected, nothing kept: ${e.details?.zh ?? ""}`);
            for (const r of e.details?.rows ?? []) console.error(`  row ${r.rowNumber} ${r.column}: ${r.zh}`);
            process.exit(1);
          }
          throw e;
        });
        console.log(`${kind.zh} ${values.month} ${basename(path)}: ${result.rowsTotal} rows, ${result.discrepancyCount} discrepancies${result.alreadyImported ? " (already verified: nothing changed)" : ""}`);
        for (const rule of PAYOUT_RULE_KEYS) console.log(`  ${rule.padEnd(20)}${String(result.counts[rule] ?? 0).padStart(6)}  ${PAYOUT_RULES[rule].zh}`);
      });
      return;
    }
    case "ledgers": {
      const { values } = parseArgs({ args: argv.slice(1), options: { json: { type: "boolean" } } });
      const kinds = LEDGER_KIND_KEYS.map((key) => ({ key, title: LEDGER_KINDS[key].title }));
      if (values.json) return console.log(JSON.stringify(kinds, null, 2));
      for (const k of kinds) console.log(`${k.key.padEnd(24)}${k.title}`);
      return;
    }
    case "import": {
      const { values, positionals } = parseArgs({
        args: argv.slice(1),
        allowPositionals: true,
        options: { station: { type: "string" }, ledger: { type: "string" }, "dry-run": { type: "boolean" } },
      });
      const kind = values.ledger ? ledgerKindOf(values.ledger) : null;
      const path = positionals[0];
      if (!values.station || !kind || !path) fail(HELP.import as string);
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(readFileSync(path));
      } catch {
        fail(`cannot read ${path}`);
      }
      const rows = await readWorkbookRows(bytes).catch((e: { appCode?: string }) => fail(`${e.appCode ?? "LEDGER_UNREADABLE"}: ${path} is not a readable xlsx ledger`));
      const pii = preparePersonalData(readServerEnv());
      const rejected = await withOwner(async (db) => {
        const stationId = await stationIdOf(db, values.station as string);
        const report = await withStation(db.db, stationId, async (tx) => {
          const ctx = await registryContext(tx, stationId, pii, null);
          const plan = await planImport(tx, ctx, pii, kind, rows).catch((e: { appCode?: string; details?: unknown }) =>
            fail(`${e.appCode}: ${JSON.stringify(e.details ?? "")}`),
          );
          if (!values["dry-run"]) await commitImport(tx, ctx, plan, { name: basename(path), sha256: createHash("sha256").update(bytes).digest("hex") }, { username: "cli", ip: "cli" });
          return plan.report;
        });
        console.log(`${values["dry-run"] ? "dry run: " : ""}${report.ledgerTitle} ${basename(path)}: ${report.rowsTotal} rows`);
        console.log(`created ${report.created}, updated ${report.updated}, unchanged ${report.unchanged}, rejected ${report.rejected}`);
        for (const e of report.errors) console.log(`  row ${e.rowNumber} ${e.column}: ${e.reason}`);
        return report.rejected;
      });
      process.exitCode = rejected > 0 ? 1 : 0;
      return;
    }
    case "export": {
      const { values } = parseArgs({
        args: argv.slice(1),
        options: { station: { type: "string" }, ledger: { type: "string" }, out: { type: "string" }, "as-of": { type: "string" } },
      });
      const kind = values.ledger ? ledgerKindOf(values.ledger) : null;
      if (!values.station || !kind || !values.out) fail(HELP.export as string);
      const asOf = values["as-of"] ?? todayInShanghai();
      if (!isIsoDate(asOf)) fail("--as-of must be a date, YYYY-MM-DD");
      const pii = preparePersonalData(readServerEnv());
      await withOwner(async (db) => {
        const stationId = await stationIdOf(db, values.station as string);
        const file = await withStation(db.db, stationId, async (tx) => {
          const station = await tx.selectFrom("station").select("plaque_name").where("id", "=", stationId).executeTakeFirstOrThrow();
          const exported = await exportLedger(tx, { stationId, kind, asOf, fullIds: false }, pii, station.plaque_name);
          await recordAudit(tx, { stationId, actorName: "cli", ip: "cli", action: "ledger.export", target: kind.key, outcome: "success", detail: { asOf, fullIds: false, rows: exported.rows } });
          return exported;
        });
        writeFileSync(values.out as string, file.bytes);
        console.log(`wrote ${values.out}: ${kind.title}, ${file.rows} people as of ${asOf}`);
      });
      return;
    }
    case "rollups": {
      const { values } = parseArgs({ args: rest, options: { all: { type: "boolean" }, sample: { type: "string", default: "20" }, month: { type: "string" } } });
      const today = todayInShanghai();
      if (sub === "snapshot") {
        const month = ZMonthSchema.safeParse(values.month);
        if (!month.success) fail("--month YYYY-MM is required");
        await withOwner(async (db) => {
          while ((await refreshDirtyRollups(db.db, { today, stations: 100 })).stations > 0);
          const frozen = await freezeSnapshot(db.db, month.data as string, "cli").catch((error: Error) => fail(`cannot freeze ${month.data}: ${error.message}`));
          console.log(`${frozen.month} frozen: fingerprint ${frozen.fingerprint}`);
        });
        return;
      }
      if (sub === "refresh") {
        await withOwner(async (db) => {
          if (values.all) {
            await sql`insert into rollup_dirty (station_id, month) select s.id, m from station s cross join rollup_months((now() - interval '2 years')::date) m on conflict do nothing`.execute(db.db);
          }
          let total = { stations: 0, months: 0 };
          for (;;) {
            const round = await refreshDirtyRollups(db.db, { today, stations: 100 });
            if (round.stations === 0) break;
            total = { stations: total.stations + round.stations, months: total.months + round.months };
          }
          console.log(`refreshed ${total.months} station-months in ${total.stations} station rounds`);
        });
        return;
      }
      if (sub === "check") {
        const sample = Number(values.sample);
        if (!Number.isInteger(sample) || sample < 1) fail("--sample must be a positive whole number");
        const mismatches = await withOwner(async (db) => {
          const stations = await sql<{ id: string }>`select id from (select distinct station_id as id from station_month_fact) s order by random() limit ${sample}`.execute(db.db);
          const months = monthsEndingWith(today.slice(0, 7), 12);
          const found = [];
          for (const { id } of stations.rows) found.push(...(await withStation(db.db, id, (tx) => checkStationRollups(tx, id, months, today))));
          console.log(`checked ${stations.rows.length} stations × ${months.length} months`);
          // The region, prefecture and county totals against their stations.
          return { stations: found, divisions: await divisionRollupMismatches(db.db, months) };
        });
        const label = (indicator: string, dimension: string) => `${indicator}${dimension ? `:${dimension}` : ""}`;
        for (const m of mismatches.stations) console.log(`MISMATCH station ${m.stationId} ${m.month} ${label(m.indicator, m.dimension)}: rollup ${m.stored}, raw facts ${m.recomputed}`);
        for (const d of mismatches.divisions) console.log(`MISMATCH division ${d.divisionCode} ${d.month} ${label(d.indicator, d.dimension)}: kept ${d.kept}, its stations ${d.summed}`);
        const ok = mismatches.stations.length === 0 && mismatches.divisions.length === 0;
        if (ok) console.log("ok: every rollup equals its recomputation");
        process.exitCode = ok ? 0 : 1;
        return;
      }
      fail(HELP.rollups as string);
    }
    case "synth": {
      const { values } = parseArgs({
        args: argv.slice(1),
        options: { scale: { type: "string" }, seed: { type: "string", default: "1" }, "people-per-station": { type: "string" }, trusted: { type: "boolean" } },
      });
      const scale = values.scale as SynthScale;
      if (!scale || !(scale in SYNTH_SCALES)) fail(HELP.synth as string);
      const seed = Number(values.seed);
      if (!Number.isInteger(seed)) fail("--seed must be a whole number");
      const perStation = values["people-per-station"] ? Number(values["people-per-station"]) : undefined;
      const pii = preparePersonalData(readServerEnv());
      const started = performance.now();
      await withOwner(async (db) => {
        const result = await loadSyntheticRegion(db, pii, { scale, seed, peoplePerStation: perStation, trusted: values.trusted, log: (line) => console.log(line) });
        console.log(
          `synth ${scale} (${db.kind}, seed ${seed}): ${result.stations} stations, ${result.people} people, ${result.households} households, ${result.visits} visits, ` +
            `${result.cases} cases, ${result.activities} activities, ${result.rollupStationMonths} station-months rolled up`,
        );
        for (const p of result.phases) console.log(`  ${p.phase.padEnd(48)} ${p.seconds.toFixed(1)} s`);
      });
      console.log(`total ${((performance.now() - started) / 1000).toFixed(1)} s`);
      return;
    }
    default:
      fail(`unknown command: ${command}\n\n${HELP[""]}`);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof ZodError) {
    // A configuration refused (e.g. SHEGONG_AUDIT_RETENTION_MONTHS under 6): say which and why.
    for (const issue of error.issues) console.error(`configuration refused: ${issue.path.join(".")}: ${issue.message}`);
    process.exit(2);
  }
  const code = (error as { appCode?: string }).appCode;
  console.error(code ? `${code}: ${(error as Error).message} ${JSON.stringify((error as { details?: unknown }).details ?? "")}` : error);
  process.exit(1);
});
