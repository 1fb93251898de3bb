import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { getConnInfo } from "@hono/node-server/conninfo";
import { serveStatic } from "@hono/node-server/serve-static";
import { trpcServer } from "@hono/trpc-server";
import { appRouter, readStationLogo, type ApiContext, type FileStore } from "@shegong/api";
import { invalidateSession, login, validateSession, validateSessionWithGrants, verifySecondFactor, type PersonalDataCipher } from "@shegong/auth";
import { pingDatabase, recordAudit, withPlatform, withStation, type ShegongDb } from "@shegong/db";
import { ATTACHMENT_MAX_BYTES } from "@shegong/domain";
import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { z } from "zod";
import { errorResponse, trpcErrorResponse } from "./http-errors.ts";
import { mountPublicPageForm, mountPublicPageReads } from "./public-page.ts";
import { contentSecurityPolicy, handlerTimeout, newStyleNonce, pageWithNonce, sameOriginWrites, securityHeaders } from "./security.ts";
import { clearSessionCookie, readSessionCookie, writeSessionCookie } from "./session-cookie.ts";

export interface AppOptions {
  database: ShegongDb;
  pii: PersonalDataCipher;
  files: FileStore;
  maxBodyBytes?: number;
  maxLedgerBytes?: number;
  /** How long a handler may take before the caller is answered 503 REQUEST_TIMEOUT (uploads get longer). */
  handlerTimeoutMs?: number;
  uploadTimeoutMs?: number;
  trustProxy?: boolean;
  /** The built web app (apps/web/dist); omitted in API-only tests. */
  webDist?: string;
}

const ZLoginSchema = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(200),
});

/** Either a 6-digit code from the authenticator app or one recovery code. */
const ZSecondFactorSchema = z.union([
  z.object({ code: z.string().trim().regex(/^\d{6}$/) }).strict(),
  z.object({ recoveryCode: z.string().trim().min(16).max(40) }).strict(),
]);

/** What the login answer says a half-signed-in session still owes ('required': a code; 'enrol': set one up). */
const mfaAnswer = (pending: "verify" | "enrol" | null | undefined) => (pending === "verify" ? "required" : pending === "enrol" ? "enrol" : undefined);

