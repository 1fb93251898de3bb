import { PrinterOutlined, ReloadOutlined, SaveOutlined, SendOutlined } from "@ant-design/icons";
import { useMutation } from "@tanstack/react-query";
import {
  formatFen,
  NARRATIVE_SECTION_LABELS,
  NARRATIVE_SECTIONS,
  submissionActionAllowed,
  type SubmissionStatus,
  type TNarrative,
} from "@shegong/domain";
import { Alert, Button, Card, Empty, Form, InputNumber, Popconfirm, Space, Spin, Typography } from "antd";
import { useEffect, useState } from "react";
import { ErrorAlert } from "../components/ErrorAlert.tsx";
import {
  DeliverablesTable,
  IndicatorTotals,
  SubmissionStatusTag,
  TimelinessTag,
  useSubmissionPeriod,
  VersionHistory,
  thisYear,
  type AnnualSummaryView,
} from "../features/submissions/submission-parts.tsx";
import { useStation } from "../features/workspace/station-context.tsx";
import { useI18n } from "../i18n/locale.tsx";
import { trpc } from "../trpc.ts";
import { GrowingTextArea } from "../components/GrowingTextArea.tsx";

/**
 * 年度自查总结 (issue 5 item 7, R13): due 15 November. The numbers and the agreement's targets come
 * from the data; the station writes the four narrative sections, submits, and prints.
 */
