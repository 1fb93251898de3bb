import { useMutation, useQuery } from "@tanstack/react-query";
import { EVALUATION_DIMENSION_LABELS, EVALUATION_DIMENSIONS, evaluationTotal, labelOf, type EvaluationDimension } from "@shegong/domain";
import { Alert, App, Button, Card, Descriptions, Input, InputNumber, Popconfirm, Space, Spin, Statistic, Table, Tag, Typography, type ButtonProps } from "antd";
import { useMemo, useState } from "react";
import { ErrorAlert } from "../components/ErrorAlert.tsx";
import { EvaluationStatusTag, EvaluatorKindText, EvidenceText, GradeTag } from "../features/evaluation/evaluation-tags.tsx";
import { RaiseRectificationDialog } from "../features/evaluation/RaiseRectificationDialog.tsx";
import { useStation } from "../features/workspace/station-context.tsx";
import { useI18n } from "../i18n/locale.tsx";
import { Link } from "../router.tsx";
import { queryClient, trpc, type RouterOutputs } from "../trpc.ts";

type Evaluation = RouterOutputs["evaluations"]["get"];
type Indicator = Evaluation["indicators"][number];
type Draft = Record<string, { score: number | null; comment: string }>;

/**
 * Scoring one evaluation (R15): every indicator with the station's data behind it, a score up to
 * its weight and a comment; the total and the per-dimension sums are the domain's own
 * computation, live as scores are typed. Finalizing fixes it for good.
 */
export function EvaluationPage({ evaluationId }: { evaluationId: string }) {
  const { stationId } = useStation();
  const evaluation = useQuery(trpc.evaluations.get.queryOptions({ stationId, evaluationId }));
  if (evaluation.isError) return <ErrorAlert error={evaluation.error} />;
  if (!evaluation.data) return <Spin />;
  return <EvaluationScoring key={evaluation.dataUpdatedAt} evaluation={evaluation.data} />;
}

