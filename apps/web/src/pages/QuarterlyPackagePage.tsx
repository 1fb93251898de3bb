import { DownloadOutlined, ReloadOutlined, SendOutlined } from "@ant-design/icons";
import { useMutation, useQuery } from "@tanstack/react-query";
import { submissionActionAllowed, type IndicatorId, type SubmissionStatus } from "@shegong/domain";
import { Alert, Button, Card, Col, Descriptions, Empty, InputNumber, Popconfirm, Row, Space, Spin, Table, Typography } from "antd";
import { useState } from "react";
import { ErrorAlert } from "../components/ErrorAlert.tsx";
import { downloadBase64 } from "../features/ledgers/ledger-files.ts";
import { IndicatorTotals, SubmissionStatusTag, thisYear, TimelinessTag, useSubmissionPeriod, VersionHistory } from "../features/submissions/submission-parts.tsx";
import { useStation } from "../features/workspace/station-context.tsx";
import { useI18n } from "../i18n/locale.tsx";
import { trpc, type RouterOutputs } from "../trpc.ts";

type PeriodRow = RouterOutputs["submissions"]["periods"][number];
interface QuarterlySummaryView {
  label: string;
  from: string;
  to: string;
  asOf: string;
  months: string[];
  indicators: { indicator: IndicatorId; total: number; byMonth: number[] }[];
  staff: { stationed: number; required: number | null; trainings: number; trainingHours: number; workingDays: number };
}

/**
 * 季度台账 (issue 5 item 6, R18): each quarter's package built from the station's data — preview the
 * numbers, download the workbook, submit it (frozen and fingerprinted), read the bureau's comments
 * and, after a return, rebuild and resubmit as a new version.
 */
export function QuarterlyPackagePage() {
  const { t } = useI18n();
  const { stationId } = useStation();
  const [year, setYear] = useState(thisYear);
  const periods = useQuery(trpc.submissions.periods.queryOptions({ stationId, year }));
  const quarters = (periods.data ?? []).filter((p) => p.kind === "quarterly");
  const [selected, setSelected] = useState<string | null>(null);
  const current = selected ?? [...quarters].reverse().find((q) => q.timeliness !== "not_due" || q.status !== null)?.period ?? quarters[quarters.length - 1]?.period ?? null;
  return (
    <Space direction="vertical" style={{ width: "100%" }} size="large" data-testid="quarterly-page">
      <Card
        title={t("submissions.quarterly.title")}
        extra={
          <Space>
            {t("submissions.year")}
            <InputNumber min={2020} max={2100} value={year} onChange={(v) => v && (setYear(v), setSelected(null))} data-testid="submission-year" />
          </Space>
        }
      >
        <Typography.Paragraph type="secondary">{t("submissions.quarterly.hint")}</Typography.Paragraph>
        <ErrorAlert error={periods.error} />
        <Table
          size="small"
          rowKey="period"
          pagination={false}
          loading={periods.isPending}
          dataSource={quarters}
          rowClassName={(r: PeriodRow) => (r.period === current ? "ant-table-row-selected" : "")}
          onRow={(r: PeriodRow) => ({ onClick: () => setSelected(r.period), style: { cursor: "pointer" } })}
          columns={[
            { title: t("submissions.period"), dataIndex: "period", render: (p: string) => <span data-testid={`quarter-${p}`}>{p}</span> },
            { title: t("submissions.dueOn"), dataIndex: "dueOn" },
            { title: t("submissions.status"), key: "status", render: (_: unknown, r: PeriodRow) => <SubmissionStatusTag status={r.status} /> },
            { title: t("submissions.timeliness"), key: "timeliness", render: (_: unknown, r: PeriodRow) => <TimelinessTag timeliness={r.timeliness} daysLate={r.daysLate} /> },
            { title: t("submissions.versionColumn"), dataIndex: "version", render: (v: number | null) => v ?? "—" },
          ]}
        />
      </Card>
      {current && <QuarterPanel key={current} stationId={stationId} quarter={current} year={year} />}
    </Space>
  );
}

