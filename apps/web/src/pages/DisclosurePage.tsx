import { ExportOutlined, PlusOutlined } from "@ant-design/icons";
import { useMutation, useQuery } from "@tanstack/react-query";
import {
  labelOf,
  PUBLIC_MESSAGE_KIND_LABELS,
  PUBLIC_MESSAGE_STATUS_LABELS,
  PUBLIC_MESSAGE_STATUSES,
  SERVICE_AREA_LABELS,
  SERVICE_AREAS,
  todayInShanghai,
  type PolicyTopic,
  type PublicMessageStatus,
} from "@shegong/domain";
import { Alert, App, Button, Card, Checkbox, Collapse, Form, Input, Popconfirm, Select, Space, Table, Tabs, Tag, Typography } from "antd";
import { useState } from "react";
import { ErrorAlert } from "../components/ErrorAlert.tsx";
import { FormModal } from "../components/FormModal.tsx";
import { vocabOptions } from "../features/people/vocab-options.ts";
import { useStation } from "../features/workspace/station-context.tsx";
import { useI18n } from "../i18n/locale.tsx";
import { formatDateTime } from "../lib/dates.ts";
import { newIdempotencyKey } from "../lib/idempotency-key.ts";
import { queryClient, trpc, type RouterOutputs } from "../trpc.ts";
import { GrowingTextArea } from "../components/GrowingTextArea.tsx";

const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.disclosure.pathKey() });

/** Public disclosure in a station's workspace (issue 5 item 9): what /p/<slug> says, and its inbox. */
export function DisclosurePage() {
  const { t } = useI18n();
  const { workspace, can } = useStation();
  const manage = can("disclosure.manage");
  return (
    <Card
      title={t("disc.title")}
      data-testid="disclosure-page"
      extra={
        <a href={`/p/${workspace.slug}`} target="_blank" rel="noreferrer" data-testid="open-public-page">
          <ExportOutlined /> {t("disc.openPublic")}
        </a>
      }
    >
      {manage && <Alert type="warning" showIcon title={t("disc.noPersonalData")} style={{ marginBottom: 12 }} />}
      <Tabs
        items={[
          ...(manage
            ? [
                { key: "profile", label: t("disc.tab.profile"), children: <ProfileTab /> },
                { key: "policies", label: t("disc.tab.policies"), children: <PoliciesTab /> },
                { key: "news", label: t("disc.tab.news"), children: <NewsTab /> },
              ]
            : []),
          ...(can("inbox.read") ? [{ key: "inbox", label: <span data-testid="tab-inbox">{t("disc.tab.inbox")}</span>, children: <InboxTab /> }] : []),
        ]}
      />
    </Card>
  );
}

function ProfileTab() {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const { stationId } = useStation();
  const profile = useQuery(trpc.disclosure.profile.queryOptions({ stationId }));
  const [form] = Form.useForm();
  const save = useMutation(
    trpc.disclosure.saveProfile.mutationOptions({
      onSuccess: async () => {
        void message.success(t("gov.saved"));
        await refresh();
      },
    }),
  );
  if (!profile.data) return <ErrorAlert error={profile.error} />;
  return (
    <Form form={form} layout="vertical" initialValues={profile.data} onFinish={(v) => save.mutate({ stationId, profile: v })} style={{ maxWidth: 640 }}>
      {!profile.data.edited && <Alert type="info" showIcon title={t("disc.profile.default")} style={{ marginBottom: 12 }} />}
      <ErrorAlert error={save.error} />
      <Form.Item name="address" label={t("disc.profile.address")} rules={[{ required: true }]}>
        <Input maxLength={200} data-testid="profile-address" />
      </Form.Item>
      <Form.Item name="openingHours" label={t("disc.profile.openingHours")} rules={[{ required: true }]}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="phone" label={t("disc.profile.phone")}>
        <Input maxLength={20} />
      </Form.Item>
      <Form.Item name="intro" label={t("disc.profile.intro")}>
        <Input.TextArea maxLength={1000} rows={4} showCount />
      </Form.Item>
      <Form.Item name="serviceAreas" label={t("disc.profile.serviceAreas")}>
        <Checkbox.Group options={vocabOptions(SERVICE_AREA_LABELS, SERVICE_AREAS, locale)} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="save-profile">
        {t("common.save")}
      </Button>
    </Form>
  );
}

type Explainer = RouterOutputs["disclosure"]["explainers"][number];

