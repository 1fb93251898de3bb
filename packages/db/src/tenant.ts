import { sql, type Kysely, type Transaction } from "kysely";
import { APP_ROLE } from "./database.ts";
import type { Database } from "./schema.ts";

export type Tx = Transaction<Database>;

interface TxContext {
  stationId?: string;
  divisionScope?: string;
  userId?: string;
  readOnly?: boolean;
}

/**
 * Opens the one transaction a request runs in. Settings are transaction-local (set_config(…, true)),
 * so they vanish at COMMIT: safe behind PgBouncer in transaction mode and on the shared PGlite
 * connection. The role is dropped to APP_ROLE here too, so RLS applies even on a connection that
 * logged in as the owner.
 */
async function inTransaction<T>(db: Kysely<Database>, context: TxContext, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const opening = openingStatements(context);
  if (opening) return inOpenedTransaction(db, opening, fn);
  let builder = db.transaction();
  if (context.readOnly) builder = builder.setAccessMode("read only");
  return builder.execute(async (tx) => {
    await sql`select set_config('role', ${APP_ROLE}, true),
      set_config('app.station_id', ${context.stationId ?? ""}, true),
      set_config('app.division_scope', ${context.divisionScope ?? ""}, true),
      set_config('app.user_id', ${context.userId ?? ""}, true)`.execute(tx);
    return fn(tx);
  });
}

// Only values of these shapes are ever written into the opening statements' text.
const SETTING_SHAPE = /^(|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d{2,12})$/;

/**
 * BEGIN and the settings as one round trip (a station read is a handful of round trips in all, so
 * one fewer is felt): a query without parameters goes over the simple protocol, on PostgreSQL and
 * on PGlite alike, which takes several statements at once. Values go into the text only when they
 * are a UUID or a division code; anything else takes the parameterised path instead.
 */
function openingStatements(context: TxContext): string | null {
  const values = [context.stationId ?? "", context.divisionScope ?? "", context.userId ?? ""].map(String);
  if (!values.every((v) => SETTING_SHAPE.test(v))) return null;
  const [stationId, divisionScope, userId] = values;
  return `start transaction${context.readOnly ? " read only" : ""}; select set_config('role', '${APP_ROLE}', true), set_config('app.station_id', '${stationId}', true), set_config('app.division_scope', '${divisionScope}', true), set_config('app.user_id', '${userId}', true)`;
}

/**
 * The transaction on one pooled connection, opened by `opening`, committed or rolled back here.
 * Like Kysely's own Transaction, the handle refuses queries once the work has settled: a branch
 * of a Promise.all still running after another failed must not reach the connection after it went
 * back to the pool, where it may already carry another station's transaction.
 */
async function inOpenedTransaction<T>(db: Kysely<Database>, opening: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const lease = await leaseTransaction(db, opening);
  return lease.take()!(fn);
}

/**
 * A transaction opened and then held for work the caller decides on after reading what the opening
 * returned (the session, read in the same round trip: see leaseStationTransaction).
 */
export interface TransactionLease {
  /** The rows of the opening's last statement. */
  rows: Record<string, unknown>[];
  /**
   * The way into the transaction, once: the work runs in it, then it commits (or rolls back if the
   * work fails) and the connection goes back to the pool. Null once taken or given up.
   */
  take(): (<T>(fn: (tx: Tx) => Promise<T>) => Promise<T>) | null;
  /** Rolls the transaction back and gives the connection back, unless it was taken. */
  giveUp(): Promise<void>;
}

type Work = ((tx: Tx) => Promise<unknown>) | null;