function EvaluationScoring({ evaluation }: { evaluation: Evaluation }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const { stationId, can } = useStation();
  const editable = evaluation.status === "draft" && can("evaluation.score");
  const [draft, setDraft] = useState<Draft>(() => Object.fromEntries(evaluation.indicators.map((i) => [i.code, { score: i.score, comment: i.comment }])));
  const [summary, setSummary] = useState(evaluation.summary);
  const [raising, setRaising] = useState<Indicator | null>(null);
  const ids = { stationId, evaluationId: evaluation.id };
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.evaluations.get.queryKey(ids) });
  const save = useMutation(trpc.evaluations.score.mutationOptions());
  const finalize = useMutation(trpc.evaluations.finalize.mutationOptions());
  const entered = Object.entries(draft).flatMap(([code, d]) => (d.score === null ? [] : [{ code, score: d.score, comment: d.comment }]));
  const totals = useMemo(() => evaluationTotal(evaluation.indicators, entered), [evaluation.indicators, entered]);

  const saveScores = async () => {
    await save.mutateAsync({ ...ids, scores: entered, summary });
    void message.success(t("eval.saved"));
    await refresh();
  };
  const saveAndFinalize = async () => {
    await save.mutateAsync({ ...ids, scores: entered, summary });
    await finalize.mutateAsync(ids);
    await queryClient.invalidateQueries({ queryKey: trpc.evaluations.list.queryKey({ stationId }) });
    await refresh();
  };
  const set = (code: string, patch: Partial<Draft[string]>) => setDraft((d) => ({ ...d, [code]: { ...(d[code] ?? { score: null, comment: "" }), ...patch } }));

  return (
    <Space orientation="vertical" style={{ width: "100%" }} size="middle" data-testid="evaluation-page">
      <Link to={`/station/${stationId}/evaluations`}>{t("eval.back")}</Link>
      <Card
        title={`${evaluation.year} · ${evaluation.templateName}`}
        extra={
          editable && (
            <Space>
              <Button loading={save.isPending} onClick={() => void saveScores().catch(() => undefined)} data-testid="eval-save">
                {t("eval.saveScores")}
              </Button>
              <Popconfirm title={t("eval.finalizeConfirm")} onConfirm={() => saveAndFinalize().catch(() => undefined)} okButtonProps={{ "data-testid": "eval-finalize-confirm" } as ButtonProps}>
                <Button type="primary" disabled={!totals.complete} loading={finalize.isPending} data-testid="eval-finalize">
                  {t("eval.finalize")}
                </Button>
              </Popconfirm>
            </Space>
          )
        }
      >
        <ErrorAlert error={save.error ?? finalize.error} />
        {evaluation.status === "finalized" && <Alert type="success" showIcon title={t("eval.finalizedNote")} style={{ marginBottom: 12 }} data-testid="eval-finalized" />}
        <Space size="large" wrap align="start">
          <Statistic title={t("eval.total")} value={totals.total} suffix="/ 100" valueStyle={{ fontVariantNumeric: "tabular-nums" }} data-testid="eval-total" />
          <Descriptions size="small" column={1}>
            <Descriptions.Item label={t("eval.status")}>
              <EvaluationStatusTag status={evaluation.status} />
            </Descriptions.Item>
            <Descriptions.Item label={t("eval.kind")}>
              <EvaluatorKindText kind={evaluation.evaluatorKind} />
            </Descriptions.Item>
            <Descriptions.Item label={t("eval.grade")}>
              <GradeTag grade={totals.grade} /> <Typography.Text type="secondary">{t("eval.scored", { scored: totals.scored, total: totals.indicators })}</Typography.Text>
            </Descriptions.Item>
          </Descriptions>
          <Descriptions size="small" column={1} title={t("eval.byDimension")}>
            {EVALUATION_DIMENSIONS.filter((d) => totals.byDimension[d].weight > 0).map((d) => (
              <Descriptions.Item key={d} label={labelOf(EVALUATION_DIMENSION_LABELS, d, locale)}>
                {totals.byDimension[d].score} / {totals.byDimension[d].weight}
              </Descriptions.Item>
            ))}
          </Descriptions>
        </Space>
      </Card>
      <Table<Indicator>
        size="small"
        rowKey="code"
        pagination={false}
        scroll={{ x: true }}
        dataSource={evaluation.indicators}
        columns={[
          { title: t("eval.dimension"), dataIndex: "dimension", render: (d: EvaluationDimension) => <Tag>{labelOf(EVALUATION_DIMENSION_LABELS, d, locale)}</Tag> },
          {
            title: t("eval.indicator"),
            key: "title",
            render: (_, i) => (
              <Space orientation="vertical" size={0}>
                <Typography.Text strong>{i.title}</Typography.Text>
                {i.guidance && <Typography.Text type="secondary">{i.guidance}</Typography.Text>}
              </Space>
            ),
          },
          { title: t("eval.data"), key: "data", render: (_, i) => <EvidenceText evidence={i.evidence} /> },
          { title: t("eval.weight"), dataIndex: "weight", align: "right" },
          {
            title: t("eval.score"),
            key: "score",
            render: (_, i) =>
              editable ? (
                <InputNumber
                  min={0}
                  max={i.weight}
                  step={0.5}
                  precision={1}
                  value={draft[i.code]?.score ?? null}
                  onChange={(v) => set(i.code, { score: v === null ? null : Number(v) })}
                  data-testid={`eval-score-${i.code}`}
                />
              ) : (
                (i.score ?? "—")
              ),
          },
          {
            title: t("eval.comment"),
            key: "comment",
            render: (_, i) =>
              editable ? (
                <Input value={draft[i.code]?.comment ?? ""} maxLength={500} onChange={(e) => set(i.code, { comment: e.target.value })} data-testid={`eval-comment-${i.code}`} />
              ) : (
                i.comment || "—"
              ),
          },
          ...(can("evaluation.score")
            ? [
                {
                  title: t("common.actions"),
                  key: "raise",
                  render: (_: unknown, i: Indicator) => (
                    <Button size="small" onClick={() => setRaising(i)}>
                      {t("eval.raise")}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Card size="small" title={t("eval.summary")}>
        {editable ? <Input.TextArea rows={3} value={summary} maxLength={2000} onChange={(e) => setSummary(e.target.value)} data-testid="eval-summary" /> : <Typography.Paragraph>{evaluation.summary || "—"}</Typography.Paragraph>}
      </Card>
      {raising && (
        <RaiseRectificationDialog stationId={stationId} evaluationId={evaluation.id} indicatorCode={raising.code} finding={`${raising.title}：${draft[raising.code]?.comment ?? ""}`} onClose={() => setRaising(null)} />
      )}
    </Space>
  );
}