function PoliciesTab() {
  const { t } = useI18n();
  const { stationId } = useStation();
  const explainers = useQuery(trpc.disclosure.explainers.queryOptions({ stationId }));
  return (
    <>
      <ErrorAlert error={explainers.error} />
      <Collapse
        items={(explainers.data ?? []).map((e) => ({
          key: e.topic,
          label: (
            <Space>
              {e.title}
              {e.edited ? <Tag color="blue">{t("disc.policy.edited")}</Tag> : <Tag>{t("disc.policy.general")}</Tag>}
            </Space>
          ),
          children: <ExplainerForm explainer={e} />,
        }))}
      />
    </>
  );
}

function ExplainerForm({ explainer }: { explainer: Explainer }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { stationId } = useStation();
  const [form] = Form.useForm();
  const done = async () => {
    void message.success(t("gov.saved"));
    await refresh();
  };
  const save = useMutation(trpc.disclosure.saveExplainer.mutationOptions({ onSuccess: done }));
  const reset = useMutation(trpc.disclosure.resetExplainer.mutationOptions({ onSuccess: done }));
  const topic = explainer.topic as PolicyTopic;
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={explainer}
      onFinish={(v: { title: string; conditions: string; procedure: string; standards: string }) => save.mutate({ stationId, topic, explainer: v })}
    >
      <ErrorAlert error={save.error ?? reset.error} />
      <Form.Item name="title" label={t("disc.policy.title")} rules={[{ required: true }]}>
        <Input maxLength={60} />
      </Form.Item>
      {(["conditions", "procedure", "standards"] as const).map((field) => (
        <Form.Item key={field} name={field} label={t(`disc.policy.${field}`)} rules={[{ required: true }]}>
          <GrowingTextArea minRows={3} maxRows={12} maxLength={2000} />
        </Form.Item>
      ))}
      <Space>
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid={`save-explainer-${topic}`}>
          {t("common.save")}
        </Button>
        {explainer.edited && (
          <Button onClick={() => reset.mutate({ stationId, topic })} loading={reset.isPending}>
            {t("disc.policy.reset")}
          </Button>
        )}
      </Space>
    </Form>
  );
}

type News = RouterOutputs["disclosure"]["news"][number];

