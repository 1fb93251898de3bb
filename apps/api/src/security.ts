import { randomBytes } from "node:crypto";
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
 * Scripts: same-origin files only, never inline. Styles: our own files, plus the <style> elements
 * antd and the components below it write at run time, each carrying the page's one-time nonce (the
 * web app reads it from the page and hands it to every style writer). No 'unsafe-inline' anywhere:
 * an injected <style> or style="…" attribute is refused. Responses other than the app page (API
 * answers, errors) carry no nonce, so they allow no inline style at all.
 */
export function contentSecurityPolicy(styleNonce?: string): string {
  const styles = styleNonce ? `'self' 'nonce-${styleNonce}'` : "'self'";
  return `default-src 'self'; script-src 'self'; style-src ${styles}; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'`;
}

/** A fresh nonce per page load (128 random bits), so a nonce seen once is worth nothing later. */
export function newStyleNonce(): string {
  return randomBytes(16).toString("base64");
}

/** The app page with its nonce where the web app looks for it. */
export function pageWithNonce(indexHtml: string, nonce: string): string {
  return indexHtml.replace("</head>", `<meta name="csp-nonce" content="${nonce}" /></head>`);
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
    const headers: Record<string, string> = baseSecurityHeaders(c.req.url);
    // A response that set its own policy (the web page with its nonce, a logo) keeps it.
    if (!c.res.headers.has("Content-Security-Policy")) headers["Content-Security-Policy"] = contentSecurityPolicy();
    const path = c.req.path;
    if (path.startsWith("/trpc") || path.startsWith("/auth")) headers["Cache-Control"] = "no-store";
    setResponseHeaders(c, headers);
  };
}

/**
 * Sets headers on the finished response in place. Hono's c.header() after the handler rebuilds the
 * Response from its body on every call, which turns the node server's string body into a web stream
 * it must then pump chunk by chunk; the response's own Headers are live and cost nothing to change.
 * A response whose headers are immutable (a fetched or redirect Response) goes the rebuilding way.
 */
function setResponseHeaders(c: Context, headers: Record<string, string>): void {
  try {
    const live = c.res.headers;
    for (const [name, value] of Object.entries(headers)) live.set(name, value);
  } catch {
    for (const [name, value] of Object.entries(headers)) c.header(name, value);
  }
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
