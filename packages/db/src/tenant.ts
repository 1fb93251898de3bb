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
function inOpenedTransaction<T>(db: Kysely<Database>, opening: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.connection().execute(async (connection) => {
    let settled = false;
    const guarded = connection.withPlugin({
      transformQuery(args) {
        if (settled) throw new Error("this transaction has ended: no more queries on it");
        return args.node;
      },
      transformResult: async (args) => args.result,
    });
    let result: T;
    try {
      await sql.raw(opening).execute(connection);
      // A connection-bound handle does everything a Transaction does here; none of our code opens
      // nested transactions or savepoints on it.
      result = await fn(guarded as unknown as Tx);
    } catch (error) {
      settled = true;
      // Also after a failed opening: the connection goes back to the pool with no transaction open.
      await sql`rollback`.execute(connection).catch(() => undefined);
      throw error;
    }
    settled = true;
    await sql`commit`.execute(connection);
    return result;
  });
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
