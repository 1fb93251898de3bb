import { DownloadOutlined } from "@ant-design/icons";
import { useMutation, useQuery } from "@tanstack/react-query";
import { NARRATIVE_SECTION_LABELS, NARRATIVE_SECTIONS, SUBMISSION_KIND_LABELS, type IndicatorId } from "@shegong/domain";
import { App, Button, Card, Drawer, Form, Input, InputNumber, Space, Spin, Table, Typography } from "antd";
import { useState } from "react";
import { ErrorAlert } from "../components/ErrorAlert.tsx";
import { FormModal } from "../components/FormModal.tsx";
import { downloadBase64 } from "../features/ledgers/ledger-files.ts";
import { DeliverablesTable, IndicatorTotals, SubmissionStatusTag, thisYear, TimelinessTag, VersionHistory, type AnnualSummaryView } from "../features/submissions/submission-parts.tsx";
import { useI18n } from "../i18n/locale.tsx";
import { queryClient, trpc, type RouterOutputs } from "../trpc.ts";

type DeskRow = RouterOutputs["submissions"]["reviewList"][number];

/**
 * The city/county bureau's review desk (issue 5 items 6–7, R15, R18): every station's quarterly
 * packages and year-end report, awaiting review first and late or missing ones marked; accept, or
 * return with comments.
 */
export function SubmissionReviewPage({ divisionCode }: { divisionCode: string }) {
  const { t, pick } = useI18n();
  const [year, setYear] = useState(thisYear);
  const desk = useQuery(trpc.submissions.reviewList.queryOptions({ divisionCode, year }));
  const [open, setOpen] = useState<DeskRow | null>(null);
  return (
    <Card
      title={t("submissions.review.title")}
      data-testid="review-page"
      extra={
        <Space>
          {t("submissions.year")}
          <InputNumber min={2020} max={2100} value={year} onChange={(v) => v && setYear(v)} />
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t("submissions.review.hint")}</Typography.Paragraph>
      <ErrorAlert error={desk.error} />
      <Table
        size="small"
        rowKey={(r: DeskRow) => `${r.stationId}|${r.kind}|${r.period}`}
        loading={desk.isPending}
        scroll={{ x: true }}
        dataSource={desk.data ?? []}
        onRow={(r: DeskRow) => ({
          "data-testid": `review-row-${r.period}`,
          style: r.timeliness === "overdue" || r.timeliness === "late" ? { background: r.timeliness === "overdue" ? "#fff1f0" : "#fff7e6" } : undefined,
        }) as object}
        columns={[
          { title: t("gov.station"), dataIndex: "plaqueName" },
          { title: t("submissions.kind"), dataIndex: "kind", render: (k: DeskRow["kind"]) => pick(SUBMISSION_KIND_LABELS[k]) },
          { title: t("submissions.period"), dataIndex: "period" },
          { title: t("submissions.dueOn"), dataIndex: "dueOn" },
          { title: t("submissions.status"), key: "status", render: (_: unknown, r: DeskRow) => <SubmissionStatusTag status={r.status} /> },
          { title: t("submissions.timeliness"), key: "timeliness", render: (_: unknown, r: DeskRow) => <TimelinessTag timeliness={r.timeliness} daysLate={r.daysLate} /> },
          { title: t("submissions.versionColumn"), dataIndex: "version", render: (v: number | null) => v ?? "—" },
          {
            title: t("common.actions"),
            key: "open",
            render: (_: unknown, r: DeskRow) =>
              r.submissionId && r.status !== "draft" ? (
                <Button size="small" type={r.status === "submitted" ? "primary" : "default"} onClick={() => setOpen(r)} data-testid="review-open">
                  {r.status === "submitted" ? t("submissions.review.review") : t("common.open")}
                </Button>
              ) : null,
          },
        ]}
      />
      {open && <ReviewDrawer divisionCode={divisionCode} year={year} row={open} onClose={() => setOpen(null)} />}
    </Card>
  );
}

