import { Table } from "antd";
import { useI18n } from "../../i18n/locale.tsx";
import { formatDateTime } from "../../lib/dates.ts";
import type { RouterOutputs } from "../../trpc.ts";
import { StationStatusTag } from "../stations/StationStatusTag.tsx";

type StatusEvent = RouterOutputs["stations"]["history"][number];

export function StatusHistoryTable({ events }: { events: StatusEvent[] }) {
  const { t, locale } = useI18n();
  return (
    <Table<StatusEvent>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={events}
      columns={[
        { key: "date", title: t("history.date"), dataIndex: "effective_date" },
        { key: "from", title: t("history.from"), render: (_, e) => (e.from_status ? <StationStatusTag status={e.from_status} /> : "—") },
        { key: "to", title: t("history.to"), render: (_, e) => <StationStatusTag status={e.to_status} /> },
        { key: "note", title: t("history.note"), dataIndex: "note" },
        { key: "actor", title: t("history.actor"), render: (_, e) => e.actor_name ?? "—" },
        { key: "recorded", title: t("history.recordedAt"), render: (_, e) => formatDateTime(e.recorded_at, locale) },
      ]}
    />
  );
}
