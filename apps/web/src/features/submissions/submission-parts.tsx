import { useMutation, useQuery } from "@tanstack/react-query";
import {
  DELIVERABLE_KIND_LABELS,
  INDICATORS,
  inReportUnit,
  reportUnitSuffix,
  SUBMISSION_STATUS_LABELS,
  SUBMISSION_TIMELINESS_LABELS,
  type DeliverableAttainment,
  type IndicatorId,
  type SubmissionKind,
  type SubmissionStatus,
  type SubmissionTimeliness,
} from "@shegong/domain";
import { Alert, Table, Tag, Timeline, Typography } from "antd";
import { useRef } from "react";
import { useI18n } from "../../i18n/locale.tsx";
import { newIdempotencyKey } from "../../lib/idempotency-key.ts";
import { queryClient, trpc, type RouterOutputs } from "../../trpc.ts";

export type PeriodVersions = RouterOutputs["submissions"]["versions"];
export type SubmissionVersion = PeriodVersions["versions"][number];

const STATUS_COLORS: Record<SubmissionStatus, string> = { draft: "default", submitted: "processing", accepted: "success", returned: "warning" };
const TIMELINESS_COLORS: Record<SubmissionTimeliness, string> = { on_time: "success", late: "orange", overdue: "red", not_due: "default" };

export function SubmissionStatusTag({ status }: { status: SubmissionStatus | null }) {
  const { t, pick } = useI18n();
  if (status === null) return <Tag data-testid="submission-status">{t("submissions.notStarted")}</Tag>;
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="submission-status">
      {pick(SUBMISSION_STATUS_LABELS[status])}
    </Tag>
  );
}

export function TimelinessTag({ timeliness, daysLate }: { timeliness: SubmissionTimeliness; daysLate: number }) {
  const { t, pick } = useI18n();
  return (
    <Tag color={TIMELINESS_COLORS[timeliness]} data-testid="submission-timeliness">
      {pick(SUBMISSION_TIMELINESS_LABELS[timeliness])}
      {daysLate > 0 ? ` · ${t("submissions.daysLate", { days: daysLate })}` : ""}
    </Tag>
  );
}

/** The current year by the Beijing calendar (a quarter's deadline falls by it). */
export const thisYear = () => Number(new Date().toLocaleDateString("sv-SE", { timeZone: "Asia/Shanghai" }).slice(0, 4));

export const beijing = (iso: string | Date | null) => (iso ? new Date(iso).toLocaleString("zh-CN", { timeZone: "Asia/Shanghai", hour12: false }) : "");

interface SummaryIndicator {
  indicator: IndicatorId;
  total: number;
  byMonth: number[];
}

/** The quarter's or year's numbers: each indicator's total (flows summed, stocks at the end). */
export function IndicatorTotals({ indicators, months }: { indicators: SummaryIndicator[]; months?: string[] }) {
  const { t, pick } = useI18n();
  const monthColumns = (months ?? []).map((m, i) => ({
    title: `${Number(m.slice(5, 7))}${t("submissions.monthSuffix")}`,
    key: m,
    align: "right" as const,
    render: (_: unknown, r: SummaryIndicator) => inReportUnit(r.indicator, r.byMonth[i] ?? 0),
  }));
  return (
    <Table
      size="small"
      rowKey="indicator"
      pagination={false}
      data-testid="summary-table"
      dataSource={indicators}
      columns={[
        { title: t("submissions.indicator"), key: "name", render: (_: unknown, r: SummaryIndicator) => pick(INDICATORS[r.indicator].name) + pick(reportUnitSuffix(r.indicator)) },
        ...monthColumns,
        { title: t("submissions.total"), key: "total", align: "right" as const, render: (_: unknown, r: SummaryIndicator) => <strong>{inReportUnit(r.indicator, r.total)}</strong> },
      ]}
    />
  );
}

