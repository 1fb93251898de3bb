import { PlusOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { evaluationGrade } from "@shegong/domain";
import { Button, Card, Space, Table } from "antd";
import { useState } from "react";
import { ErrorAlert } from "../components/ErrorAlert.tsx";
import { EvaluationStatusTag, EvaluatorKindText, GradeTag } from "../features/evaluation/evaluation-tags.tsx";
import { RaiseRectificationDialog } from "../features/evaluation/RaiseRectificationDialog.tsx";
import { RectificationItems } from "../features/evaluation/RectificationItems.tsx";
import { StartEvaluationDialog } from "../features/evaluation/StartEvaluationDialog.tsx";
import { useStation } from "../features/workspace/station-context.tsx";
import { useI18n } from "../i18n/locale.tsx";
import { formatDateTime } from "../lib/dates.ts";
import { Link } from "../router.tsx";
import { trpc, type RouterOutputs } from "../trpc.ts";

type Row = RouterOutputs["evaluations"]["list"][number];

/** A station's evaluations (R15) and its rectification items (整改), for the station and for whoever evaluates it. */
export function StationEvaluationsPage() {
  const { t, locale } = useI18n();
  const { stationId, can } = useStation();
  const list = useQuery(trpc.evaluations.list.queryOptions({ stationId }));
  const [starting, setStarting] = useState(false);
  const [raising, setRaising] = useState(false);
  const mayScore = can("evaluation.score");
  return (
    <Space orientation="vertical" style={{ width: "100%" }} size="large" data-testid="station-evaluations-page">
      <Card
        title={t("eval.title")}
        extra={
          mayScore && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setStarting(true)} data-testid="eval-start">
              {t("eval.start")}
            </Button>
          )
        }
      >
        <ErrorAlert error={list.error} />
        <Table<Row>
          size="small"
          rowKey="id"
          loading={list.isPending}
          dataSource={list.data ?? []}
          locale={{ emptyText: t("eval.none") }}
          columns={[
            { title: t("eval.year"), dataIndex: "year" },
            { title: t("eval.template"), key: "tpl", render: (_, r) => <Link to={`/station/${stationId}/evaluations/${r.id}`} data-testid="eval-open">{r.templateName}</Link> },
            { title: t("eval.kind"), key: "kind", render: (_, r) => <EvaluatorKindText kind={r.evaluatorKind} /> },
            { title: t("eval.status"), key: "status", render: (_, r) => <EvaluationStatusTag status={r.status} /> },
            { title: t("eval.total"), key: "total", align: "right", render: (_, r) => (r.total === null ? "—" : <Space>{r.total}<GradeTag grade={evaluationGrade(r.total)} /></Space>) },
            { title: t("eval.finalizedAt"), key: "fin", render: (_, r) => formatDateTime(r.finalizedAt, locale) },
          ]}
        />
      </Card>
      {mayScore && (
        <Button icon={<PlusOutlined />} onClick={() => setRaising(true)} data-testid="rect-raise">
          {t("eval.raise")}
        </Button>
      )}
      <RectificationItems />
      {starting && <StartEvaluationDialog stationId={stationId} onClose={() => setStarting(false)} />}
      {raising && <RaiseRectificationDialog stationId={stationId} onClose={() => setRaising(false)} />}
    </Space>
  );
}
