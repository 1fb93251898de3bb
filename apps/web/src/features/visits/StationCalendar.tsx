import { useQuery } from "@tanstack/react-query";
import { todayInShanghai } from "@shegong/domain";
import { Badge, Calendar, Card, Grid, Space } from "antd";
import { useMemo, useState } from "react";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { useI18n } from "../../i18n/locale.tsx";
import { trpc } from "../../trpc.ts";
import { useStation } from "../workspace/station-context.tsx";
import { calendarCounts } from "./calendar-counts.ts";

/** The station calendar: visits made and people falling due, day by day, for the month shown. */
export function StationCalendar() {
  const { t } = useI18n();
  const { stationId } = useStation();
  const today = todayInShanghai();
  const screens = Grid.useBreakpoint();
  const [month, setMonth] = useState(today.slice(0, 7));
  const due = useQuery(trpc.visits.dueByDay.queryOptions({ stationId, month }));
  const visits = useQuery(trpc.visits.inPeriod.queryOptions({ stationId, period: { month } }));
  const days = useMemo(() => calendarCounts(due.data ?? [], visits.data ?? []), [due.data, visits.data]);
  const cell = (day: string) => {
    const c = days.get(day);
    if (!c) return null;
    return (
      <Space orientation="vertical" size={0} data-testid="calendar-day" data-day={day}>
        {c.done > 0 && <Badge status="success" text={t("calendar.done", { n: c.done })} />}
        {c.due > 0 && <Badge status={day === today ? "error" : "warning"} text={t("calendar.due", { n: c.due })} />}
      </Space>
    );
  };
  return (
    <Card size="small" title={t("calendar.title")} style={{ marginBottom: 16 }} data-testid="station-calendar">
      <ErrorAlert error={due.error ?? visits.error} />
      <Calendar
        mode="month"
        fullscreen={Boolean(screens.md)}
        onPanelChange={(d) => setMonth(d.format("YYYY-MM"))}
        onSelect={(d) => setMonth(d.format("YYYY-MM"))}
        cellRender={(d, info) => (info.type === "date" ? cell(d.format("YYYY-MM-DD")) : null)}
      />
    </Card>
  );
}
