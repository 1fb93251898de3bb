import { MinusCircleOutlined, PlusOutlined } from "@ant-design/icons";
import { useMutation, useQuery } from "@tanstack/react-query";
import {
  DELIVERABLE_KIND_LABELS,
  DELIVERABLE_KINDS,
  FUNDING_SOURCE_LABELS,
  FUNDING_SOURCES,
  labelOf,
  SPENDING_CATEGORIES,
  SPENDING_CATEGORY_LABELS,
  type FundingSource,
} from "@shegong/domain";
import { App, Button, Card, Descriptions, Form, Input, InputNumber, Select, Space, Spin, Statistic, Table } from "antd";
import { useState } from "react";
import { AttachmentsCard } from "../features/attachments/AttachmentsCard.tsx";
import { ErrorAlert } from "../components/ErrorAlert.tsx";
import { FormModal } from "../components/FormModal.tsx";
import { AgreementStatusTag, AgreementView } from "../features/governance/AgreementView.tsx";
import { fenOf, Money, YuanInput, yuanOf, yuanRule } from "../features/governance/money.tsx";
import { vocabOptions } from "../features/people/vocab-options.ts";
import { useStation } from "../features/workspace/station-context.tsx";
import { useI18n } from "../i18n/locale.tsx";
import { newIdempotencyKey } from "../lib/idempotency-key.ts";
import { queryClient, trpc, type RouterOutputs } from "../trpc.ts";

type AgreementRow = RouterOutputs["agreements"]["list"][number];

/** The station's purchase-of-service agreements (R13, R14, R17), their filing (R15) and funds. */
export function AgreementsPage() {
  const { t } = useI18n();
  const { stationId, can, workspace } = useStation();
  const list = useQuery(trpc.agreements.list.queryOptions({ stationId }));
  const [selected, setSelected] = useState<string | null>(null);
  const [editing, setEditing] = useState<AgreementRow | "new" | null>(null);
  const current = selected ?? list.data?.[0]?.id ?? null;
  return (
    <div data-testid="agreements-page">
      <Card
        size="small"
        title={t("gov.agreements.title")}
        style={{ marginBottom: 16 }}
        extra={
          can("agreement.manage") && (
            <Button type="primary" onClick={() => setEditing("new")} data-testid="agreement-new">
              {t("gov.agreements.new")}
            </Button>
          )
        }
      >
        <ErrorAlert error={list.error} />
        <Table
          size="small"
          rowKey="id"
          loading={list.isPending}
          pagination={false}
          scroll={{ x: true }}
          dataSource={list.data ?? []}
          rowSelection={{ type: "radio", selectedRowKeys: current ? [current] : [], onChange: (keys) => setSelected(String(keys[0])) }}
          columns={[
            { title: t("gov.agreement.no"), dataIndex: "agreementNo", render: (n: string | null) => n ?? "—" },
            { title: t("gov.agreement.provider"), dataIndex: "contractorName" },
            { title: t("gov.agreement.period"), key: "period", render: (_: unknown, r: AgreementRow) => `${r.serviceStart} — ${r.serviceEnd}` },
            { title: t("gov.agreement.amount"), dataIndex: "amountFen", render: (f: number) => <Money fen={f} /> },
            { title: t("gov.agreement.status"), dataIndex: "status", render: (s: AgreementRow["status"]) => <AgreementStatusTag status={s} /> },
          ]}
        />
      </Card>
      {current && <AgreementDetail key={current} agreementId={current} onEdit={(row) => setEditing(row)} />}
      {editing && (
        <AgreementDialog
          row={editing === "new" ? null : editing}
          contractorId={workspace.contractorId ?? (editing === "new" ? null : editing.contractorId)}
          onClose={() => setEditing(null)}
          onSaved={(id) => setSelected(id)}
        />
      )}
    </div>
  );
}

