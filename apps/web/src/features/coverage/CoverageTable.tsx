import { STATION_STATUSES } from "@shegong/domain";
import { Button, Table, Tooltip, Typography } from "antd";
import { useI18n } from "../../i18n/locale.tsx";
import { formatPercent } from "../../lib/dates.ts";
import type { RouterOutputs } from "../../trpc.ts";
import { useStatusLabel } from "../stations/StationStatusTag.tsx";

export type Coverage = RouterOutputs["coverage"]["byDivision"];
type CoverageRow = Coverage["children"][number];

/** R2 progress per unit: township units, stations by status, and coverage (units with an active station / all). */
export function CoverageTable({ coverage, onDrill }: { coverage: Coverage; onDrill?: (row: CoverageRow) => void }) {
  const { t } = useI18n();
  const statusLabel = useStatusLabel();
  return (
    <Table<CoverageRow>
      data-testid="coverage-table"
      rowKey="code"
      size="small"
      pagination={false}
      dataSource={coverage.children}
      scroll={{ x: true }}
      columns={[
        {
          key: "name",
          title: t("coverage.name"),
          render: (_, row) =>
            onDrill && row.townships > 0 && row.code.length <= 6 ? (
              <Button type="link" size="small" style={{ padding: 0 }} onClick={() => onDrill(row)} title={t("coverage.drill")}>
                {row.name}
              </Button>
            ) : (
              row.name
            ),
        },
        { key: "code", title: t("workspace.divisionCode"), dataIndex: "code" },
        { key: "townships", title: t("coverage.townships"), dataIndex: "townships", align: "right" },
        ...STATION_STATUSES.map((s) => ({
          key: s,
          title: statusLabel(s),
          align: "right" as const,
          render: (_: unknown, row: CoverageRow) => row.stations[s],
        })),
        {
          key: "coverage",
          title: <Tooltip title={t("coverage.coverageHint")}>{t("coverage.coverage")}</Tooltip>,
          align: "right",
          render: (_, row) => formatPercent(row.coverage),
        },
      ]}
      summary={() => (
        <Table.Summary.Row>
          <Table.Summary.Cell index={0} colSpan={2}>
            <Typography.Text strong>{t("common.total")}</Typography.Text>
          </Table.Summary.Cell>
          <Table.Summary.Cell index={2} align="right">
            {coverage.total.townships}
          </Table.Summary.Cell>
          {STATION_STATUSES.map((s, i) => (
            <Table.Summary.Cell key={s} index={3 + i} align="right">
              {coverage.total.stations[s]}
            </Table.Summary.Cell>
          ))}
          <Table.Summary.Cell index={3 + STATION_STATUSES.length} align="right">
            <Typography.Text strong>{formatPercent(coverage.total.coverage)}</Typography.Text>
          </Table.Summary.Cell>
        </Table.Summary.Row>
      )}
    />
  );
}