/** Every version of the period: who submitted, the fingerprint, the bureau's decision and comment. */
export function VersionHistory({ versions }: { versions: SubmissionVersion[] }) {
  const { t } = useI18n();
  if (versions.length === 0) return null;
  return (
    <Timeline
      data-testid="version-history"
      items={versions.map((v) => ({
        color: v.status === "returned" ? "orange" : v.status === "accepted" ? "green" : "blue",
        content: (
          <div data-testid={`version-${v.version}`}>
            <Typography.Text strong>{t("submissions.version", { version: v.version })}</Typography.Text> <SubmissionStatusTag status={v.status} />
            <div>
              {t("submissions.builtAt")} {beijing(v.builtAt)}
              {v.submittedAt && ` · ${t("submissions.submittedBy", { name: v.submittedBy ?? "", at: beijing(v.submittedAt) })}`}
              {v.decidedAt && ` · ${t("submissions.decidedBy", { name: v.decidedBy ?? "", at: beijing(v.decidedAt) })}`}
            </div>
            {v.sha256 && (
              <Typography.Text type="secondary" copyable={{ text: v.sha256 }} style={{ fontSize: 12 }}>
                SHA-256 {v.sha256.slice(0, 16)}…
              </Typography.Text>
            )}
            {v.reviewComment && <Alert type="warning" showIcon style={{ marginTop: 4 }} title={t("submissions.reviewComment")} description={v.reviewComment} data-testid="review-comment" />}
          </div>
        ),
      }))}
    />
  );
}

/**
 * One period's versions and the contractor's actions on them: build (a fresh idempotency key after
 * each build, so a retried click is one build) and submit, each refreshing the versions and the year's list.
 */
export function useSubmissionPeriod(stationId: string, year: number, kind: SubmissionKind, period: string) {
  const ids = { stationId, kind, period };
  const versions = useQuery(trpc.submissions.versions.queryOptions(ids));
  const buildKey = useRef(newIdempotencyKey());
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: trpc.submissions.versions.queryKey(ids) });
    await queryClient.invalidateQueries({ queryKey: trpc.submissions.periods.queryKey({ stationId, year }) });
  };
  const buildMutation = useMutation(
    trpc.submissions.build.mutationOptions({
      onSuccess: async () => {
        buildKey.current = newIdempotencyKey();
        await refresh();
      },
    }),
  );
  const submit = useMutation(trpc.submissions.submit.mutationOptions({ onSuccess: refresh }));
  return { ids, versions, refresh, submit, buildMutation, build: () => buildMutation.mutate({ ...ids, idempotencyKey: buildKey.current }) };
}

export interface AnnualSummaryView {
  station: { plaqueName: string };
  year: number;
  asOf: string;
  dueOn: string;
  indicators: { indicator: IndicatorId; total: number; byMonth: number[] }[];
  trainings: { count: number; traineeHours: number };
  agreement: { agreementNo: string | null; purchaserName: string; serviceStart: string; serviceEnd: string; amountFen: number; serviceMonths: number } | null;
  deliverables: DeliverableAttainment[];
  staffing: { required: number; stationed: number; reached: boolean } | null;
}

/** The agreement's deliverables and staffing against the year's data (R13). */
export function DeliverablesTable({ rows, staffing }: { rows: DeliverableAttainment[]; staffing: AnnualSummaryView["staffing"] }) {
  const { t, pick } = useI18n();
  const reachedTag = (reached: boolean | null) =>
    reached === null ? <Tag>{t("submissions.annual.unmeasured")}</Tag> : reached ? <Tag color="success">{t("submissions.annual.reached")}</Tag> : <Tag color="red">{t("submissions.annual.notReached")}</Tag>;
  const data = [
    ...rows.map((r, i) => ({ key: `d${i}`, label: pick(DELIVERABLE_KIND_LABELS[r.kind]) + (r.note ? `（${r.note}）` : ""), target: r.target, expected: r.expected, actual: r.actual, percent: r.percent, reached: r.reached })),
    ...(staffing ? [{ key: "staffing", label: t("submissions.annual.staffing"), target: staffing.required, expected: staffing.required, actual: staffing.stationed, percent: null, reached: staffing.reached }] : []),
  ];
  return (
    <Table
      size="small"
      pagination={false}
      data-testid="deliverables-table"
      dataSource={data}
      columns={[
        { title: t("submissions.annual.deliverable"), dataIndex: "label" },
        { title: t("submissions.annual.target"), dataIndex: "target", align: "right" as const },
        { title: t("submissions.annual.expected"), dataIndex: "expected", align: "right" as const },
        { title: t("submissions.annual.actual"), dataIndex: "actual", align: "right" as const, render: (v: number | null) => v ?? "—" },
        { title: "%", dataIndex: "percent", align: "right" as const, render: (v: number | null) => (v === null ? "" : `${v}%`) },
        { title: t("submissions.annual.result"), dataIndex: "reached", render: reachedTag },
      ]}
    />
  );
}