function AgreementDetail({ agreementId, onEdit }: { agreementId: string; onEdit: (row: AgreementRow) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { stationId, can } = useStation();
  const ids = { stationId, agreementId };
  const agreement = useQuery(trpc.agreements.get.queryOptions(ids));
  const submit = useMutation(
    trpc.agreements.submit.mutationOptions({
      onSuccess: async () => {
        void message.success(t("gov.saved"));
        await queryClient.invalidateQueries({ queryKey: trpc.agreements.list.queryKey({ stationId }) });
        await queryClient.invalidateQueries({ queryKey: trpc.agreements.get.queryKey(ids) });
      },
    }),
  );
  if (agreement.isError) return <ErrorAlert error={agreement.error} />;
  if (!agreement.data) return <Spin />;
  const a = agreement.data;
  const editable = a.status === "draft" || a.status === "returned";
  return (
    <>
      <Card
        size="small"
        style={{ marginBottom: 16 }}
        title={t("gov.agreement.detail")}
        extra={
          can("agreement.manage") &&
          editable && (
            <Space>
              <Button onClick={() => onEdit({ ...a, contractorName: a.contractor.name })} data-testid="agreement-edit">
                {t("gov.edit")}
              </Button>
              <Button type="primary" loading={submit.isPending} onClick={() => submit.mutate(ids)} data-testid="agreement-submit">
                {t("gov.agreements.submit")}
              </Button>
            </Space>
          )
        }
      >
        <ErrorAlert error={submit.error} />
        <AgreementView agreement={a} />
      </Card>
      <AttachmentsCard ownerKind="agreement" ownerId={agreementId} title={t("agreement.signedDocument")} />
      {can("funds.read") && <FundsCard agreementId={agreementId} />}
    </>
  );
}

function AgreementDialog({ row, contractorId, onClose, onSaved }: { row: AgreementRow | null; contractorId: string | null; onClose: () => void; onSaved: (id: string) => void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const { stationId, workspace } = useStation();
  const [form] = Form.useForm();
  const [idempotencyKey] = useState(newIdempotencyKey);
  const done = async (id: string) => {
    void message.success(t("gov.saved"));
    await queryClient.invalidateQueries({ queryKey: trpc.agreements.list.queryKey({ stationId }) });
    await queryClient.invalidateQueries({ queryKey: trpc.agreements.get.queryKey({ stationId, agreementId: id }) });
    onSaved(id);
    onClose();
  };
  const create = useMutation(trpc.agreements.create.mutationOptions({ onSuccess: (r) => done(r.agreementId) }));
  const update = useMutation(trpc.agreements.update.mutationOptions({ onSuccess: () => done(row?.id ?? "") }));
  const initial = row
    ? { ...row, amount: yuanOf(row.amountFen), funding: row.funding.map((f) => ({ source: f.source, amount: yuanOf(f.amountFen) })) }
    : { purchaserName: `${workspace.plaqueName.replace(/社会工作服务站$/, "")}人民政府`, staffingRequired: 3, funding: [{ source: "region_pilot" }], deliverables: [{ kind: "visits_per_month", target: 40 }] };
  return (
    <FormModal
      title={row ? t("gov.edit") : t("gov.agreements.new")}
      pending={create.isPending || update.isPending}
      error={create.error ?? update.error}
      onSubmit={() => form.submit()}
      onClose={onClose}
    >
      {!contractorId && <ErrorAlert error={new Error(t("gov.agreements.noContractor"))} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={(v: Record<string, unknown>) => {
          const agreement = {
            agreementNo: (v.agreementNo as string | undefined) || undefined,
            purchaserName: v.purchaserName as string,
            contractorId: contractorId ?? "",
            signedOn: v.signedOn as string,
            serviceStart: v.serviceStart as string,
            serviceEnd: (v.serviceEnd as string | undefined) || undefined,
            amountFen: fenOf(v.amount),
            funding: ((v.funding as { source: FundingSource; amount: string }[] | undefined) ?? []).map((f) => ({ source: f.source, amountFen: fenOf(f.amount) })),
            staffingRequired: v.staffingRequired as number,
            deliverables: (v.deliverables as never[] | undefined) ?? [],
          };
          if (row) update.mutate({ stationId, agreementId: row.id, agreement });
          else create.mutate({ stationId, agreement, idempotencyKey });
        }}
      >
        <Form.Item name="agreementNo" label={t("gov.agreement.no")}>
          <Input />
        </Form.Item>
        <Form.Item name="purchaserName" label={t("gov.agreement.purchaser")} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Space wrap>
          <Form.Item name="signedOn" label={t("gov.agreement.signedOn")} rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/ }]}>
            <Input placeholder="2026-03-01" />
          </Form.Item>
          <Form.Item name="serviceStart" label={t("gov.agreement.serviceStart")} rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/ }]}>
            <Input placeholder="2026-03-15" />
          </Form.Item>
          <Form.Item name="serviceEnd" label={t("gov.agreement.serviceEnd")} extra={t("gov.agreement.serviceEndHint")} rules={[{ pattern: /^\d{4}-\d{2}-\d{2}$/ }]}>
            <Input placeholder="12-31" />
          </Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="amount" label={t("gov.agreement.amount")} rules={[yuanRule(t("gov.amountInvalid"))]}>
            <YuanInput data-testid="agreement-amount" />
          </Form.Item>
          <Form.Item name="staffingRequired" label={t("gov.agreement.staffing")} rules={[{ required: true }]}>
            <InputNumber min={1} max={50} />
          </Form.Item>
        </Space>
        <Form.List name="funding">
          {(fields, { add, remove }) => (
            <Form.Item label={t("gov.agreement.funding")} extra={t("gov.agreement.fundingHint")}>
              {fields.map((field) => (
                <Space key={field.key} align="baseline">
                  <Form.Item name={[field.name, "source"]} rules={[{ required: true }]}>
                    <Select style={{ width: 220 }} options={vocabOptions(FUNDING_SOURCE_LABELS, FUNDING_SOURCES, locale)} />
                  </Form.Item>
                  <Form.Item name={[field.name, "amount"]} rules={[yuanRule(t("gov.amountInvalid"))]}>
                    <YuanInput />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(field.name)} />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})}>
                {t("gov.add")}
              </Button>
            </Form.Item>
          )}
        </Form.List>
        <Form.List name="deliverables">
          {(fields, { add, remove }) => (
            <Form.Item label={t("gov.agreement.deliverables")}>
              {fields.map((field) => (
                <Space key={field.key} align="baseline">
                  <Form.Item name={[field.name, "kind"]} rules={[{ required: true }]}>
                    <Select style={{ width: 200 }} options={vocabOptions(DELIVERABLE_KIND_LABELS, DELIVERABLE_KINDS, locale)} />
                  </Form.Item>
                  <Form.Item name={[field.name, "target"]} rules={[{ required: true }]}>
                    <InputNumber min={1} placeholder={t("gov.agreement.target")} />
                  </Form.Item>
                  <Form.Item name={[field.name, "note"]}>
                    <Input placeholder={t("gov.note")} />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(field.name)} />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})}>
                {t("gov.add")}
              </Button>
            </Form.Item>
          )}
        </Form.List>
      </Form>
    </FormModal>
  );
}

