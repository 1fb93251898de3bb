import { InboxOutlined } from "@ant-design/icons";
import { useMutation, useQuery } from "@tanstack/react-query";
import {
  PAYOUT_KIND_KEYS,
  PAYOUT_KINDS,
  PAYOUT_OUTCOME_KEYS,
  PAYOUT_OUTCOMES,
  PAYOUT_RULE_KEYS,
  PAYOUT_RULES,
  todayInShanghai,
  type PayoutKindKey,
  type PayoutOutcomeKey,
  type PayoutRuleKey,
} from "@shegong/domain";
import { Button, Card, Descriptions, Drawer, Form, Input, Select, Space, Table, Tag, Upload } from "antd";
import { useRef, useState } from "react";
import { ErrorAlert } from "../components/ErrorAlert.tsx";
import { readFileAsBase64, XLSX_MIME } from "../features/ledgers/ledger-files.ts";
import { useStation } from "../features/workspace/station-context.tsx";
import { useI18n } from "../i18n/locale.tsx";
import { newIdempotencyKey } from "../lib/idempotency-key.ts";
import { Link } from "../router.tsx";
import { queryClient, trpc, type RouterOutputs } from "../trpc.ts";

type Discrepancy = RouterOutputs["payouts"]["discrepancies"][number];
type Roster = RouterOutputs["payouts"]["rosters"][number];

/** A roster's report as the station and the bureau see it: draft, signed, or signed and sent. */
export function ReportStatusTag({ signedAt, sentAt }: { signedAt: unknown; sentAt: unknown }) {
  const { t } = useI18n();
  if (sentAt) return <Tag color="green">{t("payouts.report.sent")}</Tag>;
  if (signedAt) return <Tag color="blue">{t("payouts.report.signed")}</Tag>;
  return <Tag>{t("payouts.report.draft")}</Tag>;
}

