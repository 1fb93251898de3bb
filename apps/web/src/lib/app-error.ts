import { TRPCClientError } from "@trpc/client";
import { APP_ERROR_CODES, ERROR_MESSAGES, type AppErrorCode, type Locale } from "@shegong/domain";
import { translate } from "../i18n/locale.tsx";

/** A server error as the person sees it: the stable code, the message in their language, and what it concerns. */
export interface ShownError {
  code: AppErrorCode | null;
  message: string;
  extra: string[];
  fieldErrors: Record<string, string[] | undefined> | null;
}

interface ServerErrorBody {
  code?: string;
  appCode?: string;
  messageZh?: string;
  messageEn?: string;
  details?: Record<string, unknown> | null;
  fieldErrors?: Record<string, string[] | undefined> | null;
  retryAfterSeconds?: number;
}

/** Thrown by the REST calls (`/auth/*`), carrying the `{error:{…}}` body. */
export class RestError extends Error {
  readonly body: ServerErrorBody;
  readonly status: number;
  constructor(status: number, body: ServerErrorBody) {
    super(body.messageEn ?? `HTTP ${status}`);
    this.status = status;
    this.body = body;
  }
}

/** A check the browser makes with the domain's own rule before sending (e.g. a logo's bytes). */
export class LocalAppError extends Error {
  readonly code: AppErrorCode;
  constructor(code: AppErrorCode) {
    super(ERROR_MESSAGES[code].en);
    this.code = code;
  }
}

function isAppErrorCode(code: unknown): code is AppErrorCode {
  return typeof code === "string" && (APP_ERROR_CODES as readonly string[]).includes(code);
}

function bodyOf(error: unknown): ServerErrorBody | null {
  if (error instanceof RestError) return { ...error.body, appCode: error.body.code };
  if (error instanceof LocalAppError) {
    return { appCode: error.code, messageZh: ERROR_MESSAGES[error.code].zh, messageEn: ERROR_MESSAGES[error.code].en };
  }
  if (error instanceof TRPCClientError) {
    const data = (error as TRPCClientError<never>).data as ServerErrorBody | undefined | null;
    return data ?? null;
  }
  return null;
}

export function appErrorCodeOf(error: unknown): AppErrorCode | null {
  const code = bodyOf(error)?.appCode;
  return isAppErrorCode(code) ? code : null;
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

/**
 * The server's own details of an error (e.g. `personId` of the record already registered), or an
 * empty object.
 */
export function errorDetails(error: unknown): Record<string, unknown> {
  return bodyOf(error)?.details ?? {};
}

/** Zod messages made by the domain's `bilingual()` read "中文 / English": the reader's side only. */
export function pickBilingual(message: string, locale: Locale): string {
  const at = message.indexOf(" / ");
  if (at < 0) return message;
  return locale === "en" ? message.slice(at + 3) : message.slice(0, at);
}

/**
 * Messages per field, from the input's schema (`fieldErrors`) and from the domain checks the server
 * makes after it (`details.fieldErrors`, e.g. an ID number whose check character is wrong).
 */
export function fieldErrorsOf(error: unknown, locale: Locale): Record<string, string[]> {
  const body = bodyOf(error);
  if (!body) return {};
  const nested = body.details?.fieldErrors;
  const sources = [body.fieldErrors ?? {}, nested && typeof nested === "object" ? (nested as Record<string, unknown>) : {}];
  const out: Record<string, string[]> = {};
  for (const source of sources) {
    for (const [field, messages] of Object.entries(source)) {
      const list = stringList(messages).map((m) => pickBilingual(m, locale));
      if (list.length > 0) out[field] = [...(out[field] ?? []), ...list];
    }
  }
  return out;
}

export function showError(error: unknown, locale: Locale): ShownError {
  const body = bodyOf(error);
  if (!body || (!body.messageZh && !body.messageEn)) {
    const offline = error instanceof TypeError || (error instanceof TRPCClientError && !error.data);
    return { code: null, message: translate(locale, offline ? "error.network" : "error.unknown"), extra: [], fieldErrors: null };
  }
  const code = isAppErrorCode(body.appCode) ? body.appCode : null;
  const message = (locale === "en" ? body.messageEn : body.messageZh) ?? body.messageZh ?? body.messageEn ?? "";
  const extra: string[] = [];
  const details = body.details ?? {};
  const retryAfter = body.retryAfterSeconds ?? details.retryAfterSeconds;
  if (typeof retryAfter === "number") {
    extra.push(
      retryAfter >= 120
        ? translate(locale, "error.retryAfterMinutes", { minutes: Math.ceil(retryAfter / 60) })
        : translate(locale, "error.retryAfter", { seconds: retryAfter }),
    );
  }
  const plaqueNames = stringList(details.plaqueNames);
  if (plaqueNames.length > 0) extra.push(translate(locale, "error.alreadyOnboarded", { names: plaqueNames.join("、") }));
  else {
    const codes = stringList(details.codes);
    if (codes.length > 0) extra.push(translate(locale, "error.codes", { codes: codes.join(", ") }));
  }
  const bilingualDetail = locale === "en" ? details.en : details.zh;
  if (typeof bilingualDetail === "string") extra.push(bilingualDetail);
  const fieldErrors = fieldErrorsOf(error, locale);
  return { code, message, extra, fieldErrors: Object.keys(fieldErrors).length > 0 ? fieldErrors : null };
}
