import { ERROR_MESSAGES, type AppErrorCode } from "@shegong/domain";
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";

/** REST errors carry the same stable code and bilingual messages as tRPC errors. */
export function errorResponse(c: Context, status: ContentfulStatusCode, code: AppErrorCode, extra: Record<string, unknown> = {}) {
  const messages = ERROR_MESSAGES[code];
  return c.json({ error: { code, message: messages.en, messageZh: messages.zh, messageEn: messages.en, ...extra } }, status);
}

/** The same refusal in the shape a tRPC client reads (`error.data.appCode`, both messages). */
export function trpcErrorResponse(c: Context, status: ContentfulStatusCode, code: AppErrorCode) {
  const messages = ERROR_MESSAGES[code];
  return c.json(
    {
      error: {
        message: messages.en,
        code: -32600,
        data: { code: status === 413 ? "PAYLOAD_TOO_LARGE" : status === 503 ? "SERVICE_UNAVAILABLE" : "BAD_REQUEST", httpStatus: status, appCode: code, messageZh: messages.zh, messageEn: messages.en, details: null, fieldErrors: null },
      },
    },
    status,
  );
}
