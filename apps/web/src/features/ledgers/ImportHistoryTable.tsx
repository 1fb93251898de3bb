import { useQuery } from "@tanstack/react-query";
import { LEDGER_KINDS, type LedgerKindKey } from "@shegong/domain";
import { Table } from "antd";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { useI18n } from "../../i18n/locale.tsx";
import { formatDateTime } from "../../lib/dates.ts";
import { trpc, type RouterOutputs } from "../../trpc.ts";
import { useStation } from "../workspace/station-context.tsx";

type ImportRow = RouterOutputs["ledgers"]["history"][number];

export function ledgerTitleOf(key: string): string {
  return Object.hasOwn(LEDGER_KINDS, key) ? LEDGER_KINDS[key as LedgerKindKey].title : key;
}

/** The station's committed imports, newest first. */
export function ImportHistoryTable() {
  const { t, locale } = useI18n();
  const { stationId } = useStation();
  const history = useQuery(trpc.ledgers.history.queryOptions({ stationId }));
  return (
    <>
      <ErrorAlert error={history.error} />
      <Table<ImportRow>
        data-testid="import-history"
        rowKey="id"
        size="small"
        loading={history.isLoading}
        dataSource={history.data ?? []}
        locale={{ emptyText: t("import.history.none") }}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        columns={[
          { key: "at", title: t("import.history.at"), width: 150, render: (_, r) => formatDateTime(r.committed_at, locale) },
          { key: "kind", title: t("ledger.title"), render: (_, r) => ledgerTitleOf(r.ledger_kind) },
          { key: "file", title: t("import.file"), dataIndex: "file_name", ellipsis: true },
          { key: "total", title: t("import.rowsTotal"), dataIndex: "rows_total", width: 96 },
          { key: "created", title: t("import.created"), dataIndex: "created_count", width: 96 },
          { key: "updated", title: t("import.updated"), dataIndex: "updated_count", width: 96 },
          { key: "unchanged", title: t("import.unchanged"), dataIndex: "unchanged_count", width: 96 },
          { key: "rejected", title: t("import.rejected"), dataIndex: "rejected_count", width: 96 },
          { key: "actor", title: t("history.actor"), render: (_, r) => r.actor_name ?? "—" },
        ]}
      />
    </>
  );
}
