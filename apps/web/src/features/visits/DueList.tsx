import { useQuery } from "@tanstack/react-query";
import { CATEGORIES, describeCadence, DUE_STATUS_LABELS, DUE_STATUSES, labelOf, type DueStatus } from "@shegong/domain";
import { Button, Empty, Space, Spin, Tag, Typography } from "antd";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { useI18n } from "../../i18n/locale.tsx";
import { Link } from "../../router.tsx";
import { trpc, type RouterOutputs } from "../../trpc.ts";
import { useStation } from "../workspace/station-context.tsx";

export type DueEntry = RouterOutputs["visits"]["due"][number];

export const DUE_STATUS_COLORS: Record<DueStatus, string> = { overdue: "red", due_today: "orange", due_soon: "gold", later: "default" };

export function DueStatusTag({ entry }: { entry: DueEntry }) {
  const { t, locale } = useI18n();
  const label = labelOf(DUE_STATUS_LABELS, entry.status, locale);
  return (
    <Tag color={DUE_STATUS_COLORS[entry.status]} data-testid="due-status">
      {entry.status === "overdue" ? t("due.overdueDays", { status: label, n: entry.daysOverdue }) : label}
    </Tag>
  );
}

function DueRow({ entry, onRecord }: { entry: DueEntry; onRecord: (entry: DueEntry) => void }) {
  const { t, locale } = useI18n();
  const { stationId, can } = useStation();
  return (
    <div
      data-testid="due-row"
      data-person-id={entry.personId}
      data-status={entry.status}
      style={{ display: "flex", flexWrap: "wrap", alignItems: "center", gap: 12, padding: "12px 0", borderBottom: "1px solid rgba(5,5,5,0.06)" }}
    >
      <div style={{ flex: "1 1 240px", minWidth: 0 }}>
        <Space wrap size={[8, 4]}>
          <Link to={`/station/${stationId}/people/${entry.personId}`} style={{ fontSize: 16, fontWeight: 600 }} data-testid="due-name">
            {entry.name}
          </Link>
          <DueStatusTag entry={entry} />
          {entry.livesAlone && <Tag color="volcano">{t("due.livingAlone")}</Tag>}
        </Space>
        <div>
          <Typography.Text type="secondary">
            {[entry.villageName, `${labelOf(CATEGORIES, entry.fromCategory, locale)} · ${describeCadence(entry.cadence as Parameters<typeof describeCadence>[0], locale)}`]
              .filter(Boolean)
              .join(" · ")}
          </Typography.Text>
        </div>
        <div>
          <Typography.Text type="secondary">
            {t("due.lastVisit")}：{entry.lastVisitOn ?? t("due.never")} · {t("due.dueOn")}：
          </Typography.Text>
          <Typography.Text strong data-testid="due-on">
            {entry.dueOn}
          </Typography.Text>
        </div>
      </div>
      {can("workspace.write") && (
        <Button type="primary" size="large" onClick={() => onRecord(entry)} data-testid="record-visit">
          {t("visit.record")}
        </Button>
      )}
    </div>
  );
}

/** A due list (issue 4 item 1), grouped by how late each visit is, most urgent first. */
export function DueList({ mine, onRecord }: { mine: boolean; onRecord: (entry: DueEntry) => void }) {
  const { t, locale } = useI18n();
  const { stationId } = useStation();
  const due = useQuery(trpc.visits.due.queryOptions({ stationId, mine }));
  if (due.isError) return <ErrorAlert error={due.error} />;
  if (!due.data) return <Spin />;
  if (due.data.length === 0) return <Empty description={t("due.empty")} />;
  return (
    <div data-testid={mine ? "due-list-mine" : "due-list-all"}>
      {DUE_STATUSES.map((status) => {
        const entries = due.data.filter((e) => e.status === status);
        if (entries.length === 0) return null;
        return (
          <section key={status} data-testid={`due-group-${status}`} style={{ marginBottom: 16 }}>
            <Typography.Title level={5} style={{ margin: "8px 0 0" }}>
              <Tag color={DUE_STATUS_COLORS[status]} style={{ marginInlineEnd: 8 }}>{labelOf(DUE_STATUS_LABELS, status, locale)}</Tag>
              {t("due.groupCount", { n: entries.length })}
            </Typography.Title>
            {entries.map((entry) => (
              <DueRow key={entry.personId} entry={entry} onRecord={onRecord} />
            ))}
          </section>
        );
      })}
    </div>
  );
}

/** Counts above the lists: how many are late and how many are due today. */
export function DueCounts({ mine }: { mine: boolean }) {
  const { locale } = useI18n();
  const { stationId } = useStation();
  const due = useQuery(trpc.visits.due.queryOptions({ stationId, mine }));
  const count = (status: DueStatus) => (due.data ?? []).filter((e) => e.status === status).length;
  return (
    <Space size={24} wrap data-testid="due-counts">
      <span data-testid="count-overdue">
        <Typography.Text type="secondary">{labelOf(DUE_STATUS_LABELS, "overdue", locale)}</Typography.Text>{" "}
        <Typography.Text strong style={{ fontSize: 24, color: "#cf1322" }}>
          {due.data ? count("overdue") : "—"}
        </Typography.Text>
      </span>
      <span data-testid="count-due-today">
        <Typography.Text type="secondary">{labelOf(DUE_STATUS_LABELS, "due_today", locale)}</Typography.Text>{" "}
        <Typography.Text strong style={{ fontSize: 24, color: "#d46b08" }}>
          {due.data ? count("due_today") : "—"}
        </Typography.Text>
      </span>
    </Space>
  );
}
