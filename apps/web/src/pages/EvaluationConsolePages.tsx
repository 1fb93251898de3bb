import { useMutation, useQuery } from "@tanstack/react-query";
import { evaluationGrade, INSPECTOR_GRANT_MAX_DAYS, INSPECTOR_KIND_LABELS, INSPECTOR_KINDS, labelOf, todayInShanghai, type InspectorKind } from "@shegong/domain";
import { App, Button, Card, Checkbox, Form, Input, InputNumber, Popconfirm, Select, Space, Switch, Table, Tag, Typography } from "antd";
import { useRef, useState } from "react";
import { ErrorAlert } from "../components/ErrorAlert.tsx";
import { DueText, EvaluationStatusTag, EvaluatorKindText, GradeTag, RectificationStatusTag } from "../features/evaluation/evaluation-tags.tsx";
import { useI18n } from "../i18n/locale.tsx";
import { formatDateTime } from "../lib/dates.ts";
import { newIdempotencyKey } from "../lib/idempotency-key.ts";
import { Link, navigate } from "../router.tsx";
import { queryClient, trpc, type RouterOutputs } from "../trpc.ts";

/** The stations under a division, searchable, for picking one to evaluate or to let an inspector into. */
function StationPicker({ divisionCode, value, onChange, testId }: { divisionCode: string; value?: string; onChange?: (id: string) => void; testId: string }) {
  const [query, setQuery] = useState("");
  const stations = useQuery(trpc.stations.list.queryOptions({ divisionCode, query: query || undefined, page: 1, pageSize: 50 }));
  return (
    <Select
      showSearch
      filterOption={false}
      onSearch={setQuery}
      value={value}
      onChange={onChange}
      loading={stations.isPending}
      style={{ minWidth: 260 }}
      options={(stations.data?.items ?? []).map((s) => ({ value: s.id, label: s.plaqueName }))}
      data-testid={testId}
    />
  );
}

type EvaluationRow = RouterOutputs["evaluations"]["division"][number];

/** The bureau's evaluations over its division for a year; scoring happens in the station's workspace (an audited entry). */
export function EvaluationsConsolePage({ divisionCode }: { divisionCode: string }) {
  const { t, locale } = useI18n();
  const [year, setYear] = useState(Number(todayInShanghai().slice(0, 4)));
  const [stationId, setStationId] = useState<string>();
  const rows = useQuery(trpc.evaluations.division.queryOptions({ divisionCode, year }));
  return (
    <Card title={t("eval.title")} data-testid="evaluations-console">
      <Typography.Paragraph type="secondary">{t("eval.console.hint")}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }}>
        <span>{t("eval.year")}</span>
        <InputNumber min={2000} max={2100} precision={0} value={year} onChange={(v) => v && setYear(v)} />
        <span>{t("eval.station")}</span>
        <StationPicker divisionCode={divisionCode} value={stationId} onChange={setStationId} testId="eval-console-station" />
        <Button type="primary" disabled={!stationId} onClick={() => stationId && navigate(`/station/${stationId}/evaluations`)} data-testid="eval-console-go">
          {t("common.open")}
        </Button>
      </Space>
      <ErrorAlert error={rows.error} />
      <Table<EvaluationRow>
        size="small"
        rowKey="id"
        loading={rows.isPending}
        scroll={{ x: true }}
        dataSource={rows.data ?? []}
        locale={{ emptyText: t("eval.none") }}
        columns={[
          { title: t("eval.station"), key: "s", render: (_, r) => <Link to={`/station/${r.stationId}/evaluations/${r.id}`}>{r.stationName}</Link> },
          { title: t("eval.template"), dataIndex: "templateName" },
          { title: t("eval.kind"), key: "k", render: (_, r) => <EvaluatorKindText kind={r.evaluatorKind} /> },
          { title: t("eval.status"), key: "st", render: (_, r) => <EvaluationStatusTag status={r.status} /> },
          { title: t("eval.total"), key: "total", align: "right", render: (_, r) => (r.total === null ? "—" : <Space>{r.total}<GradeTag grade={evaluationGrade(r.total)} /></Space>) },
          { title: t("eval.finalizedAt"), key: "f", render: (_, r) => formatDateTime(r.finalizedAt, locale) },
        ]}
      />
    </Card>
  );
}