export function createApp(options: AppOptions) {
  const { database } = options;
  const app = new Hono();

  const clientIp = (c: Context): string => {
    if (options.trustProxy) {
      const forwarded = c.req.header("x-forwarded-for")?.split(",")[0]?.trim();
      if (forwarded) return forwarded;
    }
    try {
      return getConnInfo(c).remote.address ?? "unknown";
    } catch {
      return "unknown";
    }
  };

  const currentSession = async (c: Context) => {
    const token = readSessionCookie(c);
    return token ? validateSession(database.db, token) : null;
  };

  // The public disclosure pages (issue 5 item 9): no session, no script, no personal data.
  mountPublicPageReads(app, { database });
  app.use("*", securityHeaders());
  // Ledger files (issue 3: a 10,000-row xlsx) and attachments (a phone photo, a scanned form) are
  // the large uploads; everything else stays small.
  // A tRPC client gets the refusal in tRPC's own error shape, so it can show the message.
  const tooLarge = (c: Context) => (c.req.path.startsWith("/trpc/") ? trpcErrorResponse(c, 413, "BODY_TOO_LARGE") : errorResponse(c, 413, "BODY_TOO_LARGE"));
  const ledgerUpload = bodyLimit({ maxSize: options.maxLedgerBytes ?? 28 * 1024 * 1024, onError: tooLarge });
  const ordinary = bodyLimit({ maxSize: options.maxBodyBytes ?? 1_048_576, onError: tooLarge });
  const attachmentUpload = bodyLimit({ maxSize: Math.ceil((ATTACHMENT_MAX_BYTES * 4) / 3) + 64 * 1024, onError: tooLarge });
  app.use("*", (c, next) =>
    /^\/trpc\/(ledgers\.(preview|commit)|payouts\.verify)$/.test(c.req.path)
      ? ledgerUpload(c, next)
      : c.req.path === "/trpc/attachments.upload"
        ? attachmentUpload(c, next)
        : ordinary(c, next),
  );
  app.use("*", sameOriginWrites());
  const isUpload = (path: string) => /^\/trpc\/(ledgers\.(preview|commit)|payouts\.verify)$/.test(path) || path === "/trpc/attachments.upload";
  app.use(
    "*",
    handlerTimeout(
      (c) => (isUpload(c.req.path) ? (options.uploadTimeoutMs ?? 300_000) : (options.handlerTimeoutMs ?? 30_000)),
      (c) => (c.req.path.startsWith("/trpc/") ? trpcErrorResponse(c, 503, "REQUEST_TIMEOUT") : errorResponse(c, 503, "REQUEST_TIMEOUT")),
    ),
  );

  app.get("/healthz", async (c) => {
    const ok = await pingDatabase(database);
    return c.json({ status: ok ? "ok" : "unavailable", database: database.kind }, ok ? 200 : 503);
  });

  app.post("/auth/login", async (c) => {
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      return errorResponse(c, 400, "BAD_JSON");
    }
    const parsed = ZLoginSchema.safeParse(body);
    if (!parsed.success) return errorResponse(c, 400, "VALIDATION", { fieldErrors: z.flattenError(parsed.error).fieldErrors });
    const result = await login(database.db, {
      username: parsed.data.username,
      password: parsed.data.password,
      ip: clientIp(c),
      userAgent: c.req.header("user-agent") ?? null,
    });
    if (!result.ok) {
      if (result.code === "AUTH_THROTTLED") {
        c.header("Retry-After", String(result.retryAfterSeconds ?? 60));
        return errorResponse(c, 429, "AUTH_THROTTLED", { retryAfterSeconds: result.retryAfterSeconds });
      }
      return errorResponse(c, 401, result.code);
    }
    writeSessionCookie(c, result.token, result.expiresAt);
    const session = await validateSession(database.db, result.token);
    return c.json({ ok: true, user: session?.user ?? null, expiresAt: result.expiresAt, mfa: mfaAnswer(result.mfa) });
  });

  // The second step of a sign-in; throttled with the login's own counters (keyed apart).
  app.post("/auth/mfa/verify", async (c) => {
    const session = await currentSession(c);
    if (!session) return errorResponse(c, 401, "AUTH_REQUIRED");
    if (session.mfaPending !== "verify") return errorResponse(c, 400, "VALIDATION", { reason: "no second factor is awaited" });
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      return errorResponse(c, 400, "BAD_JSON");
    }
    const parsed = ZSecondFactorSchema.safeParse(body);
    if (!parsed.success) return errorResponse(c, 400, "VALIDATION");
    const result = await verifySecondFactor(database.db, options.pii, {
      sessionId: session.sessionId,
      userId: session.user.id,
      username: session.user.username,
      ip: clientIp(c),
      userAgent: c.req.header("user-agent") ?? null,
      ...parsed.data,
    });
    if (!result.ok) {
      if (result.code === "AUTH_THROTTLED") {
        c.header("Retry-After", String(result.retryAfterSeconds ?? 60));
        return errorResponse(c, 429, "AUTH_THROTTLED", { retryAfterSeconds: result.retryAfterSeconds });
      }
      if (result.code === "AUTH_SESSION_EXPIRED") clearSessionCookie(c);
      return errorResponse(c, 401, result.code);
    }
    writeSessionCookie(c, result.token, result.expiresAt);
    return c.json({ ok: true, user: session.user, expiresAt: result.expiresAt, recoveryCodesLeft: result.recoveryCodesLeft });
  });

  app.post("/auth/logout", async (c) => {
    const session = await currentSession(c);
    if (session) {
      await invalidateSession(database.db, session.sessionId);
      await withPlatform(database.db, (tx) =>
        recordAudit(tx, { actorUserId: session.user.id, actorName: session.user.username, action: "auth.logout", outcome: "success", ip: clientIp(c) }),
      );
    }
    clearSessionCookie(c);
    return c.json({ ok: true });
  });

  app.get("/auth/session", async (c) => {
    const session = await currentSession(c);
    if (!session) return errorResponse(c, 401, "AUTH_REQUIRED");
    return c.json({ user: session.user, expiresAt: session.expiresAt, mfa: mfaAnswer(session.mfaPending) });
  });

  // Logos are part of the public plaque (R8), served by their bytes' own sniffed type.
  app.get("/branding/:stationId/logo", async (c) => {
    const stationId = c.req.param("stationId");
    if (!z.uuid().safeParse(stationId).success) return errorResponse(c, 404, "NOT_FOUND");
    const logo = await withStation(database.db, stationId, (tx) => readStationLogo(tx, stationId), { readOnly: true });
    if (!logo?.logo || !logo.logo_mime) return errorResponse(c, 404, "NOT_FOUND");
    c.header("Content-Type", logo.logo_mime);
    c.header("Cache-Control", "public, max-age=300");
    c.header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; sandbox");
    return c.body(new Uint8Array(logo.logo));
  });

  // The public disclosure pages' form (issue 5 item 9), behind the same walls as every write.
  mountPublicPageForm(app, { database, clientIp });

  app.use(
    "/trpc/*",
    trpcServer({
      router: appRouter,
      createContext: async (_opts, c): Promise<ApiContext & Record<string, unknown>> => {
        // The session is checked by the procedure's middleware (authedProcedure), not here: a
        // station procedure reads it in its transaction's first round trip, and health.ping not at all.
        const sessionToken = readSessionCookie(c) ?? null;
        let checking: ReturnType<typeof validateSessionWithGrants> | undefined;
        const checkSession = sessionToken ? () => (checking ??= validateSessionWithGrants(database.db, sessionToken)) : undefined;
        return { database, pii: options.pii, files: options.files, session: null, grants: [], sessionToken, checkSession, ip: clientIp(c), userAgent: c.req.header("user-agent") ?? null };
      },
      onError: ({ error, path }) => {
        if (error.code === "INTERNAL_SERVER_ERROR") console.error(`[trpc] ${path}:`, error.cause ?? error);
      },
    }),
  );

  const webDist = options.webDist;
  if (webDist && existsSync(join(webDist, "index.html"))) {
    const indexHtml = readFileSync(join(webDist, "index.html"), "utf8");
    // The page names no one, but it must never be served stale after a deploy.
    const page = (c: Context) => {
      const nonce = newStyleNonce();
      c.header("Cache-Control", "no-store");
      c.header("Content-Security-Policy", contentSecurityPolicy(nonce));
      return c.html(pageWithNonce(indexHtml, nonce));
    };
    app.get("/", page);
    app.get("/index.html", page);
    app.use("/assets/*", serveStatic({ root: webDist }));
    app.use("/*", serveStatic({ root: webDist }));
    // The app routes on the client: any other GET gets the page.
    app.get("*", page);
  }
  app.notFound((c) => errorResponse(c, 404, "NOT_FOUND"));
  app.onError((err, c) => {
    console.error("[http]", err);
    return errorResponse(c, 500, "INTERNAL");
  });
  return app;
}
