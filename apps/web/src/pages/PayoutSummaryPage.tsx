import { useQuery } from "@tanstack/react-query";
import { PAYOUT_KIND_KEYS, PAYOUT_KINDS, PAYOUT_REPORT_RECIPIENT_LABELS, PAYOUT_RULE_KEYS, PAYOUT_RULES, todayInShanghai, type PayoutKindKey } from "@shegong/domain";
import { Card, Input, Select, Space, Table, Tag } from "antd";
import { useState } from "react";
import { ErrorAlert } from "../components/ErrorAlert.tsx";
import { useI18n } from "../i18n/locale.tsx";
import { trpc, type RouterOutputs } from "../trpc.ts";

type Row = RouterOutputs["payouts"]["monthlySummary"][number];

/**
 * The bureau's monthly payout-verification summary across its stations (issue 6 item 4): counts
 * only — per rule open/settled, and whether each station's report was signed and sent.
 */
export function PayoutSummaryPage({ divisionCode }: { divisionCode: string }) {
  const { t, pick } = useI18n();
  const [month, setMonth] = useState(todayInShanghai().slice(0, 7));
  const [kind, setKind] = useState<PayoutKindKey | undefined>(undefined);
  const rows = useQuery(trpc.payouts.monthlySummary.queryOptions({ divisionCode, month, kind }));
  const cell = (open: number, settled: number) => (open + settled === 0 ? "0" : open > 0 ? <Tag color="orange">{`${open} / ${settled}`}</Tag> : `0 / ${settled}`);
  return (
    <Card
      title={t("payouts.summary.title")}
      data-testid="payout-summary-page"
      extra={
        <Space wrap>
          <Select allowClear style={{ width: 200 }} placeholder={t("payouts.kind")} value={kind} onChange={setKind} options={PAYOUT_KIND_KEYS.map((k) => ({ value: k, label: pick(PAYOUT_KINDS[k]) }))} />
          <Input style={{ width: 140 }} type="month" value={month} onChange={(e) => e.target.value && setMonth(e.target.value)} data-testid="payout-summary-month" />
        </Space>
      }
    >
      <p>{t("payouts.summary.hint")}</p>
      <ErrorAlert error={rows.error} />
      <Table
        size="small"
        rowKey="stationId"
        loading={rows.isPending}
        scroll={{ x: true }}
        dataSource={rows.data ?? []}
        columns={[
          { title: t("gov.station"), dataIndex: "plaqueName", fixed: "left" as const },
          { title: t("payouts.summary.rosters"), dataIndex: "rosters" },
          { title: t("payouts.rows"), dataIndex: "rowsTotal" },
          {
            title: t("payouts.report"),
            render: (_: unknown, r: Row) =>
              r.rosters === 0 ? "—" : `${r.reportsSigned} / ${r.rosters}${r.reportsSent ? ` · ${t("payouts.report.sent")} ${r.reportsSent}（${r.sentTo.map((s) => pick(PAYOUT_REPORT_RECIPIENT_LABELS[s])).join("、")}）` : ""}`,
          },
          { title: `${t("payouts.open")} / ${t("payouts.settled")}`, render: (_: unknown, r: Row) => cell(r.open, r.settled) },
          ...PAYOUT_RULE_KEYS.map((rule) => ({ title: pick(PAYOUT_RULES[rule]), key: rule, render: (_: unknown, r: Row) => cell(r.byRule[rule].open, r.byRule[rule].settled) })),
        ]}
      />
    </Card>
  );
}
