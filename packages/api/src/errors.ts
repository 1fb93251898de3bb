import { TRPCError } from "@trpc/server";
import { ERROR_MESSAGES, type AppErrorCode } from "@shegong/domain";

type TrpcCode = ConstructorParameters<typeof TRPCError>[0]["code"];

const TRPC_CODE: Partial<Record<AppErrorCode, TrpcCode>> = {
  AUTH_REQUIRED: "UNAUTHORIZED",
  AUTH_SESSION_EXPIRED: "UNAUTHORIZED",
  AUTH_INVALID_CREDENTIALS: "UNAUTHORIZED",
  AUTH_THROTTLED: "TOO_MANY_REQUESTS",
  AUTH_ORIGIN: "FORBIDDEN",
  MFA_REQUIRED: "UNAUTHORIZED",
  MFA_ENROL_REQUIRED: "FORBIDDEN",
  PASSWORD_CHANGE_REQUIRED: "FORBIDDEN",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  STATION_ALREADY_ONBOARDED: "CONFLICT",
  USER_EXISTS: "CONFLICT",
  IDEMPOTENCY_CONFLICT: "CONFLICT",
  CASE_SIGNOFF_NOT_YOURS: "FORBIDDEN",
  CASE_SIGNOFF_PENDING: "CONFLICT",
  ACTIVITY_VERSION_CONFLICT: "CONFLICT",
  WORK_LOG_SUBMITTED: "CONFLICT",
  WORK_LOG_VERSION_CONFLICT: "CONFLICT",
  PAYOUT_REPORT_SIGNED: "CONFLICT",
  PAYOUT_REPORT_NOT_SIGNED: "CONFLICT",
  HOUSE_RULE_REVISION_CONFLICT: "CONFLICT",
  SUBMISSION_STATUS: "CONFLICT",
  BODY_TOO_LARGE: "PAYLOAD_TOO_LARGE",
  INTERNAL: "INTERNAL_SERVER_ERROR",
};

/** A domain error with a stable code; the error formatter adds its Chinese and English messages. */
export class AppError extends TRPCError {
  readonly appCode: AppErrorCode;
  readonly details: Record<string, unknown> | undefined;
  constructor(appCode: AppErrorCode, details?: Record<string, unknown>) {
    super({ code: TRPC_CODE[appCode] ?? "BAD_REQUEST", message: ERROR_MESSAGES[appCode].en });
    this.appCode = appCode;
    this.details = details;
  }
}

export function appError(appCode: AppErrorCode, details?: Record<string, unknown>): AppError {
  return new AppError(appCode, details);
}
