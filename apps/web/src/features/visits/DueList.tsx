import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { CATEGORIES, describeCadence, DUE_STATUS_LABELS, DUE_STATUSES, labelOf, type DueStatus } from "@shegong/domain";
import { Button, Empty, Input, Pagination, Segmented, Space, Spin, Tag, Typography } from "antd";
import { useState } from "react";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { useI18n } from "../../i18n/locale.tsx";
import { Link } from "../../router.tsx";
import { trpc, type RouterOutputs } from "../../trpc.ts";
import { useStation } from "../workspace/station-context.tsx";

export type DueEntry = RouterOutputs["visits"]["due"]["entries"][number];

/** Rows a page: enough to plan a day's round, few enough for a phone to draw at once. */
const PAGE_SIZE = 20;

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

/**
 * A due list (issue 4 item 1) a page at a time, most urgent first: filtered by status (with the
 * count in each) and by name, pinyin initials or ID digits, grouped on the page by how late.
 */
export function DueList({ mine, onRecord }: { mine: boolean; onRecord: (entry: DueEntry) => void }) {
  const { t, locale } = useI18n();
  const { stationId } = useStation();
  const [status, setStatus] = useState<DueStatus | "all">("all");
  const [search, setSearch] = useState("");
  const [page, setPage] = useState(1);
  const due = useQuery({
    ...trpc.visits.due.queryOptions({ stationId, mine, status: status === "all" ? undefined : status, search, offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  if (due.isError) return <ErrorAlert error={due.error} />;
  if (!due.data) return <Spin />;
  const { counts, entries, total } = due.data;
  const everyone = DUE_STATUSES.reduce((n, s) => n + counts[s], 0);
  const choose = (next: DueStatus | "all") => {
    setStatus(next);
    setPage(1);
  };
  return (
    <div data-testid={mine ? "due-list-mine" : "due-list-all"}>
      <div style={{ display: "flex", flexWrap: "wrap", gap: 8, marginBottom: 8 }}>
        {/* Five statuses with their counts are wider than a phone: they scroll sideways, the page does not. */}
        <div style={{ maxWidth: "100%", minWidth: 0, overflowX: "auto" }}>
          <Segmented<DueStatus | "all">
            data-testid="due-status-filter"
            value={status}
            onChange={choose}
            options={[
              { value: "all", label: `${t("due.all")} ${everyone}` },
              ...DUE_STATUSES.map((s) => ({ value: s, label: `${labelOf(DUE_STATUS_LABELS, s, locale)} ${counts[s]}` })),
            ]}
          />
        </div>
        <Input.Search
          allowClear
          data-testid="due-search"
          placeholder={t("due.search")}
          style={{ width: 240, maxWidth: "100%" }}
          onSearch={(value) => {
            setSearch(value.trim());
            setPage(1);
          }}
        />
      </div>
      {entries.length === 0 ? (
        <Empty description={t("due.empty")} />
      ) : (
        DUE_STATUSES.map((s) => {
          const group = entries.filter((e) => e.status === s);
          if (group.length === 0) return null;
          return (
            <section key={s} data-testid={`due-group-${s}`} style={{ marginBottom: 16 }}>
              <Typography.Title level={5} style={{ margin: "8px 0 0" }}>
                <Tag color={DUE_STATUS_COLORS[s]} style={{ marginInlineEnd: 8 }}>{labelOf(DUE_STATUS_LABELS, s, locale)}</Tag>
                {t("due.groupCount", { n: counts[s] })}
              </Typography.Title>
              {group.map((entry) => (
                <DueRow key={entry.personId} entry={entry} onRecord={onRecord} />
              ))}
            </section>
          );
        })
      )}
      {total > PAGE_SIZE && (
        <Pagination data-testid="due-pages" size="small" simple current={page} pageSize={PAGE_SIZE} total={total} onChange={setPage} showSizeChanger={false} />
      )}
    </div>
  );
}

/** Counts above the lists: how many are late and how many are due today. */
export function DueCounts({ mine }: { mine: boolean }) {
  const { locale } = useI18n();
  const { stationId } = useStation();
  // Only the counts are wanted: the smallest page carries them all.
  const due = useQuery(trpc.visits.due.queryOptions({ stationId, mine, limit: 1 }));
  const count = (status: DueStatus) => due.data?.counts[status] ?? 0;
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
