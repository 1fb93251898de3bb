import { DownloadOutlined, PrinterOutlined } from "@ant-design/icons";
import { useMutation, useQuery } from "@tanstack/react-query";
import {
  formatFen,
  PAYOUT_KINDS,
  PAYOUT_OUTCOME_KEYS,
  PAYOUT_OUTCOMES,
  PAYOUT_REPORT_RECIPIENT_LABELS,
  PAYOUT_RULES,
  type PayoutReportItem,
  type PayoutReportRecipient,
} from "@shegong/domain";
import { Alert, Button, Card, Popconfirm, Select, Space, Spin, Table, Tag, Typography } from "antd";
import { useRef, useState } from "react";
import { ErrorAlert } from "../components/ErrorAlert.tsx";
import { downloadBase64 } from "../features/ledgers/ledger-files.ts";
import { useStation } from "../features/workspace/station-context.tsx";
import { useI18n } from "../i18n/locale.tsx";
import { newIdempotencyKey } from "../lib/idempotency-key.ts";
import { Link } from "../router.tsx";
import { queryClient, trpc } from "../trpc.ts";

const beijing = (iso: string | null) => (iso ? new Date(iso).toLocaleString("zh-CN", { timeZone: "Asia/Shanghai", hour12: false }) : "");

/**
 * A roster's verification report (issue 6 item 4), laid out to print: counts per rule, the settled
 * and the open items; the station head signs it (frozen, fingerprinted) and sends it on.
 */
