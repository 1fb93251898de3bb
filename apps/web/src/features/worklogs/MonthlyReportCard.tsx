import { DownloadOutlined } from "@ant-design/icons";
import { useMutation, useQuery } from "@tanstack/react-query";
import { hoursOf, RESOURCE_KIND_LABELS, SERVICE_AREA_LABELS, workRecordLabel, type ResourceKind } from "@shegong/domain";
import { Button, Card, Descriptions, Input, Space, Table, Typography } from "antd";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { useI18n } from "../../i18n/locale.tsx";
import { trpc } from "../../trpc.ts";
import { yuanOf } from "../governance/money.tsx";
import { downloadBase64 } from "../ledgers/ledger-files.ts";
import { labelOrDash } from "../people/vocab-options.ts";
import { useStation } from "../workspace/station-context.tsx";

/** The station's monthly report, drafted from the month's records, with its xlsx export. */
export function MonthlyReportCard({ month, onMonthChange }: { month: string; onMonthChange: (month: string) => void }) {
  const { t, locale } = useI18n();
  const { stationId } = useStation();
  const report = useQuery(trpc.worklogs.monthlyReport.queryOptions({ stationId, month }));
  const exporting = useMutation(trpc.worklogs.exportMonthlyReport.mutationOptions({ onSuccess: (file) => downloadBase64(file.fileName, file.base64) }));
  const r = report.data;
  return (
    <Card
      title={t("monthlyReport.title")}
      extra={
        <Space wrap>
          <Input type="month" value={month} onChange={(e) => e.target.value && onMonthChange(e.target.value)} style={{ width: 150 }} data-testid="monthly-report-month" />
          <Button icon={<DownloadOutlined />} loading={exporting.isPending} onClick={() => exporting.mutate({ stationId, month })} data-testid="monthly-report-export">
            {t("monthlyReport.export")}
          </Button>
        </Space>
      }
      data-testid="monthly-report"
    >
      <ErrorAlert error={report.error ?? exporting.error} />
      {r && (
        <>
          <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 4 }} bordered style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t("monthlyReport.services")}>
              <span data-testid="monthly-report-count">{r.totals.count}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t("monthlyReport.serviceHours")}>{hoursOf(r.totals.serviceMinutes)}</Descriptions.Item>
            <Descriptions.Item label={t("monthlyReport.people")}>{t("monthlyReport.peopleValue", { people: r.reach.people, others: r.reach.others })}</Descriptions.Item>
            <Descriptions.Item label={t("monthlyReport.cases")}>{t("monthlyReport.casesValue", { opened: r.cases.opened, closed: r.cases.closed, open: r.cases.openAtEnd })}</Descriptions.Item>
            <Descriptions.Item label={t("monthlyReport.satisfaction")}>
              {r.satisfaction.meanScore === null ? "—" : t("monthlyReport.satisfactionValue", { n: r.satisfaction.responses, mean: r.satisfaction.meanScore, percent: r.satisfaction.satisfiedPercent ?? 0 })}
            </Descriptions.Item>
            <Descriptions.Item label={t("monthlyReport.resources")}>
              {t("monthlyReport.resourcesValue", { n: r.resources.count, yuan: yuanOf(r.resources.valueFen) })}
              {Object.entries(r.resources.byKind).map(([k, v]) => (
                <div key={k}>
                  <Typography.Text type="secondary">
                    {labelOrDash(RESOURCE_KIND_LABELS, k as ResourceKind, locale)} {yuanOf(v.valueFen)}
                  </Typography.Text>
                </div>
              ))}
            </Descriptions.Item>
          </Descriptions>
          <Table
            size="small"
            rowKey={(row) => `${row.kind}|${row.area}|${row.type}`}
            pagination={false}
            dataSource={r.services}
            scroll={{ x: true }}
            columns={[
              { title: t("monthlyReport.item"), key: "k", render: (_, row) => workRecordLabel(row.kind, row.type, locale) },
              { title: t("visit.area"), key: "a", render: (_, row) => (row.area ? labelOrDash(SERVICE_AREA_LABELS, row.area, locale) : "—") },
              { title: t("monthlyReport.count"), dataIndex: "count", align: "right" },
              { title: t("monthlyReport.hours"), key: "h", align: "right", render: (_, row) => hoursOf(row.minutes) },
            ]}
          />
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t("monthlyReport.byWorker")}
          </Typography.Title>
          <Table
            size="small"
            rowKey="userId"
            pagination={false}
            dataSource={r.byWorker}
            columns={[
              { title: t("monthlyReport.worker"), dataIndex: "name" },
              { title: t("monthlyReport.count"), dataIndex: "count", align: "right" },
              { title: t("monthlyReport.hours"), key: "h", align: "right", render: (_, w) => hoursOf(w.minutes) },
            ]}
          />
        </>
      )}
    </Card>
  );
}
