import type { Context, MiddlewareHandler } from "hono";
import { errorResponse } from "./http-errors.ts";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * CSRF wall (Lucia design): a state-changing request from a browser must come from our own
 * origin. Browsers always send Origin or Sec-Fetch-Site on cross-site POSTs; tools such as curl
 * send neither and are not a CSRF vector.
 */
export function sameOriginWrites(): MiddlewareHandler {
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next();
    const origin = c.req.header("origin");
    const fetchSite = c.req.header("sec-fetch-site");
    const requestOrigin = new URL(c.req.url).origin;
    const host = c.req.header("host");
    const ownOrigins = new Set([requestOrigin, ...(host ? [`http://${host}`, `https://${host}`] : [])]);
    if (origin !== undefined && !ownOrigins.has(origin)) return errorResponse(c, 403, "AUTH_ORIGIN");
    if (fetchSite !== undefined && fetchSite !== "same-origin" && fetchSite !== "none") return errorResponse(c, 403, "AUTH_ORIGIN");
    return next();
  };
}

/**
 * Scripts: same-origin files only, never inline. Styles still need 'unsafe-inline': antd writes its
 * CSS at run time, and with a per-page nonce handed to antd (ConfigProvider `csp`) the browser test
 * still saw <style> elements without it (from a component library below antd), so a nonce policy
 * would unstyle the app. Style injection cannot run code; closing it is left as follow-up work.
 */
export function contentSecurityPolicy(): string {
  return "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";
}

/** The headers every response carries, whatever its own policy (HSTS only off the local machine). */
export function baseSecurityHeaders(url: string): Record<string, string> {
  const headers: Record<string, string> = { "X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin", "X-Frame-Options": "DENY" };
  const host = new URL(url).hostname;
  if (host !== "localhost" && host !== "127.0.0.1" && host !== "[::1]") headers["Strict-Transport-Security"] = "max-age=31536000";
  return headers;
}

export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    for (const [name, value] of Object.entries(baseSecurityHeaders(c.req.url))) c.header(name, value);
    // A response that set its own policy (the web page with its nonce, a logo) keeps it.
    if (!c.res.headers.has("Content-Security-Policy")) c.header("Content-Security-Policy", contentSecurityPolicy());
    const path = c.req.path;
    if (path.startsWith("/trpc") || path.startsWith("/auth")) c.header("Cache-Control", "no-store");
  };
}

/**
 * A request whose handler has not answered within `ms` gets a 503 with a stable code instead of
 * hanging the browser. The handler is not killed (its transaction finishes or rolls back on its
 * own); the person is told to try again. Node's own server timeouts (server.ts) cover slow clients.
 */
export function handlerTimeout(ms: (c: Context) => number, respond: (c: Context) => Response): MiddlewareHandler {
  return async (c, next) => {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<"timeout">((resolve) => {
      timer = setTimeout(() => resolve("timeout"), ms(c));
    });
    try {
      const outcome = await Promise.race([next().then(() => "done" as const), timedOut]);
      if (outcome === "timeout") return respond(c);
    } finally {
      clearTimeout(timer);
    }
  };
}
