import { initTRPC } from "@trpc/server";
import {
  findDivisionGrant,
  findStationGrant,
  judgeSessionContext,
  sessionContextProbe,
  settleSession,
  validateSessionWithGrants,
  type Grant,
  type StationRef,
  type ValidSession,
} from "@shegong/auth";
import { leaseStationTransaction, recordAudit, withDivisionScope, withPlatform, withStation, type TransactionLease, type Tx } from "@shegong/db";
import { ERROR_MESSAGES, isSupervisoryRole, type AppErrorCode, type Permission } from "@shegong/domain";
import { z, ZodError } from "zod";
import type { ApiContext } from "./context.ts";
import { AppError, appError } from "./errors.ts";

/**
 * How a procedure is authorised, declared once per procedure and enforced by the one middleware
 * below — never ad hoc in a router.
 * - station: input carries `stationId`; the caller needs `permission` on that station.
 * - division: input carries `divisionCode`; the caller needs `permission` over that division.
 * - user: any signed-in user (their own data, reference data).
 */
export type AccessMeta = (
  | { access: "station"; permission: Permission; write?: boolean }
  | { access: "division"; permission: Permission; write?: boolean }
  | { access: "user" }
) & {
  /**
   * The unfinished sign-ins this procedure still serves. By default none: a session that has not
   * enrolled a required second factor ('mfa_enrol'), or whose user must replace an initial password
   * ('password_change', ASVS 5), can call only the procedures that let it finish.
   */
  during?: readonly ("mfa_enrol" | "password_change")[];
};

export type Access =
  | { kind: "station"; station: StationRef; grant: Grant; supervisory: boolean }
  | { kind: "division"; divisionCode: string; grant: Grant }
  | { kind: "user" };

const t = initTRPC
  .context<ApiContext>()
  .meta<AccessMeta>()
  .create({
    errorFormatter({ shape, error }) {
      const cause = error instanceof AppError ? error : error.cause instanceof AppError ? error.cause : null;
      const zod = error.cause instanceof ZodError ? error.cause : null;
      const appCode: AppErrorCode = cause?.appCode ?? (zod ? "VALIDATION" : error.code === "INTERNAL_SERVER_ERROR" ? "INTERNAL" : codeFor(error.code));
      const messages = ERROR_MESSAGES[appCode];
      return {
        ...shape,
        message: appCode === "INTERNAL" ? messages.en : shape.message,
        data: {
          ...shape.data,
          stack: undefined,
          appCode,
          messageZh: messages.zh,
          messageEn: messages.en,
          details: cause?.details ?? null,
          fieldErrors: zod ? fieldErrorsOf(zod) : null,
        },
      };
    },
  });

/** Messages per field, keyed by the dotted path (`person.citizenId`), so a form can place each one. */
function fieldErrorsOf(error: ZodError): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".") || "_";
    (fields[key] ??= []).push(issue.message);
  }
  return fields;
}

function codeFor(code: string): AppErrorCode {
  if (code === "UNAUTHORIZED") return "AUTH_REQUIRED";
  if (code === "FORBIDDEN") return "FORBIDDEN";
  if (code === "NOT_FOUND") return "NOT_FOUND";
  if (code === "PAYLOAD_TOO_LARGE") return "BODY_TOO_LARGE";
  if (code === "PARSE_ERROR") return "BAD_JSON";
  return "VALIDATION";
}

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure;

const ZStationTarget = z.object({ stationId: z.uuid() });
const ZDivisionTarget = z.object({ divisionCode: z.string().regex(/^\d{2}(\d{2}){0,2}(\d{3}){0,2}$/) });

/**
 * A station's division never changes once it is onboarded, so it is read once per process. Its
 * contractor can change (the bureau reassigns it), so a caller holding a contractor's grant always
 * reads it fresh: only that grant depends on it (grantCoversStation).
 */
const stationDivisions = new Map<string, string>();

