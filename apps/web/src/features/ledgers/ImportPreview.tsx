import { Alert, Card, Col, Row, Statistic, Table, Tag } from "antd";
import { useI18n } from "../../i18n/locale.tsx";
import { formatDateTime } from "../../lib/dates.ts";
import type { RouterOutputs } from "../../trpc.ts";
import { changedFieldLabel, listJoin } from "../people/changed-fields.ts";
import { usePersonFieldLabels } from "../people/PersonFields.tsx";

export type ImportReport = RouterOutputs["ledgers"]["preview"];
type RowError = ImportReport["errors"][number];
type SampleRow = ImportReport["sample"][number];

const ACTION_COLORS: Record<string, string> = { create: "green", update: "blue", unchanged: "default", reject: "red" };

/** The counts an import would (or did) produce: created, updated, unchanged, rejected. */
export function ImportCounts({ report }: { report: Pick<ImportReport, "rowsTotal" | "created" | "updated" | "unchanged" | "rejected"> }) {
  const { t } = useI18n();
  const counts = [
    { key: "created", value: report.created, color: "#389e0d" },
    { key: "updated", value: report.updated, color: "#1677ff" },
    { key: "unchanged", value: report.unchanged, color: "#8c8c8c" },
    { key: "rejected", value: report.rejected, color: report.rejected > 0 ? "#cf1322" : "#8c8c8c" },
  ] as const;
  return (
    <Row gutter={16} style={{ marginBottom: 16 }}>
      <Col span={4}>
        <Statistic title={t("import.rowsTotal")} value={report.rowsTotal} data-testid="import-count-total" />
      </Col>
      {counts.map((c) => (
        <Col span={5} key={c.key}>
          <Statistic title={t(`import.${c.key}`)} value={c.value} styles={{ content: { color: c.color } }} data-testid={`import-count-${c.key}`} />
        </Col>
      ))}
    </Row>
  );
}

/** What committing would do, row by row, before anything is written (issue 3 item 7). */
export function ImportPreview({ report }: { report: ImportReport }) {
  const { t, locale } = useI18n();
  const fieldLabels = usePersonFieldLabels();
  const previous = report.previousImports[0];
  return (
    <div data-testid="import-preview">
      <ImportCounts report={report} />
      {previous && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="import-seen-before"
          title={t("import.seenBefore", { at: formatDateTime(previous.committed_at, locale), file: previous.file_name, created: previous.created_count, updated: previous.updated_count })}
          description={t("import.seenBefore.explain")}
        />
      )}
      {report.ignoredHeaders.length > 0 && (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t("import.ignoredHeaders", { headers: listJoin(report.ignoredHeaders, locale) })} />
      )}
      {report.errors.length > 0 && (
        <Card size="small" title={t("import.errors", { n: report.rejected })} style={{ marginBottom: 16 }}>
          <Table<RowError>
            data-testid="import-errors"
            rowKey={(e) => `${e.rowNumber}:${e.column}:${e.reason}`}
            size="small"
            dataSource={report.errors}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            columns={[
              { key: "row", title: t("import.rowNumber"), dataIndex: "rowNumber", width: 90 },
              { key: "column", title: t("import.column"), dataIndex: "column", width: 160 },
              { key: "reason", title: t("import.reason"), render: (_, e) => (locale === "en" ? e.reasonEn : e.reason) },
            ]}
          />
        </Card>
      )}
      <Card size="small" title={t("import.sample", { n: report.sample.length })}>
        <Table<SampleRow>
          data-testid="import-sample"
          rowKey="rowNumber"
          size="small"
          dataSource={report.sample}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          columns={[
            { key: "row", title: t("import.rowNumber"), dataIndex: "rowNumber", width: 90 },
            { key: "action", title: t("import.action"), width: 100, render: (_, s) => <Tag color={ACTION_COLORS[s.action]}>{t(`import.action.${s.action}`)}</Tag> },
            { key: "name", title: t("person.name"), dataIndex: "name" },
            { key: "id", title: t("person.citizenId"), render: (_, s) => <span style={{ fontFamily: "monospace" }}>{s.citizenIdMasked}</span> },
            {
              key: "changes",
              title: t("import.changes"),
              render: (_, s) =>
                s.action === "update" ? listJoin(s.changes.map((c) => changedFieldLabel(c, fieldLabels, locale, (label) => t("import.entersCategory", { category: label }))), locale) : "—",
            },
          ]}
        />
      </Card>
    </div>
  );
}
