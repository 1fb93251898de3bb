import { InboxOutlined } from "@ant-design/icons";
import { useMutation, useQuery } from "@tanstack/react-query";
import { PAYOUT_KIND_KEYS, PAYOUT_KINDS, PAYOUT_RULE_KEYS, PAYOUT_RULES, todayInShanghai, type PayoutKindKey } from "@shegong/domain";
import { Button, Card, Descriptions, Form, Input, Modal, Select, Space, Table, Tag, Upload } from "antd";
import { useRef, useState } from "react";
import { ErrorAlert } from "../components/ErrorAlert.tsx";
import { readFileAsBase64, XLSX_MIME } from "../features/ledgers/ledger-files.ts";
import { useStation } from "../features/workspace/station-context.tsx";
import { useI18n } from "../i18n/locale.tsx";
import { newIdempotencyKey } from "../lib/idempotency-key.ts";
import { queryClient, trpc } from "../trpc.ts";

const OUTCOMES = ["correct", "stop_payment", "recover_overpayment", "add_to_roster"] as const;
type Outcome = (typeof OUTCOMES)[number];

/** Payout rosters verified against the registry, and the worklist of what they turned up (issue 6). */
export function PayoutsPage() {
  const { t, locale } = useI18n();
  const { stationId, can } = useStation();
  const label = (m: { zh: string; en: string }) => (locale === "en" ? m.en : m.zh);
  const [kind, setKind] = useState<PayoutKindKey>("advanced_age");
  const [month, setMonth] = useState(todayInShanghai().slice(0, 7));
  const [rosterId, setRosterId] = useState<string | null>(null);
  const [settling, setSettling] = useState<string | null>(null);
  const [form] = Form.useForm<{ outcome: Outcome; note: string }>();
  const key = useRef(newIdempotencyKey());
  const rosters = useQuery(trpc.payouts.rosters.queryOptions({ stationId }));
  const discrepancies = useQuery({ ...trpc.payouts.discrepancies.queryOptions({ stationId, rosterId: rosterId ?? undefined }), enabled: rosterId !== null });
  const verify = useMutation(
    trpc.payouts.verify.mutationOptions({
      onSuccess: async (result) => {
        key.current = newIdempotencyKey();
        setRosterId(result.rosterId);
        await queryClient.invalidateQueries({ queryKey: trpc.payouts.rosters.queryKey({ stationId }) });
      },
    }),
  );
  const settle = useMutation(
    trpc.payouts.settle.mutationOptions({
      onSuccess: async () => {
        setSettling(null);
        form.resetFields();
        await queryClient.invalidateQueries({ queryKey: trpc.payouts.discrepancies.pathKey() });
      },
    }),
  );

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }} data-testid="payouts-page">
      {can("ledger.import") && (
        <Card title={t("payouts.verify.title")}>
          <Space wrap>
            <Select style={{ width: 220 }} value={kind} onChange={setKind} options={PAYOUT_KIND_KEYS.map((k) => ({ value: k, label: label(PAYOUT_KINDS[k]) }))} />
            <Input style={{ width: 140 }} type="month" value={month} onChange={(e) => setMonth(e.target.value)} />
          </Space>
          <Upload.Dragger
            style={{ marginTop: 12 }}
            accept={`.xlsx,${XLSX_MIME}`}
            showUploadList={false}
            disabled={verify.isPending}
            beforeUpload={(file) => {
              void readFileAsBase64(file, () => {}).then((fileBase64) =>
                verify.mutate({ stationId, kind, month, fileName: file.name, fileBase64, idempotencyKey: key.current }),
              );
              return false;
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p>{t("payouts.verify.drop")}</p>
          </Upload.Dragger>
          <ErrorAlert error={verify.error} />
          {verify.data && (
            <Descriptions size="small" column={3} style={{ marginTop: 12 }} title={verify.data.alreadyImported ? t("payouts.verify.already") : t("payouts.verify.done")}>
              {PAYOUT_RULE_KEYS.map((rule) => (
                <Descriptions.Item key={rule} label={label(PAYOUT_RULES[rule])}>
                  {verify.data.counts[rule] ?? 0}
                </Descriptions.Item>
              ))}
            </Descriptions>
          )}
        </Card>
      )}
      <Card title={t("payouts.rosters")}>
        <Table
          size="small"
          rowKey="id"
          loading={rosters.isLoading}
          dataSource={rosters.data ?? []}
          onRow={(r) => ({ onClick: () => setRosterId(r.id), style: { cursor: "pointer" } })}
          rowClassName={(r) => (r.id === rosterId ? "ant-table-row-selected" : "")}
          columns={[
            { title: t("payouts.month"), dataIndex: "month" },
            { title: t("payouts.kind"), dataIndex: "kind", render: (k: PayoutKindKey) => label(PAYOUT_KINDS[k]) },
            { title: t("payouts.file"), dataIndex: "file_name" },
            { title: t("payouts.rows"), dataIndex: "rows_total" },
            { title: t("payouts.discrepancies"), dataIndex: "discrepancy_count" },
          ]}
        />
      </Card>
      {rosterId && (
        <Card title={t("payouts.worklist")}>
          <ErrorAlert error={discrepancies.error} />
          <Table
            size="small"
            rowKey="id"
            loading={discrepancies.isLoading}
            dataSource={discrepancies.data ?? []}
            columns={[
              { title: t("payouts.row"), dataIndex: "row_number", render: (n: number | null) => n ?? "—" },
              { title: t("payouts.rule"), dataIndex: "rule", render: (r: (typeof PAYOUT_RULE_KEYS)[number]) => <Tag>{label(PAYOUT_RULES[r])}</Tag> },
              { title: t("payouts.explanation"), render: (_: unknown, d) => label({ zh: d.message_zh, en: d.message_en }) },
              {
                title: t("payouts.status"),
                render: (_: unknown, d) =>
                  d.status === "settled" ? <Tag color="green">{t(`payouts.outcome.${d.outcome as Outcome}`)}</Tag> : <Tag color="orange">{t("payouts.open")}</Tag>,
              },
              {
                title: "",
                render: (_: unknown, d) =>
                  d.status === "open" && can("workspace.write") ? (
                    <Button size="small" onClick={() => setSettling(d.id)}>
                      {t("payouts.settle")}
                    </Button>
                  ) : null,
              },
            ]}
          />
        </Card>
      )}
      <Modal
        open={settling !== null}
        title={t("payouts.settle")}
        onCancel={() => setSettling(null)}
        confirmLoading={settle.isPending}
        onOk={() => void form.validateFields().then((v) => settling && settle.mutate({ stationId, discrepancyId: settling, outcome: v.outcome, note: v.note }))}
      >
        <Form form={form} layout="vertical">
          <Form.Item name="outcome" label={t("payouts.outcome")} rules={[{ required: true }]}>
            <Select options={OUTCOMES.map((o) => ({ value: o, label: t(`payouts.outcome.${o}`) }))} />
          </Form.Item>
          <Form.Item name="note" label={t("payouts.note")} rules={[{ required: true, whitespace: true }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
        <ErrorAlert error={settle.error} />
      </Modal>
    </Space>
  );
}
