import { Table, Tag } from "antd";
import { useI18n } from "../../i18n/locale.tsx";
import { formatDateTime } from "../../lib/dates.ts";
import type { RouterOutputs } from "../../trpc.ts";

type AuditEvent = RouterOutputs["audit"]["list"][number];

const OUTCOME_COLORS: Record<string, string> = { success: "success", failure: "error", denied: "warning" };

export function AuditTrailTable({ events }: { events: AuditEvent[] }) {
  const { t, locale } = useI18n();
  return (
    <Table<AuditEvent>
      rowKey="seq"
      size="small"
      dataSource={events}
      pagination={{ pageSize: 20, showSizeChanger: false }}
      columns={[
        { key: "time", title: t("audit.time"), render: (_, e) => formatDateTime(e.occurredAt, locale), width: 170 },
        { key: "actor", title: t("audit.actor"), render: (_, e) => e.actorName ?? "—" },
        { key: "action", title: t("audit.action"), dataIndex: "action" },
        { key: "target", title: t("audit.target"), render: (_, e) => e.target ?? "—" },
        { key: "outcome", title: t("audit.outcome"), render: (_, e) => <Tag color={OUTCOME_COLORS[e.outcome] ?? "default"}>{e.outcome}</Tag> },
        { key: "ip", title: t("audit.ip"), render: (_, e) => e.ip ?? "—" },
      ]}
    />
  );
}