export function PayoutReportPage({ rosterId }: { rosterId: string }) {
  const { t, pick } = useI18n();
  const { stationId, can } = useStation();
  const [to, setTo] = useState<PayoutReportRecipient>("township");
  const signKey = useRef(newIdempotencyKey());
  const report = useQuery(trpc.payouts.report.queryOptions({ stationId, rosterId }));
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: trpc.payouts.report.queryKey({ stationId, rosterId }) });
    await queryClient.invalidateQueries({ queryKey: trpc.payouts.rosters.queryKey({ stationId }) });
  };
  const exportReport = useMutation(trpc.payouts.exportReport.mutationOptions({ onSuccess: (file) => downloadBase64(file.fileName, file.base64) }));
  const sign = useMutation(trpc.payouts.signReport.mutationOptions({ onSuccess: refresh }));
  const send = useMutation(trpc.payouts.sendReport.mutationOptions({ onSuccess: refresh }));

  if (report.isError) return <ErrorAlert error={report.error} />;
  if (!report.data) return <Spin />;
  const { content, signature } = report.data;
  const kind = PAYOUT_KINDS[content.roster.kind];
  const itemColumns = [
    { title: t("payouts.rule"), dataIndex: "rule", render: (r: PayoutReportItem["rule"]) => pick(PAYOUT_RULES[r]) },
    { title: t("payouts.row"), dataIndex: "rowNumber", render: (n: number | null) => n ?? "—" },
    { title: t("payouts.name"), render: (_: unknown, i: PayoutReportItem) => `${i.name}${i.idMasked ? ` ${i.idMasked}` : ""}` },
    { title: t("payouts.explanation"), render: (_: unknown, i: PayoutReportItem) => pick({ zh: i.messageZh, en: i.messageEn }) + (i.evidenceVisitOn ? ` (${t("payouts.evidence.visit", { date: i.evidenceVisitOn })})` : "") },
    { title: t("payouts.outcome"), render: (_: unknown, i: PayoutReportItem) => (i.outcome ? pick(PAYOUT_OUTCOMES[i.outcome]) : "") },
    { title: t("payouts.note"), dataIndex: "note" },
    { title: t("payouts.settledBy"), render: (_: unknown, i: PayoutReportItem) => (i.settledBy ? `${i.settledBy} ${beijing(i.settledAt)}` : i.assignedTo ? `${t("payouts.assigned")}：${i.assignedTo}` : "") },
  ];
  const settled = content.items.filter((i) => i.status === "settled");
  const open = content.items.filter((i) => i.status === "open");

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }} data-testid="payout-report">
      <Space wrap className="print-hidden">
        <Link to={`/station/${stationId}/payouts`}>← {t("station.nav.payouts")}</Link>
        <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
          {t("payouts.report.print")}
        </Button>
        <Button icon={<DownloadOutlined />} loading={exportReport.isPending} onClick={() => exportReport.mutate({ stationId, rosterId })} data-testid="payout-report-export">
          {t("payouts.report.export")}
        </Button>
        {!signature && can("payouts.sign") && (
          <Popconfirm title={t("payouts.report.signConfirm")} onConfirm={() => sign.mutate({ stationId, rosterId, idempotencyKey: signKey.current })} okButtonProps={{ "data-testid": "payout-report-sign-confirm" } as never}>
            <Button type="primary" loading={sign.isPending} data-testid="payout-report-sign">
              {t("payouts.report.sign")}
            </Button>
          </Popconfirm>
        )}
        {signature && !signature.sentAt && can("payouts.sign") && (
          <>
            <Select style={{ width: 200 }} value={to} onChange={setTo} options={(["township", "county"] as const).map((r) => ({ value: r, label: pick(PAYOUT_REPORT_RECIPIENT_LABELS[r]) }))} data-testid="payout-report-to" />
            <Button type="primary" loading={send.isPending} onClick={() => send.mutate({ stationId, rosterId, to })} data-testid="payout-report-send">
              {t("payouts.report.send")}
            </Button>
          </>
        )}
      </Space>
      <ErrorAlert error={exportReport.error ?? sign.error ?? send.error} />
      <div data-print-root="">
        <Card>
          <Typography.Title level={4} style={{ textAlign: "center" }}>
            {content.station.plaqueName}
            {content.roster.month}
            {pick(kind)}
            {t("payouts.report.title")}
          </Typography.Title>
          <Typography.Paragraph>
            {t("payouts.report.summary", {
              file: content.roster.fileName,
              rows: content.roster.rowsTotal,
              total: formatFen(content.roster.totalFen),
              found: content.totals.discrepancies,
              settled: content.totals.settled,
              open: content.totals.open,
            })}
          </Typography.Paragraph>
          {signature ? (
            <Alert
              type={signature.intact ? "success" : "error"}
              data-testid="payout-report-signature"
              title={
                <>
                  {t("payouts.report.signedBy", { name: signature.signedByName, at: beijing(signature.signedAt) })}
                  {signature.sentTo ? ` · ${t("payouts.report.sentTo", { to: pick(PAYOUT_REPORT_RECIPIENT_LABELS[signature.sentTo]), at: beijing(signature.sentAt) })}` : ""}
                </>
              }
              description={
                <>
                  SHA-256 <Typography.Text code>{signature.sha256}</Typography.Text> {signature.intact ? t("payouts.report.intact") : t("payouts.report.broken")}
                </>
              }
            />
          ) : (
            <Alert type="warning" title={t("payouts.report.draftNote")} data-testid="payout-report-draft" />
          )}
          <Typography.Title level={5}>{t("payouts.report.byRule")}</Typography.Title>
          <Table
            size="small"
            pagination={false}
            rowKey="rule"
            dataSource={content.byRule}
            data-testid="payout-report-rules"
            columns={[
              { title: t("payouts.rule"), dataIndex: "rule", render: (r: PayoutReportItem["rule"]) => pick(PAYOUT_RULES[r]) },
              { title: t("payouts.report.found"), dataIndex: "total" },
              { title: t("payouts.settled"), dataIndex: "settled" },
              { title: t("payouts.open"), dataIndex: "open", render: (n: number) => (n > 0 ? <Tag color="orange">{n}</Tag> : n) },
            ]}
          />
          <Typography.Paragraph style={{ marginTop: 8 }}>
            {PAYOUT_OUTCOME_KEYS.map((o) => `${pick(PAYOUT_OUTCOMES[o])} ${content.byOutcome[o]}`).join(" · ")}
          </Typography.Paragraph>
          <Typography.Title level={5}>
            {t("payouts.report.settledItems")}（{settled.length}）
          </Typography.Title>
          <Table size="small" pagination={false} rowKey={(_, i) => `s${i}`} dataSource={settled} columns={itemColumns} data-testid="payout-report-settled" />
          <Typography.Title level={5}>
            {t("payouts.report.openItems")}（{open.length}）
          </Typography.Title>
          <Table size="small" pagination={false} rowKey={(_, i) => `o${i}`} dataSource={open} columns={itemColumns} data-testid="payout-report-open" />
        </Card>
      </div>
    </Space>
  );
}
