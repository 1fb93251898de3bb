import { hoursOf } from "@shegong/domain";
import { Table } from "antd";
import { useI18n } from "../../i18n/locale.tsx";
import type { RouterOutputs } from "../../trpc.ts";

type Row = RouterOutputs["serviceHours"]["byWorker"][number];

/** Each worker's service hours per month of the year, and by kind of record (visits, activities, follow-ups). */
export function ServiceHoursTable({ rows, months }: { rows: Row[]; months: string[] }) {
  const { t } = useI18n();
  return (
    <Table<Row>
      size="small"
      rowKey="userId"
      pagination={false}
      scroll={{ x: true }}
      dataSource={rows}
      locale={{ emptyText: t("serviceHours.empty") }}
      data-testid="service-hours"
      columns={[
        { title: t("supervision.matrix.worker"), dataIndex: "name", fixed: "left" },
        ...months.map((month) => ({
          title: month.slice(5),
          key: month,
          align: "right" as const,
          render: (_: unknown, row: Row) => hoursOf(row.byMonth[Number(month.slice(5)) - 1] ?? 0) || "—",
        })),
        { title: t("serviceHours.visits"), key: "v", align: "right" as const, render: (_: unknown, row: Row) => hoursOf(row.byKind.visit) },
        { title: t("serviceHours.caseServices"), key: "c", align: "right" as const, render: (_: unknown, row: Row) => hoursOf(row.byKind.case_service) },
        { title: t("serviceHours.activities"), key: "a", align: "right" as const, render: (_: unknown, row: Row) => hoursOf(row.byKind.activity) },
        { title: t("serviceHours.followups"), key: "f", align: "right" as const, render: (_: unknown, row: Row) => hoursOf(row.byKind.followup) },
        { title: t("common.total"), key: "t", align: "right" as const, render: (_: unknown, row: Row) => t("common.hours", { n: hoursOf(row.minutes) }) },
      ]}
    />
  );
}