function QuarterPanel({ stationId, quarter, year }: { stationId: string; quarter: string; year: number }) {
  const { t } = useI18n();
  const { can } = useStation();
  const { versions, submit, buildMutation, build: runBuild } = useSubmissionPeriod(stationId, year, "quarterly", quarter);
  const build = buildMutation;
  const download = useMutation(trpc.submissions.download.mutationOptions({ onSuccess: (file) => downloadBase64(file.fileName, file.base64) }));
  if (versions.isPending) return <Spin />;
  const latest = versions.data?.versions[0] ?? null;
  const status = (latest?.status ?? null) as SubmissionStatus | null;
  const mayPrepare = can("submission.prepare");
  const summary = latest?.summary as QuarterlySummaryView | undefined;
  return (
    <Card
      title={`${t("submissions.quarterly.package")} · ${quarter}`}
      data-testid="quarter-panel"
      extra={
        <Space wrap>
          {mayPrepare && submissionActionAllowed("build", status) && (
            <Button icon={<ReloadOutlined />} loading={build.isPending} onClick={runBuild} data-testid="package-build">
              {status === null ? t("submissions.build") : status === "returned" ? t("submissions.rebuildNewVersion") : t("submissions.rebuild")}
            </Button>
          )}
          {latest && (
            <Button icon={<DownloadOutlined />} loading={download.isPending} onClick={() => download.mutate({ stationId, submissionId: latest.id })} data-testid="package-download">
              {t("submissions.downloadXlsx")}
            </Button>
          )}
          {mayPrepare && latest && status === "draft" && (
            <Popconfirm title={t("submissions.submitConfirm")} onConfirm={() => submit.mutate({ stationId, submissionId: latest.id })} okButtonProps={{ "data-testid": "package-submit-confirm" } as Record<string, string>}>
              <Button type="primary" icon={<SendOutlined />} loading={submit.isPending} data-testid="package-submit">
                {t("submissions.submit")}
              </Button>
            </Popconfirm>
          )}
        </Space>
      }
    >
      <ErrorAlert error={versions.error ?? build.error ?? submit.error ?? download.error} />
      {!latest && <Empty description={t("submissions.nothingYet")} />}
      {status === "returned" && latest?.reviewComment && (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t("submissions.returnedAlert")} description={latest.reviewComment} data-testid="returned-alert" />
      )}
      {latest && summary && (
        <Row gutter={24}>
          <Col xs={24} lg={16}>
            <Descriptions size="small" column={2} style={{ marginBottom: 12 }}>
              <Descriptions.Item label={t("submissions.period")}>{`${summary.label}（${summary.from} — ${summary.to}）`}</Descriptions.Item>
              <Descriptions.Item label={t("submissions.asOf")}>{summary.asOf}</Descriptions.Item>
              <Descriptions.Item label={t("submissions.staffStationed")}>
                {summary.staff.stationed}
                {summary.staff.required !== null ? ` / ${summary.staff.required}` : ""}
              </Descriptions.Item>
              <Descriptions.Item label={t("submissions.trainings")}>{`${summary.staff.trainings}（${summary.staff.trainingHours} ${t("submissions.personHours")}）`}</Descriptions.Item>
              <Descriptions.Item label={t("submissions.status")}>
                <SubmissionStatusTag status={status} /> {t("submissions.version", { version: latest.version })}
              </Descriptions.Item>
              <Descriptions.Item label={t("submissions.dueOn")}>
                {versions.data?.dueOn} <TimelinessTag timeliness={versions.data!.timeliness} daysLate={versions.data!.daysLate} />
              </Descriptions.Item>
            </Descriptions>
            <IndicatorTotals indicators={summary.indicators} months={summary.months} />
          </Col>
          <Col xs={24} lg={8}>
            <Typography.Title level={5}>{t("submissions.history")}</Typography.Title>
            <VersionHistory versions={versions.data?.versions ?? []} />
          </Col>
        </Row>
      )}
    </Card>
  );
}
