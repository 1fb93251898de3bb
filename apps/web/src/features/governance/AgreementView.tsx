import { AGREEMENT_STATUS_LABELS, DELIVERABLE_KIND_LABELS, FUNDING_SOURCE_LABELS, labelOf, type AgreementStatus } from "@shegong/domain";
import { Descriptions, Table, Tag, Timeline } from "antd";
import { useI18n } from "../../i18n/locale.tsx";
import type { RouterOutputs } from "../../trpc.ts";
import { Money } from "./money.tsx";

type Agreement = RouterOutputs["agreements"]["get"];

const STATUS_COLOR: Record<AgreementStatus, string> = { draft: "default", submitted: "processing", returned: "warning", acknowledged: "success" };

export function AgreementStatusTag({ status }: { status: AgreementStatus }) {
  const { locale } = useI18n();
  return <Tag color={STATUS_COLOR[status]}>{labelOf(AGREEMENT_STATUS_LABELS, status, locale)}</Tag>;
}

/** One agreement as the filing desk and the station see it: parties, period, money, staffing, targets, history. */
export function AgreementView({ agreement }: { agreement: Agreement }) {
  const { t, locale } = useI18n();
  return (
    <div data-testid="agreement-view">
      <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
        <Descriptions.Item label={t("gov.agreement.no")}>{agreement.agreementNo ?? "—"}</Descriptions.Item>
        <Descriptions.Item label={t("gov.agreement.status")}>
          <AgreementStatusTag status={agreement.status} />
        </Descriptions.Item>
        <Descriptions.Item label={t("gov.agreement.purchaser")}>{agreement.purchaserName}</Descriptions.Item>
        <Descriptions.Item label={t("gov.agreement.provider")}>
          {agreement.contractor.name}（{agreement.contractor.creditCode ?? "—"}）
        </Descriptions.Item>
        <Descriptions.Item label={t("gov.agreement.signedOn")}>{agreement.signedOn}</Descriptions.Item>
        <Descriptions.Item label={t("gov.agreement.period")}>
          {agreement.serviceStart} — {agreement.serviceEnd}
        </Descriptions.Item>
        <Descriptions.Item label={t("gov.agreement.amount")}>
          <Money fen={agreement.amountFen} strong />
        </Descriptions.Item>
        <Descriptions.Item label={t("gov.agreement.staffing")}>{agreement.staffingRequired}</Descriptions.Item>
        {agreement.filingComment && (
          <Descriptions.Item label={t("gov.agreement.filingComment")} span={2}>
            {agreement.filingComment}
          </Descriptions.Item>
        )}
      </Descriptions>
      <Table
        style={{ marginTop: 12 }}
        size="small"
        rowKey="source"
        pagination={false}
        title={() => t("gov.agreement.funding")}
        dataSource={agreement.funding}
        columns={[
          { title: t("gov.funds.source"), dataIndex: "source", render: (s: keyof typeof FUNDING_SOURCE_LABELS) => labelOf(FUNDING_SOURCE_LABELS, s, locale) },
          { title: t("gov.funds.amount"), dataIndex: "amountFen", render: (f: number) => <Money fen={f} /> },
        ]}
      />
      <Table
        style={{ marginTop: 12 }}
        size="small"
        rowKey={(d) => `${d.kind}-${d.target}-${d.note ?? ""}`}
        pagination={false}
        title={() => t("gov.agreement.deliverables")}
        dataSource={agreement.deliverables}
        columns={[
          { title: t("gov.agreement.deliverable"), dataIndex: "kind", render: (k: keyof typeof DELIVERABLE_KIND_LABELS) => labelOf(DELIVERABLE_KIND_LABELS, k, locale) },
          { title: t("gov.agreement.target"), dataIndex: "target" },
          { title: t("gov.note"), dataIndex: "note", render: (n: string | undefined) => n ?? "" },
        ]}
      />
      <Timeline
        style={{ marginTop: 16 }}
        items={agreement.events.map((e) => ({
          key: e.id,
          children: `${new Date(e.occurredAt).toLocaleString(locale)} · ${t(`gov.event.${e.kind}` as never)} · ${e.actorName ?? ""}${e.comment ? ` · ${e.comment}` : ""}`,
        }))}
      />
    </div>
  );
}
