import { useQuery } from "@tanstack/react-query";
import { Card, Table, Tag } from "antd";
import { ErrorAlert } from "../components/ErrorAlert.tsx";
import { Money } from "../features/governance/money.tsx";
import { useI18n } from "../i18n/locale.tsx";
import { trpc, type RouterOutputs } from "../trpc.ts";

type Row = RouterOutputs["funds"]["supervision"][number];

/** Fund supervision for the city/county bureau (R15): per station, aggregate numbers only. */
export function FundSupervisionPage({ divisionCode }: { divisionCode: string }) {
  const { t } = useI18n();
  const rows = useQuery(trpc.funds.supervision.queryOptions({ divisionCode }));
  const money = (key: keyof Row) => ({ title: t(`gov.funds.${key}` as never), dataIndex: key, align: "right" as const, render: (f: number) => <Money fen={f} /> });
  return (
    <Card title={t("gov.supervision.title")} data-testid="fund-supervision-page">
      <ErrorAlert error={rows.error} />
      <Table
        size="small"
        rowKey="stationId"
        loading={rows.isPending}
        scroll={{ x: true }}
        dataSource={rows.data ?? []}
        columns={[
          { title: t("gov.station"), dataIndex: "plaqueName" },
          { title: t("gov.supervision.agreements"), key: "agreements", render: (_: unknown, r: Row) => `${r.filedAgreements} / ${r.agreements}` },
          money("agreedFen"),
          money("allocatedFen"),
          money("disbursedFen"),
          money("spentFen"),
          money("undisbursedFen"),
          money("unspentFen"),
          { title: t("gov.supervision.overrides"), dataIndex: "overrides", render: (n: number) => (n > 0 ? <Tag color="red">{n}</Tag> : "0") },
        ]}
      />
    </Card>
  );
}