type ItemRow = RouterOutputs["rectification"]["division"][number];

/** The bureau's rectification board (整改督办): every item under the division, overdue ones red. */
export function RectificationBoardPage({ divisionCode }: { divisionCode: string }) {
  const { t } = useI18n();
  const [onlyOverdue, setOnlyOverdue] = useState(false);
  const rows = useQuery(trpc.rectification.division.queryOptions({ divisionCode, onlyOverdue }));
  return (
    <Card
      title={t("shell.rectification")}
      extra={
        <Space>
          <span>{t("rect.onlyOverdue")}</span>
          <Switch checked={onlyOverdue} onChange={setOnlyOverdue} data-testid="rect-only-overdue" />
        </Space>
      }
      data-testid="rectification-board"
    >
      <Typography.Paragraph type="secondary">{t("rect.board.hint")}</Typography.Paragraph>
      <ErrorAlert error={rows.error} />
      <Table<ItemRow>
        size="small"
        rowKey="id"
        loading={rows.isPending}
        scroll={{ x: true }}
        dataSource={rows.data ?? []}
        locale={{ emptyText: t("rect.none") }}
        rowClassName={(r) => (r.overdue ? "row-overdue" : "")}
        columns={[
          { title: t("eval.station"), key: "s", render: (_, r) => <Link to={`/station/${r.stationId}/evaluations`}>{r.stationName}</Link> },
          { title: t("rect.finding"), dataIndex: "finding" },
          { title: t("rect.owner"), dataIndex: "ownerName" },
          { title: t("rect.due"), key: "due", render: (_, r) => <DueText dueOn={r.dueOn} overdue={r.overdue} daysLeft={r.daysLeft} closed={r.status === "closed"} /> },
          { title: t("rect.status"), key: "st", render: (_, r) => <RectificationStatusTag status={r.status} /> },
        ]}
      />
    </Card>
  );
}

type GrantRow = RouterOutputs["evaluations"]["inspectors"][number];
interface GrantForm {
  stationId: string;
  username: string;
  newAccount: boolean;
  displayName?: string;
  password?: string;
  kind: InspectorKind;
  expiresOn: string;
  reason: string;
}

const STATE_COLORS: Record<GrantRow["state"], string> = { active: "green", expired: "default", revoked: "red" };