type FundDialog = "allocate" | "disburse" | "spend";

/** Allocations per source, the township's payments, the contractor's spending, and the two balances (R14, R15). */
function FundsCard({ agreementId }: { agreementId: string }) {
  const { t, locale } = useI18n();
  const { stationId, can } = useStation();
  const ledger = useQuery(trpc.funds.ledger.queryOptions({ stationId, agreementId }));
  const [dialog, setDialog] = useState<FundDialog | null>(null);
  if (ledger.isError) return <ErrorAlert error={ledger.error} />;
  if (!ledger.data) return <Spin />;
  const l = ledger.data;
  return (
    <Card
      size="small"
      title={t("gov.funds.title")}
      data-testid="funds-card"
      extra={
        <Space>
          {can("funds.manage") && <Button onClick={() => setDialog("allocate")}>{t("gov.funds.allocate")}</Button>}
          {can("funds.manage") && (
            <Button onClick={() => setDialog("disburse")} data-testid="funds-disburse">
              {t("gov.funds.disburse")}
            </Button>
          )}
          {can("funds.spend") && <Button onClick={() => setDialog("spend")}>{t("gov.funds.spend")}</Button>}
        </Space>
      }
    >
      <Space size="large" wrap style={{ marginBottom: 16 }}>
        {(["allocatedFen", "disbursedFen", "spentFen", "undisbursedFen", "unspentFen"] as const).map((key) => (
          <Statistic key={key} title={t(`gov.funds.${key}`)} value={l.balances[key]} formatter={(v) => <Money fen={Number(v)} />} />
        ))}
      </Space>
      <Descriptions size="small" bordered column={1} title={t("gov.funds.bySource")}>
        {l.bySource.map((s) => (
          <Descriptions.Item key={s.source} label={labelOf(FUNDING_SOURCE_LABELS, s.source, locale)}>
            {t("gov.funds.planned")} <Money fen={s.plannedFen} /> · {t("gov.funds.allocatedFen")} <Money fen={s.allocatedFen} />
          </Descriptions.Item>
        ))}
      </Descriptions>
      <Table
        style={{ marginTop: 12 }}
        size="small"
        rowKey="id"
        pagination={false}
        title={() => t("gov.funds.allocations")}
        dataSource={l.allocations}
        columns={[
          { title: t("gov.date"), dataIndex: "allocatedOn" },
          { title: t("gov.funds.source"), dataIndex: "source", render: (s: FundingSource) => labelOf(FUNDING_SOURCE_LABELS, s, locale) },
          { title: t("gov.funds.amount"), dataIndex: "amountFen", render: (f: number) => <Money fen={f} /> },
          { title: t("gov.funds.documentNo"), dataIndex: "documentNo", render: (d: string | null) => d ?? "—" },
        ]}
      />
      <Table
        style={{ marginTop: 12 }}
        size="small"
        rowKey="id"
        pagination={false}
        title={() => t("gov.funds.disbursements")}
        dataSource={l.disbursements}
        columns={[
          { title: t("gov.date"), dataIndex: "paidOn" },
          { title: t("gov.funds.amount"), dataIndex: "amountFen", render: (f: number) => <Money fen={f} /> },
          { title: t("gov.funds.voucherNo"), dataIndex: "voucherNo" },
          { title: t("gov.funds.override"), dataIndex: "overrideReason", render: (r: string | null, d: { overAllocationFen: number }) => (r ? <span style={{ color: "#cf1322" }}>+<Money fen={d.overAllocationFen} /> {r}</span> : "") },
        ]}
      />
      <Table
        style={{ marginTop: 12 }}
        size="small"
        rowKey="id"
        pagination={false}
        title={() => t("gov.funds.spending")}
        dataSource={l.spending}
        columns={[
          { title: t("gov.date"), dataIndex: "spentOn" },
          { title: t("gov.funds.category"), dataIndex: "category", render: (c: (typeof SPENDING_CATEGORIES)[number]) => labelOf(SPENDING_CATEGORY_LABELS, c, locale) },
          { title: t("gov.funds.amount"), dataIndex: "amountFen", render: (f: number) => <Money fen={f} /> },
          { title: t("gov.funds.description"), dataIndex: "description" },
        ]}
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0} colSpan={4}>
              {l.byCategory
                .filter((c) => c.spentFen > 0)
                .map((c) => `${labelOf(SPENDING_CATEGORY_LABELS, c.category, locale)} ${yuanOf(c.spentFen)}`)
                .join(" · ")}
            </Table.Summary.Cell>
          </Table.Summary.Row>
        )}
      />
      {dialog && <FundEntryDialog kind={dialog} agreementId={agreementId} onClose={() => setDialog(null)} />}
    </Card>
  );
}

