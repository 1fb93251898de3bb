import { z } from "zod";
import { isIsoDate } from "../time.ts";
import type { WorkRecord } from "./service-records.ts";

/**
 * A worker's daily log (工作日志, issue 4 item 8): drafted from what they recorded that day and
 * completed by hand with what leaves no record elsewhere (a meeting at the township, training,
 * paperwork). Submitting freezes it.
 */
export const WORK_LOG_STATUSES = ["draft", "submitted"] as const;
export type WorkLogStatus = (typeof WORK_LOG_STATUSES)[number];

export const ZWorkLogEntrySchema = z.object({
  what: z.string().trim().min(1, { error: "请填写事项 / Say what was done" }).max(200),
  minutes: z.number().int().min(1).max(720),
});

export const ZWorkLogInputSchema = z.object({
  entries: z.array(ZWorkLogEntrySchema).max(30),
  summary: z.string().trim().max(2000).default(""),
});
export type TWorkLogInput = z.infer<typeof ZWorkLogInputSchema>;

export const ZLogDateSchema = z.string().refine(isIsoDate, { error: "日期须为 YYYY-MM-DD / Date must be YYYY-MM-DD" });

/** The day's time: what the records say, what was added by hand, and both. */
export function dayTotals(drafted: readonly Pick<WorkRecord, "minutes">[], entries: readonly { minutes: number }[]) {
  const recorded = drafted.reduce((a, r) => a + r.minutes, 0);
  const added = entries.reduce((a, e) => a + e.minutes, 0);
  return { recordedMinutes: recorded, addedMinutes: added, totalMinutes: recorded + added };
}
