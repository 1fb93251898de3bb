import { PlusOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { hoursOf, SUPERVISION_FORMAT_LABELS } from "@shegong/domain";
import { Button, Card, Space, Table, Typography } from "antd";
import { useState } from "react";
import { ErrorAlert } from "../components/ErrorAlert.tsx";
import { ServiceHoursTable } from "../features/activities/ServiceHoursTable.tsx";
import { SupervisionMatrixTable } from "../features/activities/SupervisionMatrixTable.tsx";
import { SupervisionModal } from "../features/activities/SupervisionModal.tsx";
import { currentYear, YearSelect } from "../features/activities/YearSelect.tsx";
import { labelOrDash } from "../features/people/vocab-options.ts";
import { useStation } from "../features/workspace/station-context.tsx";
import { useI18n } from "../i18n/locale.tsx";
import { trpc, type RouterOutputs } from "../trpc.ts";

type Session = RouterOutputs["supervision"]["list"][number];

/** Supervision per worker and month, the view evaluators check first, service hours beside it, and the sessions behind it (issue 4 item 7). */
export function SupervisionPage() {
  const { t, locale } = useI18n();
  const { stationId, can } = useStation();
  const [year, setYear] = useState(currentYear());
  const [recording, setRecording] = useState(false);
  const matrix = useQuery(trpc.supervision.matrix.queryOptions({ stationId, year }));
  const sessions = useQuery(trpc.supervision.list.queryOptions({ stationId, year }));
  const serviceHours = useQuery(trpc.serviceHours.byWorker.queryOptions({ stationId, year }));
  return (
    <Space orientation="vertical" style={{ width: "100%" }} size="middle" data-testid="supervision-page">
      <Card
        title={t("supervision.matrix")}
        extra={
          <Space wrap>
            <YearSelect value={year} onChange={setYear} />
            {can("workspace.write") && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setRecording(true)} data-testid="record-supervision">
                {t("supervision.record")}
              </Button>
            )}
          </Space>
        }
      >
        <Typography.Paragraph type="secondary">{t("supervision.matrix.explain")}</Typography.Paragraph>
        <ErrorAlert error={matrix.error ?? sessions.error} />
        {matrix.data && <SupervisionMatrixTable matrix={matrix.data} />}
      </Card>
      <Card title={t("serviceHours.title")}>
        <Typography.Paragraph type="secondary">{t("serviceHours.explain")}</Typography.Paragraph>
        <ErrorAlert error={serviceHours.error} />
        {serviceHours.data && matrix.data && <ServiceHoursTable rows={serviceHours.data} months={matrix.data.months} />}
      </Card>
      <Card title={t("supervision.title")}>
        <Table<Session>
          rowKey="id"
          loading={sessions.isLoading}
          dataSource={sessions.data ?? []}
          locale={{ emptyText: t("supervision.empty") }}
          scroll={{ x: true }}
          columns={[
            { title: t("supervision.heldOn"), dataIndex: "heldOn" },
            { title: t("supervision.format"), key: "f", render: (_, s) => labelOrDash(SUPERVISION_FORMAT_LABELS, s.format, locale) },
            { title: t("supervision.supervisor"), dataIndex: "supervisor" },
            { title: t("supervision.workers"), key: "w", render: (_, s) => s.workers.map((w) => w.displayName).join("、") },
            { title: t("supervision.topics"), dataIndex: "topics" },
            { title: t("supervision.cases"), key: "c", render: (_, s) => s.casesDiscussed.map((c) => c.note ?? c.caseId).join("；") || "—" },
            { title: t("supervision.duration"), key: "d", align: "right", render: (_, s) => t("common.hours", { n: hoursOf(s.durationMinutes) }) },
          ]}
        />
      </Card>
      {recording && <SupervisionModal onClose={() => setRecording(false)} />}
    </Space>
  );
}