function FundEntryDialog({ kind, agreementId, onClose }: { kind: FundDialog; agreementId: string; onClose: () => void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const { stationId, can } = useStation();
  const [form] = Form.useForm();
  const [idempotencyKey] = useState(newIdempotencyKey);
  const onSuccess = async () => {
    void message.success(t("gov.saved"));
    await queryClient.invalidateQueries({ queryKey: trpc.funds.ledger.queryKey({ stationId, agreementId }) });
    onClose();
  };
  const allocate = useMutation(trpc.funds.allocate.mutationOptions({ onSuccess }));
  const disburse = useMutation(trpc.funds.disburse.mutationOptions({ onSuccess }));
  const spend = useMutation(trpc.funds.spend.mutationOptions({ onSuccess }));
  const mutation = kind === "allocate" ? allocate : kind === "disburse" ? disburse : spend;
  const base = { stationId, agreementId, idempotencyKey };
  return (
    <FormModal title={t(`gov.funds.${kind}`)} pending={mutation.isPending} error={mutation.error} onSubmit={() => form.submit()} onClose={onClose}>
      <Form
        form={form}
        layout="vertical"
        onFinish={(v: Record<string, string | undefined>) => {
          const amountFen = fenOf(v.amount);
          const date = v.date ?? "";
          if (kind === "allocate") allocate.mutate({ ...base, allocation: { source: v.source as FundingSource, amountFen, allocatedOn: date, documentNo: v.documentNo || undefined } });
          else if (kind === "disburse")
            disburse.mutate({ ...base, disbursement: { amountFen, paidOn: date, voucherNo: v.voucherNo ?? "", override: v.overrideReason ? { reason: v.overrideReason } : undefined } });
          else spend.mutate({ ...base, spending: { category: v.category as (typeof SPENDING_CATEGORIES)[number], amountFen, spentOn: date, description: v.description ?? "", voucherNo: v.voucherNo || undefined } });
        }}
      >
        {kind === "allocate" && (
          <Form.Item name="source" label={t("gov.funds.source")} rules={[{ required: true }]}>
            <Select options={vocabOptions(FUNDING_SOURCE_LABELS, FUNDING_SOURCES, locale)} />
          </Form.Item>
        )}
        {kind === "spend" && (
          <Form.Item name="category" label={t("gov.funds.category")} rules={[{ required: true }]}>
            <Select options={vocabOptions(SPENDING_CATEGORY_LABELS, SPENDING_CATEGORIES, locale)} />
          </Form.Item>
        )}
        <Form.Item name="amount" label={t("gov.funds.amount")} rules={[yuanRule(t("gov.amountInvalid"))]}>
          <YuanInput data-testid="fund-amount" />
        </Form.Item>
        <Form.Item name="date" label={t("gov.date")} rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/ }]}>
          <Input placeholder="2026-04-10" />
        </Form.Item>
        {kind === "allocate" && (
          <Form.Item name="documentNo" label={t("gov.funds.documentNo")}>
            <Input />
          </Form.Item>
        )}
        {kind !== "allocate" && (
          <Form.Item name="voucherNo" label={t("gov.funds.voucherNo")} rules={kind === "disburse" ? [{ required: true }] : []}>
            <Input />
          </Form.Item>
        )}
        {kind === "spend" && (
          <Form.Item name="description" label={t("gov.funds.description")} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
        )}
        {kind === "disburse" && can("funds.override") && (
          <Form.Item name="overrideReason" label={t("gov.funds.overrideReason")} extra={t("gov.funds.overrideHint")}>
            <Input.TextArea rows={2} />
          </Form.Item>
        )}
      </Form>
    </FormModal>
  );
}
