import {
  EVALUATION_GRADE_LABELS,
  EVALUATION_STATUS_LABELS,
  EVALUATOR_KIND_LABELS,
  formatFen,
  labelOf,
  RECTIFICATION_STATUS_LABELS,
  type EvaluationGrade,
  type EvaluationStatus,
  type EvaluatorKind,
  type RectificationStatus,
} from "@shegong/domain";
import { Space, Tag, Typography } from "antd";
import { useI18n } from "../../i18n/locale.tsx";
import type { RouterOutputs } from "../../trpc.ts";

type Evidence = NonNullable<RouterOutputs["evaluations"]["get"]["indicators"][number]["evidence"]>;

const STATUS_COLORS: Record<RectificationStatus, string> = { open: "orange", evidence_submitted: "blue", closed: "green", reopened: "red" };

export function RectificationStatusTag({ status }: { status: RectificationStatus }) {
  const { locale } = useI18n();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="rectification-status">
      {labelOf(RECTIFICATION_STATUS_LABELS, status, locale)}
    </Tag>
  );
}

export function EvaluationStatusTag({ status }: { status: EvaluationStatus }) {
  const { locale } = useI18n();
  return (
    <Tag color={status === "finalized" ? "green" : "gold"} data-testid="evaluation-status">
      {labelOf(EVALUATION_STATUS_LABELS, status, locale)}
    </Tag>
  );
}

export function EvaluatorKindText({ kind }: { kind: EvaluatorKind }) {
  const { locale } = useI18n();
  return <>{labelOf(EVALUATOR_KIND_LABELS, kind, locale)}</>;
}

export function GradeTag({ grade }: { grade: EvaluationGrade }) {
  const { locale } = useI18n();
  const color = grade === "excellent" ? "green" : grade === "good" ? "blue" : grade === "pass" ? "gold" : "red";
  return <Tag color={color}>{labelOf(EVALUATION_GRADE_LABELS, grade, locale)}</Tag>;
}

/** Due day with how long is left, red once overdue. */
export function DueText({ dueOn, overdue, daysLeft, closed }: { dueOn: string; overdue: boolean; daysLeft: number | null; closed: boolean }) {
  const { t } = useI18n();
  return (
    <Space size={4}>
      <span>{dueOn}</span>
      {overdue ? <Tag color="red" data-testid="rectification-overdue">{t("rect.overdue")}</Tag> : !closed && daysLeft !== null ? <Typography.Text type="secondary">{t("rect.daysLeft", { days: daysLeft })}</Typography.Text> : null}
    </Space>
  );
}

/** The number behind an indicator, as the evaluator reads it: what the records say against the agreement's target. */
export function EvidenceText({ evidence }: { evidence: Evidence | null }) {
  const { t } = useI18n();
  if (!evidence || evidence.source === "none") return <Typography.Text type="secondary">{t("eval.data.onSite")}</Typography.Text>;
  if (evidence.source === "satisfaction_score") {
    if (evidence.value === null) return <Typography.Text type="secondary">{t("eval.data.noResponses")}</Typography.Text>;
    return <span data-testid="evidence">{t("eval.data.satisfaction", { score: evidence.value, percent: evidence.percent ?? 0 })}</span>;
  }
  const show = (n: number | null) => (n === null ? "—" : evidence.unit === "fen" ? formatFen(n) : String(n));
  const percent = evidence.percent === null ? "" : ` (${evidence.percent}%)`;
  if (evidence.target === null) {
    const noTarget = evidence.source === "publicity_activities" ? "" : ` · ${t("eval.data.noTarget")}`;
    return <span data-testid="evidence">{`${show(evidence.value)}${noTarget}`}</span>;
  }
  return <span data-testid="evidence">{`${t("eval.data.of", { value: show(evidence.value), target: show(evidence.target) })}${percent}`}</span>;
}
