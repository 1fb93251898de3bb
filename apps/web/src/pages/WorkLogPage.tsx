import { useQuery } from "@tanstack/react-query";
import { hoursOf, todayInShanghai } from "@shegong/domain";
import { Card, Col, Row, Space, Table, Tag } from "antd";
import { useState } from "react";
import { MonthlyReportCard } from "../features/worklogs/MonthlyReportCard.tsx";
import { WorkLogDay } from "../features/worklogs/WorkLogDay.tsx";
import { useStation } from "../features/workspace/station-context.tsx";
import { useI18n } from "../i18n/locale.tsx";
import { trpc } from "../trpc.ts";

/** 工作日志 and 月报 (issue 4 item 8): the worker's own days, and the station's month drafted from the records. */
export function WorkLogPage() {
  const { t } = useI18n();
  const { stationId } = useStation();
  const [date, setDate] = useState(todayInShanghai());
  const [month, setMonth] = useState(todayInShanghai().slice(0, 7));
  const days = useQuery(trpc.worklogs.month.queryOptions({ stationId, month: date.slice(0, 7) }));
  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }} data-testid="worklog-page">
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={15}>
          <WorkLogDay date={date} onDateChange={setDate} />
        </Col>
        <Col xs={24} lg={9}>
          <Card title={t("worklog.month", { month: date.slice(0, 7) })} size="small">
            <Table
              size="small"
              rowKey="date"
              pagination={false}
              dataSource={days.data ?? []}
              locale={{ emptyText: t("worklog.noRecords") }}
              onRow={(d) => ({ onClick: () => setDate(d.date), style: { cursor: "pointer" } })}
              columns={[
                { title: t("worklog.date"), dataIndex: "date" },
                { title: t("worklog.records"), dataIndex: "records", align: "right" },
                { title: t("monthlyReport.hours"), key: "h", align: "right", render: (_, d) => hoursOf(d.totalMinutes) },
                { title: "", key: "s", render: (_, d) => (d.status === "submitted" ? <Tag color="green">{t("worklog.status.submitted")}</Tag> : null) },
              ]}
            />
          </Card>
        </Col>
      </Row>
      <MonthlyReportCard month={month} onMonthChange={setMonth} />
    </Space>
  );
}