async function loadStationRef(ctx: ApiContext, stationId: string): Promise<StationRef | null> {
  const division = stationDivisions.get(stationId);
  if (division !== undefined && !ctx.grants.some((g) => g.contractorId)) return { id: stationId, divisionCode: division, contractorId: null };
  const row = await withPlatform(ctx.database.db, (tx) =>
    tx.selectFrom("station").select(["id", "division_code", "contractor_id"]).where("id", "=", stationId).executeTakeFirst(),
  );
  if (!row) return null;
  stationDivisions.set(row.id, row.division_code);
  return { id: row.id, divisionCode: row.division_code, contractorId: row.contractor_id };
}

type TxRunner = <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>;

const noUpkeep: TxRunner = () => Promise.reject(new Error("upkeep runs only in a station's scope"));

function granted(ctx: ApiContext, session: NonNullable<ApiContext["session"]>, access: Access, tx: TxRunner, upkeep: TxRunner = noUpkeep): AuthedContext {
  // The token (its secret) has done its work: the procedure gets the checked session, not the token.
  return { ...ctx, sessionToken: null, checkSession: undefined, session, userId: session.user.id, access, tx, upkeep };
}

/** The session behind the cookie's token, and its grants (one round trip; once per HTTP request when the context says how). */
async function withCheckedSession(ctx: ApiContext): Promise<ApiContext> {
  const checked = ctx.checkSession ? await ctx.checkSession() : ctx.sessionToken ? await validateSessionWithGrants(ctx.database.db, ctx.sessionToken) : null;
  return checked ? { ...ctx, session: checked.session, grants: checked.grants } : { ...ctx, session: null, grants: [] };
}

/** An unfinished sign-in serves only the procedures that let it finish (AccessMeta.during). */
function signInFinished(session: ValidSession, meta: AccessMeta): void {
  // A session that has proven only the password gives its code over /auth/mfa/verify, nothing here.
  if (session.mfaPending === "verify") throw appError("MFA_REQUIRED");
  if (session.mfaPending === "enrol" && !meta.during?.includes("mfa_enrol")) throw appError("MFA_ENROL_REQUIRED");
  if (session.user.mustChangePassword && !meta.during?.includes("password_change")) throw appError("PASSWORD_CHANGE_REQUIRED");
}

/**
 * A station procedure's context once its caller's grant on the station holds (FORBIDDEN if not).
 * With a lease, the first transaction is the leased one and any later one opens afresh; upkeep is
 * writable, so never the (possibly read-only) lease, which it gives up first.
 */
function stationGranted(ctx: ApiContext, session: ValidSession, station: StationRef, meta: { permission: Permission; write?: boolean }, lease?: TransactionLease): AuthedContext {
  const grant = findStationGrant(ctx.grants, meta.permission, station);
  if (!grant) throw appError("FORBIDDEN");
  const db = ctx.database.db;
  const userId = session.user.id;
  // Supervisors and inspectors enter a station's workspace read-only (ARCHITECTURE: tenancy).
  const tx: TxRunner = (fn) => withStation(db, station.id, fn, { userId, readOnly: !meta.write });
  const upkeep: TxRunner = (fn) => withStation(db, station.id, fn, { userId });
  const access: Access = { kind: "station", station, grant, supervisory: isSupervisoryRole(grant.role) };
  if (!lease) return granted(ctx, session, access, tx, upkeep);
  return granted(
    ctx,
    session,
    access,
    (fn) => (lease.take() ?? tx)(fn),
    async (fn) => {
      await lease.giveUp();
      return upkeep(fn);
    },
  );
}