function NewsTab() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { stationId } = useStation();
  const news = useQuery(trpc.disclosure.news.queryOptions({ stationId }));
  const [editing, setEditing] = useState<News | "new" | null>(null);
  const remove = useMutation(
    trpc.disclosure.removeNews.mutationOptions({
      onSuccess: async () => {
        void message.success(t("gov.saved"));
        await refresh();
      },
    }),
  );
  return (
    <>
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing("new")} style={{ marginBottom: 12 }} data-testid="new-news">
        {t("disc.news.new")}
      </Button>
      <ErrorAlert error={news.error ?? remove.error} />
      <Table<News>
        size="small"
        rowKey="id"
        loading={news.isPending}
        dataSource={news.data ?? []}
        data-testid="news-table"
        expandable={{ expandedRowRender: (n) => <Typography.Paragraph style={{ whiteSpace: "pre-line" }}>{n.body}</Typography.Paragraph> }}
        columns={[
          { title: t("disc.news.publishedOn"), dataIndex: "publishedOn" },
          { title: t("disc.news.title"), dataIndex: "title" },
          { title: t("staff.name"), dataIndex: "author", render: (a: string | null) => a ?? "—" },
          {
            title: t("common.actions"),
            key: "a",
            render: (_, n) => (
              <Space>
                <Button size="small" onClick={() => setEditing(n)}>
                  {t("gov.edit")}
                </Button>
                <Popconfirm title={t("disc.news.removeConfirm")} onConfirm={() => remove.mutate({ stationId, newsId: n.id })}>
                  <Button size="small" danger>
                    {t("disc.news.remove")}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      {editing && <NewsDialog news={editing === "new" ? null : editing} onClose={() => setEditing(null)} />}
    </>
  );
}

function NewsDialog({ news, onClose }: { news: News | null; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { stationId } = useStation();
  const [form] = Form.useForm();
  const [idempotencyKey] = useState(newIdempotencyKey);
  const onSuccess = async () => {
    void message.success(t("gov.saved"));
    await refresh();
    onClose();
  };
  const create = useMutation(trpc.disclosure.createNews.mutationOptions({ onSuccess }));
  const update = useMutation(trpc.disclosure.updateNews.mutationOptions({ onSuccess }));
  const submit = (v: { title: string; body: string; publishedOn: string }) =>
    news ? update.mutate({ stationId, newsId: news.id, news: v }) : create.mutate({ stationId, news: v, idempotencyKey });
  return (
    <FormModal title={news ? t("gov.edit") : t("disc.news.new")} pending={create.isPending || update.isPending} error={create.error ?? update.error} onSubmit={() => form.submit()} onClose={onClose}>
      <Form form={form} layout="vertical" initialValues={news ?? { publishedOn: todayInShanghai() }} onFinish={submit}>
        <Form.Item name="title" label={t("disc.news.title")} rules={[{ required: true }]}>
          <Input maxLength={80} data-testid="news-title" />
        </Form.Item>
        <Form.Item name="publishedOn" label={t("disc.news.publishedOn")} rules={[{ required: true }]}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="body" label={t("disc.news.body")} rules={[{ required: true }]}>
          <Input.TextArea rows={8} maxLength={5000} showCount data-testid="news-body" />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

type Message = RouterOutputs["disclosure"]["inbox"][number];

function InboxTab() {
  const { t, locale } = useI18n();
  const { stationId, can } = useStation();
  const [status, setStatus] = useState<PublicMessageStatus | undefined>(undefined);
  const inbox = useQuery(trpc.disclosure.inbox.queryOptions({ stationId, status }));
  const [handling, setHandling] = useState<Message | null>(null);
  const color: Record<PublicMessageStatus, string> = { new: "red", in_progress: "gold", closed: "green" };
  return (
    <>
      <Typography.Paragraph type="secondary">{t("disc.inbox.hint")}</Typography.Paragraph>
      <Select
        allowClear
        placeholder={t("disc.inbox.status")}
        style={{ width: 160, marginBottom: 12 }}
        value={status}
        onChange={setStatus}
        options={vocabOptions(PUBLIC_MESSAGE_STATUS_LABELS, PUBLIC_MESSAGE_STATUSES, locale)}
      />
      <ErrorAlert error={inbox.error} />
      <Table<Message>
        size="small"
        rowKey="id"
        loading={inbox.isPending}
        dataSource={inbox.data ?? []}
        scroll={{ x: "max-content" }}
        data-testid="inbox-table"
        columns={[
          { title: t("disc.inbox.reference"), dataIndex: "reference" },
          { title: t("disc.inbox.receivedAt"), dataIndex: "receivedAt", render: (d: string) => formatDateTime(d, locale) },
          { title: t("disc.inbox.kind"), dataIndex: "kind", render: (k: Message["kind"]) => labelOf(PUBLIC_MESSAGE_KIND_LABELS, k, locale) },
          { title: t("disc.inbox.body"), dataIndex: "body", width: 360, render: (b: string) => <Typography.Paragraph style={{ whiteSpace: "pre-line", margin: 0 }}>{b}</Typography.Paragraph> },
          { title: t("disc.inbox.contact"), dataIndex: "contact", render: (c: string | null) => c ?? "—" },
          { title: t("disc.inbox.status"), dataIndex: "status", render: (s: PublicMessageStatus) => <Tag color={color[s]}>{labelOf(PUBLIC_MESSAGE_STATUS_LABELS, s, locale)}</Tag> },
          { title: t("disc.inbox.reply"), key: "r", render: (_, m) => (m.reply ? `${m.reply}${m.handledByName ? `（${m.handledByName}）` : ""}` : "—") },
          ...(can("inbox.handle")
            ? [{ title: t("common.actions"), key: "a", render: (_: unknown, m: Message) => <Button size="small" onClick={() => setHandling(m)}>{t("disc.inbox.handle")}</Button> }]
            : []),
        ]}
      />
      {handling && <HandleDialog message={handling} onClose={() => setHandling(null)} />}
    </>
  );
}

function HandleDialog({ message: item, onClose }: { message: Message; onClose: () => void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const { stationId } = useStation();
  const [form] = Form.useForm();
  const save = useMutation(
    trpc.disclosure.handleMessage.mutationOptions({
      onSuccess: async () => {
        void message.success(t("gov.saved"));
        await refresh();
        onClose();
      },
    }),
  );
  return (
    <FormModal title={`${t("disc.inbox.handle")} · ${item.reference}`} pending={save.isPending} error={save.error} onSubmit={() => form.submit()} onClose={onClose}>
      <Typography.Paragraph style={{ whiteSpace: "pre-line" }}>{item.body}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ status: item.status === "new" ? "in_progress" : item.status, reply: item.reply ?? "" }}
        onFinish={(v: { status: PublicMessageStatus; reply: string }) => save.mutate({ stationId, messageId: item.id, handling: { status: v.status, reply: v.reply || undefined } })}
      >
        <Form.Item name="status" label={t("disc.inbox.status")}>
          <Select options={vocabOptions(PUBLIC_MESSAGE_STATUS_LABELS, PUBLIC_MESSAGE_STATUSES, locale)} />
        </Form.Item>
        <Form.Item name="reply" label={t("disc.inbox.reply")}>
          <Input.TextArea rows={4} maxLength={1000} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