function leaseTransaction(db: Kysely<Database>, opening: string): Promise<TransactionLease> {
  return new Promise<TransactionLease>((resolveLease, rejectLease) => {
    let leased = false;
    db.connection()
      .execute(async (connection) => {
        let settled = false;
        const guarded = connection.withPlugin({
          transformQuery(args) {
            if (settled) throw new Error("this transaction has ended: no more queries on it");
            return args.node;
          },
          transformResult: async (args) => args.result,
        });
        const rollback = () => sql`rollback`.execute(connection).catch(() => undefined);
        let rows: Record<string, unknown>[];
        try {
          rows = (await sql.raw(opening).execute(connection)).rows as Record<string, unknown>[];
        } catch (error) {
          // Also after a failed opening: the connection goes back to the pool with no transaction open.
          await rollback();
          throw error;
        }
        let decide!: (work: Work) => void;
        const decided = new Promise<Work>((resolve) => (decide = resolve));
        let finish!: { resolve: (value: unknown) => void; reject: (error: unknown) => void };
        const finished = new Promise<unknown>((resolve, reject) => (finish = { resolve, reject }));
        let open = true;
        leased = true;
        resolveLease({
          rows,
          take() {
            if (!open) return null;
            open = false;
            return <T>(fn: (tx: Tx) => Promise<T>) => {
              decide(fn as (tx: Tx) => Promise<unknown>);
              return finished as Promise<T>;
            };
          },
          giveUp() {
            if (!open) return Promise.resolve();
            open = false;
            decide(null);
            return finished.then(() => undefined);
          },
        });
        const work = await decided;
        if (!work) {
          settled = true;
          await rollback();
          finish.resolve(undefined);
          return;
        }
        try {
          // A connection-bound handle does everything a Transaction does here; none of our code opens
          // nested transactions or savepoints on it.
          const value = await work(guarded as unknown as Tx);
          settled = true;
          // PostgreSQL answers COMMIT of a transaction a failed statement aborted with ROLLBACK:
          // work that caught that statement's error must not be reported as saved.
          const committed = await sql<{ command?: string }>`commit`.execute(connection);
          if (committed.rows[0]?.command === "ROLLBACK") throw new Error("the transaction was rolled back: a statement in it failed");
          finish.resolve(value);
        } catch (error) {
          settled = true;
          await rollback();
          finish.reject(error);
        }
      })
      .catch((error: unknown) => {
        if (!leased) rejectLease(error);
      });
  });
}

/**
 * A station's transaction whose opening round trip also runs `probe`, a statement whose rows the
 * caller judges before any work is done in the transaction (the request's session: one round trip
 * fewer for every station procedure). The probe runs after the settings, under the app role and
 * the station; it is SQL text, so whoever writes it writes only shape-checked values into it. Null
 * when the station or the probe cannot be written into the text (the caller takes the ordinary way).
 */
export function leaseStationTransaction(
  db: Kysely<Database>,
  stationId: string,
  probe: string,
  options: { readOnly?: boolean } = {},
): Promise<TransactionLease> | null {
  const opening = openingStatements({ stationId, readOnly: options.readOnly });
  if (!opening) return null;
  return leaseTransaction(db, `${opening}; ${probe}`);
}

/** Everything a station owns is read and written inside this: RLS sees only that station. */
export function withStation<T>(
  db: Kysely<Database>,
  stationId: string,
  fn: (tx: Tx) => Promise<T>,
  options: { userId?: string; readOnly?: boolean } = {},
): Promise<T> {
  return inTransaction(db, { stationId, userId: options.userId, readOnly: options.readOnly }, fn);
}

/** Supervising bodies (region, prefecture, county, township) act over the stations under a division. */
export function withDivisionScope<T>(
  db: Kysely<Database>,
  divisionCode: string,
  fn: (tx: Tx) => Promise<T>,
  options: { userId?: string; readOnly?: boolean } = {},
): Promise<T> {
  return inTransaction(db, { divisionScope: divisionCode, userId: options.userId, readOnly: options.readOnly }, fn);
}

/** Work that belongs to no station (sessions, logins): RLS shows no station data here. */
export function withPlatform<T>(
  db: Kysely<Database>,
  fn: (tx: Tx) => Promise<T>,
  options: { userId?: string } = {},
): Promise<T> {
  return inTransaction(db, { userId: options.userId }, fn);
}

/**
 * Operator tasks (seed, CLI onboarding) run as the owner, not APP_ROLE, but still inside a division
 * scope so that the same policies hold on an owner without BYPASSRLS.
 */
export function withOwnerScope<T>(db: Kysely<Database>, divisionCode: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (tx) => {
    await sql`select set_config('app.division_scope', ${divisionCode}, true)`.execute(tx);
    return fn(tx);
  });
}
