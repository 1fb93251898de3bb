import { CASE_RISK_LABELS, CASE_STATUS_LABELS, type CaseRiskLevel, type CaseStatus } from "@shegong/domain";
import { Tag } from "antd";
import { useI18n } from "../../i18n/locale.tsx";
import { labelOrDash } from "../people/vocab-options.ts";

export const CASE_RISK_COLORS: Record<CaseRiskLevel, string> = { low: "blue", medium: "orange", high: "red", critical: "magenta" };
const STATUS_COLORS: Record<CaseStatus, string> = {
  intake: "default",
  assessed: "cyan",
  plan_pending: "gold",
  plan_approved: "geekblue",
  in_service: "green",
  closure_pending: "gold",
  closed: "default",
};

export function CaseRiskTag({ level }: { level: string }) {
  const { locale } = useI18n();
  return (
    <Tag color={CASE_RISK_COLORS[level as CaseRiskLevel] ?? "default"} data-testid="case-risk">
      {labelOrDash(CASE_RISK_LABELS, level, locale)}
    </Tag>
  );
}

export function CaseStatusTag({ status }: { status: string }) {
  const { locale } = useI18n();
  return (
    <Tag color={STATUS_COLORS[status as CaseStatus] ?? "default"} data-testid="case-status" data-status={status}>
      {labelOrDash(CASE_STATUS_LABELS, status, locale)}
    </Tag>
  );
}

/** Minutes as hours and minutes, the way service hours are reported (1小时5分). */
export function formatMinutes(minutes: number, locale: string): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (locale === "en") return h ? `${h} h ${m} min` : `${m} min`;
  return h ? `${h}小时${m ? `${m}分` : ""}` : `${m}分钟`;
}

const NO_WRAP = { style: { whiteSpace: "nowrap" as const } };

/**
 * Table columns that keep short Chinese values (names, dates, tags) on one line: a narrow column
 * otherwise breaks them a character a line. The table scrolls sideways instead.
 */
export function noWrap<T extends object>(columns: T[]): T[] {
  return columns.map((c) => ({ ...c, onHeaderCell: () => NO_WRAP, onCell: () => NO_WRAP }));
}
