import { DownloadOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { CATEGORIES, CATEGORY_GROUPS } from "@shegong/domain";
import { Button, Table, Tooltip } from "antd";
import { useState } from "react";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { useI18n } from "../../i18n/locale.tsx";
import { trpc, type RouterOutputs } from "../../trpc.ts";
import { ExportLedgerDialog, type LedgerKindRef } from "./ExportLedgerDialog.tsx";

type KindRow = RouterOutputs["ledgers"]["kinds"][number];

/** Every ledger the station can produce from its registry, each with its export. */
export function LedgerKindsTable() {
  const { t, pick } = useI18n();
  const kinds = useQuery({ ...trpc.ledgers.kinds.queryOptions(), staleTime: Infinity });
  const [exporting, setExporting] = useState<LedgerKindRef | null>(null);
  return (
    <>
      <ErrorAlert error={kinds.error} />
      <Table<KindRow>
        data-testid="ledger-kinds"
        rowKey="key"
        size="small"
        loading={kinds.isLoading}
        dataSource={kinds.data ?? []}
        pagination={false}
        columns={[
          { key: "title", title: t("ledger.title"), dataIndex: "title" },
          {
            key: "group",
            title: t("ledger.group"),
            render: (_, k) => (k.category ? pick(CATEGORY_GROUPS[CATEGORIES[k.category].group]) : t("people.register.all")),
          },
          {
            key: "columns",
            title: t("ledger.columns"),
            render: (_, k) => (
              <Tooltip title={k.columns.map((c) => c.header).join("、")}>
                <span>{t("ledger.columnCount", { n: k.columns.length })}</span>
              </Tooltip>
            ),
          },
          {
            key: "export",
            title: t("common.actions"),
            width: 110,
            render: (_, k) => (
              <Button size="small" icon={<DownloadOutlined />} onClick={() => setExporting({ key: k.key, title: k.title })} data-testid={`export-${k.key}`}>
                {t("ledger.export")}
              </Button>
            ),
          },
        ]}
      />
      {exporting && <ExportLedgerDialog kind={exporting} onClose={() => setExporting(null)} />}
    </>
  );
}