export function AnnualReportPage() {
  const { t } = useI18n();
  const { stationId, can } = useStation();
  const [year, setYear] = useState(thisYear);
  const { versions, refresh, submit, buildMutation: build, build: runBuild } = useSubmissionPeriod(stationId, year, "annual", String(year));
  const [form] = Form.useForm<TNarrative>();
  const save = useMutation(trpc.submissions.saveNarrative.mutationOptions({ onSuccess: refresh }));
  const latest = versions.data?.versions[0] ?? null;
  const status = (latest?.status ?? null) as SubmissionStatus | null;
  const editable = can("submission.prepare") && status === "draft";
  useEffect(() => {
    if (latest?.narrative) form.setFieldsValue(latest.narrative);
  }, [form, latest?.id, latest?.narrative]);
  const summary = latest?.summary as AnnualSummaryView | undefined;
  const saveThen = async (after?: () => void) => {
    if (!latest) return;
    const narrative = form.getFieldsValue();
    await save.mutateAsync({ stationId, submissionId: latest.id, narrative });
    after?.();
  };
  return (
    <Space direction="vertical" style={{ width: "100%" }} size="large" data-testid="annual-page">
      <Card
        title={t("submissions.annual.title")}
        className="print-hidden"
        extra={
          <Space wrap>
            {t("submissions.year")}
            <InputNumber min={2020} max={2100} value={year} onChange={(v) => v && setYear(v)} />
            {can("submission.prepare") && submissionActionAllowed("build", status) && (
              <Button icon={<ReloadOutlined />} loading={build.isPending} onClick={runBuild} data-testid="annual-build">
                {status === null ? t("submissions.annual.draft") : status === "returned" ? t("submissions.rebuildNewVersion") : t("submissions.annual.refreshNumbers")}
              </Button>
            )}
            {editable && (
              <Button icon={<SaveOutlined />} loading={save.isPending} onClick={() => void saveThen()} data-testid="annual-save">
                {t("common.save")}
              </Button>
            )}
            {editable && latest && (
              <Popconfirm title={t("submissions.submitConfirm")} onConfirm={() => void saveThen(() => submit.mutate({ stationId, submissionId: latest.id }))}>
                <Button type="primary" icon={<SendOutlined />} loading={submit.isPending} data-testid="annual-submit">
                  {t("submissions.submit")}
                </Button>
              </Popconfirm>
            )}
            {latest && (
              <Button icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="annual-print">
                {t("submissions.print")}
              </Button>
            )}
          </Space>
        }
      >
        <Typography.Paragraph type="secondary">{t("submissions.annual.hint")}</Typography.Paragraph>
        <ErrorAlert error={versions.error ?? build.error ?? save.error ?? submit.error} />
        {versions.isPending && <Spin />}
        {!versions.isPending && !latest && <Empty description={t("submissions.nothingYet")} />}
        {versions.data && latest && (
          <Space wrap>
            <SubmissionStatusTag status={status} /> {t("submissions.version", { version: latest.version })} · {t("submissions.dueOn")} {versions.data.dueOn}
            <TimelinessTag timeliness={versions.data.timeliness} daysLate={versions.data.daysLate} />
          </Space>
        )}
        {status === "returned" && latest?.reviewComment && <Alert type="warning" showIcon style={{ marginTop: 12 }} title={t("submissions.returnedAlert")} description={latest.reviewComment} />}
      </Card>
      {latest && summary && (
        <div data-print-root="" className="annual-report">
          <Card>
            <Typography.Title level={3} style={{ textAlign: "center" }}>
              {t("submissions.annual.printTitle", { station: summary.station.plaqueName, year: summary.year })}
            </Typography.Title>
            <Typography.Paragraph style={{ textAlign: "center" }} type="secondary">
              {t("submissions.asOf")} {summary.asOf}
              {latest.sha256 ? ` · SHA-256 ${latest.sha256.slice(0, 16)}…` : ` · ${t("submissions.draftMark")}`}
            </Typography.Paragraph>
            <Typography.Title level={4}>{t("submissions.annual.targets")}</Typography.Title>
            {summary.agreement ? (
              <>
                <Typography.Paragraph>
                  {t("submissions.annual.agreement", {
                    purchaser: summary.agreement.purchaserName,
                    start: summary.agreement.serviceStart,
                    end: summary.agreement.serviceEnd,
                    amount: formatFen(summary.agreement.amountFen),
                    months: summary.agreement.serviceMonths,
                  })}
                </Typography.Paragraph>
                <DeliverablesTable rows={summary.deliverables} staffing={summary.staffing} />
              </>
            ) : (
              <Alert type="info" title={t("submissions.annual.noAgreement")} />
            )}
            <Typography.Title level={4} style={{ marginTop: 16 }}>
              {t("submissions.annual.numbers")}
            </Typography.Title>
            <IndicatorTotals indicators={summary.indicators} />
            <Typography.Paragraph style={{ marginTop: 8 }}>{t("submissions.annual.trainings", { count: summary.trainings.count, hours: summary.trainings.traineeHours })}</Typography.Paragraph>
            <Form form={form} layout="vertical" disabled={!editable} initialValues={latest.narrative ?? undefined}>
              {NARRATIVE_SECTIONS.map((section) => (
                <NarrativeSection key={section} section={section} editable={editable} text={latest.narrative?.[section] ?? ""} />
              ))}
            </Form>
          </Card>
        </div>
      )}
      {versions.data && versions.data.versions.length > 0 && (
        <Card title={t("submissions.history")} className="print-hidden">
          <VersionHistory versions={versions.data.versions} />
        </Card>
      )}
    </Space>
  );
}

function NarrativeSection({ section, editable, text }: { section: (typeof NARRATIVE_SECTIONS)[number]; editable: boolean; text: string }) {
  const { pick } = useI18n();
  const label = pick(NARRATIVE_SECTION_LABELS[section]);
  if (!editable) {
    return (
      <div style={{ marginTop: 16 }}>
        <Typography.Title level={4}>{label}</Typography.Title>
        <Typography.Paragraph style={{ whiteSpace: "pre-wrap" }} data-testid={`narrative-${section}`}>
          {text || "—"}
        </Typography.Paragraph>
      </div>
    );
  }
  return (
    <Form.Item name={section} label={<Typography.Title level={4} style={{ margin: 0 }}>{label}</Typography.Title>}>
      <GrowingTextArea minRows={4} maxRows={20} maxLength={20000} data-testid={`narrative-${section}`} />
    </Form.Item>
  );
}