/** Payout rosters verified against the registry, and the worklist of what they turned up (issue 6). */
export function PayoutsPage() {
  const { t, pick } = useI18n();
  const { stationId, can } = useStation();
  const [kind, setKind] = useState<PayoutKindKey>("advanced_age");
  const [month, setMonth] = useState(todayInShanghai().slice(0, 7));
  const [rosterId, setRosterId] = useState<string | null>(null);
  const [rule, setRule] = useState<PayoutRuleKey | undefined>(undefined);
  const [status, setStatus] = useState<"open" | "settled" | undefined>(undefined);
  const [openId, setOpenId] = useState<string | null>(null);
  const key = useRef(newIdempotencyKey());
  const rosters = useQuery(trpc.payouts.rosters.queryOptions({ stationId }));
  const discrepancies = useQuery({ ...trpc.payouts.discrepancies.queryOptions({ stationId, rosterId: rosterId ?? undefined, rule, status }), enabled: rosterId !== null });
  const verify = useMutation(
    trpc.payouts.verify.mutationOptions({
      onSuccess: async (result) => {
        key.current = newIdempotencyKey();
        setRosterId(result.rosterId);
        await queryClient.invalidateQueries({ queryKey: trpc.payouts.rosters.queryKey({ stationId }) });
      },
    }),
  );
  const opened = discrepancies.data?.find((d) => d.id === openId) ?? null;

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }} data-testid="payouts-page">
      {can("ledger.import") && (
        <Card title={t("payouts.verify.title")}>
          <Space wrap>
            <Select style={{ width: 220 }} value={kind} onChange={setKind} options={PAYOUT_KIND_KEYS.map((k) => ({ value: k, label: pick(PAYOUT_KINDS[k]) }))} />
            <Input style={{ width: 140 }} type="month" value={month} onChange={(e) => setMonth(e.target.value)} data-testid="payouts-month" />
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
            <Descriptions size="small" column={3} style={{ marginTop: 12 }} title={verify.data.alreadyImported ? t("payouts.verify.already") : t("payouts.verify.done")} data-testid="payouts-verified">
              {PAYOUT_RULE_KEYS.map((r) => (
                <Descriptions.Item key={r} label={pick(PAYOUT_RULES[r])}>
                  {verify.data.counts[r] ?? 0}
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
          data-testid="payouts-rosters"
          onRow={(r) => ({ onClick: () => setRosterId(r.id), style: { cursor: "pointer" } })}
          rowClassName={(r) => (r.id === rosterId ? "ant-table-row-selected" : "")}
          columns={[
            { title: t("payouts.month"), dataIndex: "month" },
            { title: t("payouts.kind"), dataIndex: "kind", render: (k: PayoutKindKey) => pick(PAYOUT_KINDS[k]) },
            { title: t("payouts.file"), dataIndex: "file_name" },
            { title: t("payouts.rows"), dataIndex: "rows_total" },
            { title: t("payouts.discrepancies"), dataIndex: "discrepancy_count" },
            { title: t("payouts.report"), render: (_: unknown, r: Roster) => <ReportStatusTag signedAt={r.signed_at} sentAt={r.sent_at} /> },
            {
              title: "",
              render: (_: unknown, r: Roster) => (
                <Link to={`/station/${stationId}/payouts/${r.id}/report`} onClick={(e) => e.stopPropagation()} data-testid="payouts-open-report">
                  {t("payouts.report.open")}
                </Link>
              ),
            },
          ]}
        />
      </Card>
      {rosterId && (
        <Card
          title={t("payouts.worklist")}
          extra={
            <Space wrap>
              <Select
                allowClear
                style={{ width: 240 }}
                placeholder={t("payouts.filter.rule")}
                value={rule}
                onChange={setRule}
                options={PAYOUT_RULE_KEYS.map((r) => ({ value: r, label: pick(PAYOUT_RULES[r]) }))}
                data-testid="payouts-rule-filter"
              />
              <Select
                allowClear
                style={{ width: 120 }}
                placeholder={t("payouts.status")}
                value={status}
                onChange={setStatus}
                options={[
                  { value: "open", label: t("payouts.open") },
                  { value: "settled", label: t("payouts.settled") },
                ]}
              />
            </Space>
          }
        >
          <ErrorAlert error={discrepancies.error} />
          <Table
            size="small"
            rowKey="id"
            loading={discrepancies.isLoading}
            dataSource={discrepancies.data ?? []}
            data-testid="payouts-worklist"
            columns={[
              { title: t("payouts.row"), dataIndex: "row_number", render: (n: number | null) => n ?? "—" },
              { title: t("payouts.name"), dataIndex: "name" },
              { title: t("payouts.rule"), dataIndex: "rule", render: (r: PayoutRuleKey) => <Tag>{pick(PAYOUT_RULES[r])}</Tag> },
              { title: t("payouts.explanation"), render: (_: unknown, d: Discrepancy) => pick({ zh: d.message_zh, en: d.message_en }) },
              { title: t("payouts.assigned"), dataIndex: "assigned_name", render: (n: string | null) => n ?? "—" },
              {
                title: t("payouts.status"),
                render: (_: unknown, d: Discrepancy) =>
                  d.status === "settled" ? <Tag color="green">{pick(PAYOUT_OUTCOMES[d.outcome as PayoutOutcomeKey])}</Tag> : <Tag color="orange">{t("payouts.open")}</Tag>,
              },
              {
                title: "",
                render: (_: unknown, d: Discrepancy) => (
                  <Button size="small" onClick={() => setOpenId(d.id)} data-testid="payouts-open-item">
                    {d.status === "open" && can("workspace.write") ? t("payouts.work") : t("payouts.details")}
                  </Button>
                ),
              },
            ]}
          />
        </Card>
      )}
      <Drawer open={opened !== null} width={560} title={t("payouts.item")} onClose={() => setOpenId(null)} destroyOnHidden data-testid="payouts-item">
        {opened && <DiscrepancyItem discrepancy={opened} />}
      </Drawer>
    </Space>
  );
}

/**
 * One finding: what the rule found, who works it, the visit that shows the person alive and
 * resident (issue 6 item 3), and the outcome with who and when once settled.
 */
function DiscrepancyItem({ discrepancy: d }: { discrepancy: Discrepancy }) {
  const { t, pick } = useI18n();
  const { stationId, can } = useStation();
  const writable = d.status === "open" && can("workspace.write");
  const staff = useQuery({ ...trpc.cases.staff.queryOptions({ stationId }), enabled: writable });
  const visits = useQuery({ ...trpc.visits.forPerson.queryOptions({ stationId, personId: d.person_id ?? "" }), enabled: writable && d.person_id !== null });
  const [form] = Form.useForm<{ outcome: PayoutOutcomeKey; note: string }>();
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.payouts.discrepancies.pathKey() });
  const work = useMutation(trpc.payouts.settle.mutationOptions({ onSuccess: refresh }));
  const settle = useMutation(
    trpc.payouts.settle.mutationOptions({
      onSuccess: async () => {
        form.resetFields();
        await refresh();
      },
    }),
  );

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label={t("payouts.rule")}>
          <Tag>{pick(PAYOUT_RULES[d.rule as PayoutRuleKey])}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t("payouts.row")}>{d.row_number ?? "—"}</Descriptions.Item>
        <Descriptions.Item label={t("payouts.name")}>
          {d.person_id ? <Link to={`/station/${stationId}/people/${d.person_id}`}>{d.name}</Link> : d.name}
          {d.id_masked ? ` · ${d.id_masked}` : ""}
        </Descriptions.Item>
        <Descriptions.Item label={t("payouts.explanation")}>{pick({ zh: d.message_zh, en: d.message_en })}</Descriptions.Item>
        <Descriptions.Item label={t("payouts.assigned")}>{d.assigned_name ?? "—"}</Descriptions.Item>
        <Descriptions.Item label={t("payouts.evidence")}>{d.evidence_visited_on ? t("payouts.evidence.visit", { date: d.evidence_visited_on }) : "—"}</Descriptions.Item>
        {d.status === "settled" && (
          <>
            <Descriptions.Item label={t("payouts.outcome")}>{pick(PAYOUT_OUTCOMES[d.outcome as PayoutOutcomeKey])}</Descriptions.Item>
            <Descriptions.Item label={t("payouts.note")}>{d.note}</Descriptions.Item>
            <Descriptions.Item label={t("payouts.settledBy")}>
              {d.settled_by_name} · {d.settled_at ? new Date(d.settled_at).toLocaleString("zh-CN", { timeZone: "Asia/Shanghai" }) : ""}
            </Descriptions.Item>
          </>
        )}
      </Descriptions>
      {writable && (
        <Card size="small" title={t("payouts.check")}>
          <Space orientation="vertical" style={{ width: "100%" }}>
            <Select
              allowClear
              style={{ width: "100%" }}
              placeholder={t("payouts.assignTo")}
              value={d.assigned_user_id ?? undefined}
              loading={staff.isLoading}
              options={(staff.data ?? []).flatMap((s) => (s.userId ? [{ value: s.userId, label: s.displayName }] : []))}
              onChange={(userId?: string) => work.mutate({ stationId, discrepancyId: d.id, assignedUserId: userId ?? null })}
              data-testid="payouts-assign"
            />
            {d.person_id ? (
              <Select
                allowClear
                style={{ width: "100%" }}
                placeholder={t("payouts.linkVisit")}
                value={d.evidence_visit_id ?? undefined}
                loading={visits.isLoading}
                options={(visits.data ?? []).map((v) => ({ value: v.id, label: `${v.visitedOn} · ${v.workers ?? ""} ${v.summary ?? ""}`.trim() }))}
                onChange={(visitId?: string) => work.mutate({ stationId, discrepancyId: d.id, evidenceVisitId: visitId ?? null })}
                notFoundContent={t("payouts.noVisits")}
                data-testid="payouts-evidence"
              />
            ) : (
              <span>{t("payouts.noPerson")}</span>
            )}
            <ErrorAlert error={work.error} />
          </Space>
        </Card>
      )}
      {writable && (
        <Card size="small" title={t("payouts.settle")}>
          <Form form={form} layout="vertical" onFinish={(v) => settle.mutate({ stationId, discrepancyId: d.id, outcome: v.outcome, note: v.note })}>
            <Form.Item name="outcome" label={t("payouts.outcome")} rules={[{ required: true }]}>
              <Select options={PAYOUT_OUTCOME_KEYS.map((o) => ({ value: o, label: pick(PAYOUT_OUTCOMES[o]) }))} data-testid="payouts-outcome" />
            </Form.Item>
            <Form.Item name="note" label={t("payouts.note")} rules={[{ required: true, whitespace: true }]}>
              <Input.TextArea rows={3} data-testid="payouts-note" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={settle.isPending} data-testid="payouts-settle">
              {t("payouts.settle")}
            </Button>
          </Form>
          <ErrorAlert error={settle.error} />
        </Card>
      )}
    </Space>
  );
}
