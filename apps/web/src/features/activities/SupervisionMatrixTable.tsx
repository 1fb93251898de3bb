import { hoursOf } from "@shegong/domain";
import { Table, Tooltip } from "antd";
import { useI18n } from "../../i18n/locale.tsx";
import type { RouterOutputs } from "../../trpc.ts";

type Matrix = RouterOutputs["supervision"]["matrix"];

/** Workers down, months across; a month without supervision shows red so a withering is seen at once. */
export function SupervisionMatrixTable({ matrix }: { matrix: Matrix }) {
  const { t } = useI18n();
  return (
    <Table
      size="small"
      rowKey="userId"
      pagination={false}
      scroll={{ x: true }}
      dataSource={matrix.rows}
      data-testid="supervision-matrix"
      columns={[
        { title: t("supervision.matrix.worker"), dataIndex: "name", fixed: "left" },
        ...matrix.months.map((month, i) => ({
          title: month.slice(5),
          key: month,
          align: "center" as const,
          render: (_: unknown, row: Matrix["rows"][number]) => {
            const cell = row.cells[i];
            if (!cell || cell.sessions === 0) {
              return (
                <span style={{ color: "#cf1322" }} data-testid="supervision-gap">
                  {t("supervision.matrix.none")}
                </span>
              );
            }
            return (
              <Tooltip title={t("common.hours", { n: hoursOf(cell.minutes) })}>
                <span>{cell.sessions}</span>
              </Tooltip>
            );
          },
        })),
        { title: t("supervision.matrix.gaps"), key: "gaps", align: "center" as const, render: (_: unknown, row: Matrix["rows"][number]) => row.monthsWithout.length },
        { title: t("supervision.duration"), key: "hours", align: "right" as const, render: (_: unknown, row: Matrix["rows"][number]) => t("common.hours", { n: hoursOf(row.minutes) }) },
      ]}
    />
  );
}