/** The bureau lets a named inspector read one station until a day (R18); revoking ends it at once. */
export function InspectorsPage({ divisionCode }: { divisionCode: string }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<GrantForm>();
  const newAccount = Form.useWatch("newAccount", form);
  const grants = useQuery(trpc.evaluations.inspectors.queryOptions({ divisionCode }));
  const idempotencyKey = useRef(newIdempotencyKey());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.evaluations.inspectors.queryKey({ divisionCode }) });
  const grant = useMutation(
    trpc.evaluations.grantInspector.mutationOptions({
      onSuccess: async () => {
        void message.success(t("insp.granted"));
        idempotencyKey.current = newIdempotencyKey();
        form.resetFields();
        await refresh();
      },
    }),
  );
  const revoke = useMutation(trpc.evaluations.revokeInspector.mutationOptions({ onSuccess: refresh }));
  const today = todayInShanghai();
  return (
    <Space orientation="vertical" style={{ width: "100%" }} size="large" data-testid="inspectors-page">
      <Card title={t("insp.title")}>
        <Typography.Paragraph type="secondary">{t("insp.hint", { days: INSPECTOR_GRANT_MAX_DAYS })}</Typography.Paragraph>
        <ErrorAlert error={grant.error} />
        <Form<GrantForm>
          form={form}
          layout="vertical"
          style={{ maxWidth: 560 }}
          initialValues={{ kind: "evaluator", newAccount: false }}
          onFinish={(v) =>
            grant.mutate({
              divisionCode,
              stationId: v.stationId,
              username: v.username,
              kind: v.kind,
              // Access ends at the end of the chosen day, Beijing time.
              expiresAt: new Date(`${v.expiresOn}T23:59:59+08:00`),
              reason: v.reason,
              newAccount: v.newAccount ? { displayName: v.displayName ?? "", password: v.password ?? "" } : undefined,
              idempotencyKey: idempotencyKey.current,
            })
          }
        >
          <Form.Item name="stationId" label={t("eval.station")} rules={[{ required: true }]}>
            <StationPicker divisionCode={divisionCode} testId="insp-station" />
          </Form.Item>
          <Form.Item name="username" label={t("insp.username")} rules={[{ required: true }]}>
            <Input autoComplete="off" data-testid="insp-username" />
          </Form.Item>
          <Form.Item name="newAccount" valuePropName="checked">
            <Checkbox data-testid="insp-new-account">{t("insp.newAccount")}</Checkbox>
          </Form.Item>
          {newAccount && (
            <>
              <Form.Item name="displayName" label={t("insp.displayName")} rules={[{ required: true }]}>
                <Input data-testid="insp-display-name" />
              </Form.Item>
              <Form.Item name="password" label={t("insp.password")} rules={[{ required: true, min: 8 }]}>
                <Input.Password autoComplete="new-password" data-testid="insp-password" />
              </Form.Item>
            </>
          )}
          <Form.Item name="kind" label={t("insp.kind")} rules={[{ required: true }]}>
            <Select options={INSPECTOR_KINDS.map((k) => ({ value: k, label: labelOf(INSPECTOR_KIND_LABELS, k, locale) }))} data-testid="insp-kind" />
          </Form.Item>
          <Form.Item name="expiresOn" label={t("insp.expiresOn")} rules={[{ required: true }]}>
            <Input type="date" min={today} data-testid="insp-expires" />
          </Form.Item>
          <Form.Item name="reason" label={t("insp.reason")} rules={[{ required: true, max: 200 }]}>
            <Input data-testid="insp-reason" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={grant.isPending} data-testid="insp-grant">
            {t("insp.grant")}
          </Button>
        </Form>
      </Card>
      <Card>
        <ErrorAlert error={grants.error ?? revoke.error} />
        <Table<GrantRow>
          size="small"
          rowKey="id"
          loading={grants.isPending}
          scroll={{ x: true }}
          dataSource={grants.data ?? []}
          columns={[
            { title: t("eval.station"), dataIndex: "stationName" },
            { title: t("insp.displayName"), key: "who", render: (_, r) => `${r.displayName}（${r.username}）` },
            { title: t("insp.kind"), key: "kind", render: (_, r) => (r.kind ? labelOf(INSPECTOR_KIND_LABELS, r.kind, locale) : "—") },
            { title: t("insp.reason"), dataIndex: "reason", render: (v: string | null) => v ?? "—" },
            { title: t("insp.grantedAt"), key: "g", render: (_, r) => formatDateTime(r.grantedAt, locale) },
            { title: t("insp.expiresAt"), key: "e", render: (_, r) => formatDateTime(r.expiresAt, locale) },
            { title: t("insp.state"), key: "state", render: (_, r) => <Tag color={STATE_COLORS[r.state]}>{t(`insp.state.${r.state}`)}</Tag> },
            {
              title: t("common.actions"),
              key: "a",
              render: (_, r) =>
                r.state === "active" && (
                  <Popconfirm title={t("insp.revokeConfirm")} onConfirm={() => revoke.mutate({ divisionCode, grantId: r.id })}>
                    <Button size="small" danger data-testid="insp-revoke">
                      {t("insp.revoke")}
                    </Button>
                  </Popconfirm>
                ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}