/** The one permission check. It also gives the procedure the only way to reach the database. */
export const authedProcedure = t.procedure.use(async ({ ctx: given, meta, getRawInput, next, path }) => {
  if (!given.session && !given.sessionToken) throw appError("AUTH_REQUIRED");
  if (!meta) throw new Error(`procedure ${path} declares no access meta`);
  const db = given.database.db;

  // A station procedure on PostgreSQL reads the session in its transaction's opening round trip:
  // one round trip fewer, and the session checked in the transaction that does the work. Nothing
  // runs in that transaction until the session, the sign-in and the grant have been checked. While
  // the lease is open the request asks the pool for nothing else: a request holding one connection
  // while it waits for another is how a pool deadlocks under a burst. (PGlite takes the ordinary
  // way: it has no round trips to save, and its one connection is what the lease would hold.)
  if (!given.session && given.sessionToken && meta.access === "station" && given.database.kind === "postgres") {
    const now = new Date();
    const target = ZStationTarget.safeParse(await getRawInput());
    const probe = sessionContextProbe(given.sessionToken, now);
    const known = target.success && probe ? await loadStationRef(given, target.data.stationId) : null;
    const leasing = known && probe ? leaseStationTransaction(db, known.id, probe.sql, { readOnly: !meta.write }) : null;
    if (leasing) {
      const lease = await leasing;
      const judged = judgeSessionContext(probe!.parsed, lease.rows[0], now);
      // A contractor's grant depends on the station's current contractor, which takes a read of
      // its own: that caller goes the ordinary way.
      const contractor = judged.kind === "valid" && judged.grants.some((g) => g.contractorId);
      try {
        if (judged.kind !== "valid") throw appError("AUTH_REQUIRED");
        if (!contractor) {
          const { session, grants } = judged;
          signInFinished(session, meta);
          return await next({ ctx: stationGranted({ ...given, session, grants }, session, known!, meta, lease) });
        }
      } finally {
        await lease.giveUp();
        // The session's own writes (a dead one deleted, the idle clock touched) once the lease is
        // back. Neither decides anything: a failure is logged, not the request's.
        await settleSession(db, judged, now).catch((error: unknown) => console.error("[session] settling:", error));
      }
    }
  }

  const ctx = given.session ? given : await withCheckedSession(given);
  const session = ctx.session;
  if (!session) throw appError("AUTH_REQUIRED");
  signInFinished(session, meta);
  const userId = session.user.id;

  if (meta.access === "user") {
    return next({ ctx: granted(ctx, session, { kind: "user" }, (fn) => withPlatform(db, fn, { userId })) });
  }

  const raw = await getRawInput();
  if (meta.access === "station") {
    const target = ZStationTarget.safeParse(raw);
    if (!target.success) throw appError("VALIDATION", { field: "stationId" });
    const station = await loadStationRef(ctx, target.data.stationId);
    if (!station) throw appError("NOT_FOUND");
    return next({ ctx: stationGranted(ctx, session, station, meta) });
  }

  const target = ZDivisionTarget.safeParse(raw);
  if (!target.success) throw appError("VALIDATION", { field: "divisionCode" });
  const grant = findDivisionGrant(ctx.grants, meta.permission, target.data.divisionCode);
  if (!grant) throw appError("FORBIDDEN");
  const divisionCode = target.data.divisionCode;
  return next({
    ctx: granted(ctx, session, { kind: "division", divisionCode, grant }, (fn) =>
      withDivisionScope(db, divisionCode, fn, { userId, readOnly: !meta.write }),
    ),
  });
});

export type AuthedContext = ApiContext & {
  session: NonNullable<ApiContext["session"]>;
  userId: string;
  access: Access;
  tx: TxRunner;
  /**
   * A writable transaction in the station's scope for keeping derived rows (the due table) true
   * before a read — even a read-only reader's. Never for anything a person authors: that goes
   * through `tx` under a write permission.
   */
  upkeep: TxRunner;
};

/** Audit helper for procedures: who, from where, in the chain of the station acted on. */
export function auditFrom(ctx: AuthedContext, stationId: string | null) {
  return (tx: Tx, entry: { action: string; target?: string; outcome?: "success" | "failure" | "denied"; detail?: Record<string, unknown> }) =>
    recordAudit(tx, {
      stationId,
      actorUserId: ctx.userId,
      actorName: ctx.session.user.username,
      ip: ctx.ip,
      outcome: entry.outcome ?? "success",
      action: entry.action,
      target: entry.target ?? null,
      detail: entry.detail,
    });
}