function ReviewDrawer({ divisionCode, year, row, onClose }: { divisionCode: string; year: number; row: DeskRow; onClose: () => void }) {
  const { t, pick } = useI18n();
  const { message } = App.useApp();
  const ids = { stationId: row.stationId, kind: row.kind, period: row.period };
  const versions = useQuery(trpc.submissions.versions.queryOptions(ids));
  const [returning, setReturning] = useState(false);
  const [form] = Form.useForm<{ comment: string }>();
  const refresh = async () => {
    void message.success(t("gov.saved"));
    await queryClient.invalidateQueries({ queryKey: trpc.submissions.reviewList.queryKey({ divisionCode, year }) });
    await queryClient.invalidateQueries({ queryKey: trpc.submissions.versions.queryKey(ids) });
  };
  const accept = useMutation(trpc.submissions.accept.mutationOptions({ onSuccess: refresh }));
  const sendBack = useMutation(
    trpc.submissions.returnWithComments.mutationOptions({
      onSuccess: async () => {
        setReturning(false);
        await refresh();
      },
    }),
  );
  const download = useMutation(trpc.submissions.download.mutationOptions({ onSuccess: (file) => downloadBase64(file.fileName, file.base64) }));
  const latest = versions.data?.versions.find((v) => v.status !== "draft") ?? null;
  const waiting = latest?.status === "submitted";
  const summary = latest?.summary as { indicators: { indicator: IndicatorId; total: number; byMonth: number[] }[]; months: string[] } | undefined;
  return (
    <Drawer
      open
      width={820}
      data-testid="review-drawer"
      title={`${row.plaqueName} · ${pick(SUBMISSION_KIND_LABELS[row.kind])} · ${row.period}`}
      onClose={onClose}
      extra={
        <Space>
          {latest && row.kind === "quarterly" && (
            <Button icon={<DownloadOutlined />} loading={download.isPending} onClick={() => download.mutate({ stationId: row.stationId, submissionId: latest.id })} data-testid="review-download">
              {t("submissions.downloadXlsx")}
            </Button>
          )}
          {waiting && latest && (
            <>
              <Button onClick={() => setReturning(true)} data-testid="review-return">
                {t("submissions.review.return")}
              </Button>
              <Button type="primary" loading={accept.isPending} onClick={() => accept.mutate({ stationId: row.stationId, submissionId: latest.id })} data-testid="review-accept">
                {t("submissions.review.accept")}
              </Button>
            </>
          )}
        </Space>
      }
    >
      <ErrorAlert error={versions.error ?? accept.error ?? download.error} />
      {versions.isPending && <Spin />}
      {latest && row.kind === "annual" && (
        <>
          <DeliverablesTable rows={(latest.summary as AnnualSummaryView).deliverables} staffing={(latest.summary as AnnualSummaryView).staffing} />
          {NARRATIVE_SECTIONS.map((section) => (
            <div key={section} style={{ marginTop: 12 }}>
              <Typography.Title level={5}>{pick(NARRATIVE_SECTION_LABELS[section])}</Typography.Title>
              <Typography.Paragraph style={{ whiteSpace: "pre-wrap" }}>{latest.narrative?.[section] || "—"}</Typography.Paragraph>
            </div>
          ))}
        </>
      )}
      {summary && <IndicatorTotals indicators={summary.indicators} months={row.kind === "quarterly" ? summary.months : undefined} />}
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t("submissions.history")}
      </Typography.Title>
      <VersionHistory versions={(versions.data?.versions ?? []).filter((v) => v.status !== "draft")} />
      {returning && latest && (
        <FormModal title={t("submissions.review.return")} pending={sendBack.isPending} error={sendBack.error} onSubmit={() => form.submit()} onClose={() => setReturning(false)}>
          <Form form={form} layout="vertical" onFinish={(v) => sendBack.mutate({ stationId: row.stationId, submissionId: latest.id, comment: v.comment })}>
            <Form.Item name="comment" label={t("submissions.reviewComment")} rules={[{ required: true }]}>
              <Input.TextArea rows={4} maxLength={2000} data-testid="review-comment-input" />
            </Form.Item>
          </Form>
        </FormModal>
      )}
    </Drawer>
  );
}
