import { DownloadOutlined } from "@ant-design/icons";
import { App, Button, Card, Segmented, Space, Spin, Table, Typography } from "antd";
import { lazy, Suspense, useState, type ReactNode } from "react";
import { useI18n } from "../../i18n/locale.tsx";
import { downloadBase64 } from "../ledgers/ledger-files.ts";
import type { ChartSpec } from "./report-format.ts";

// ECharts is the largest dependency, so dashboards load it on demand, as the coverage chart does.
const ReportChart = lazy(() => import("./ReportChart.tsx").then((m) => ({ default: m.ReportChart })));

export interface ReportTableSpec {
  columns: { key: string; title: ReactNode; align?: "left" | "right" }[];
  rows: ({ key: string } & Record<string, ReactNode>)[];
}

export interface ReportExport {
  run: () => void;
  isPending: boolean;
}

/** The download and its notice, for the export mutations of every dashboard panel. */
export function useReportDownloaded() {
  const { t } = useI18n();
  const { message } = App.useApp();
  return (file: { fileName: string; base64: string; rows: number }) => {
    downloadBase64(file.fileName, file.base64);
    void message.success(t("report.exported", { n: file.rows }));
  };
}

/** A table of a dashboard, with its xlsx export. */
export function ReportTable({ table, testId }: { table: ReportTableSpec; testId: string }) {
  return (
    <Table
      data-testid={testId}
      size="small"
      pagination={false}
      scroll={{ x: true }}
      dataSource={table.rows}
      columns={table.columns.map((c) => ({ key: c.key, dataIndex: c.key, title: c.title, align: c.align }))}
    />
  );
}

/** A chart with its table view (the same numbers, "<5" included) and its xlsx export (issue 7 item 3). */
export function ReportPanel({ title, chart, table, exporter, testId }: { title: string; chart: ChartSpec; table: ReportTableSpec; exporter: ReportExport; testId: string }) {
  const { t } = useI18n();
  const [view, setView] = useState<"chart" | "table">("chart");
  // Points given as "<5" are gaps in the chart; the table view shows them.
  const hidden = table.rows.filter((row) => Object.values(row).includes("<5")).length;
  return (
    <Card
      size="small"
      title={title}
      data-testid={testId}
      extra={
        <Space>
          <Segmented
            size="small"
            value={view}
            onChange={(v) => setView(v as "chart" | "table")}
            options={[
              { value: "chart", label: t("report.view.chart") },
              { value: "table", label: <span data-testid={`${testId}-table-toggle`}>{t("report.view.table")}</span> },
            ]}
          />
          <Button size="small" icon={<DownloadOutlined />} loading={exporter.isPending} onClick={exporter.run} data-testid={`${testId}-export`}>
            {t("report.export")}
          </Button>
        </Space>
      }
    >
      {view === "chart" ? (
        <Suspense fallback={<Spin />}>
          <ReportChart spec={chart} testId={`${testId}-chart`} />
          {hidden > 0 && (
            <Typography.Text type="secondary" data-testid={`${testId}-hidden`}>
              {t("report.hiddenInChart", { n: hidden })}
            </Typography.Text>
          )}
        </Suspense>
      ) : (
        <ReportTable table={table} testId={`${testId}-table`} />
      )}
    </Card>
  );
}
