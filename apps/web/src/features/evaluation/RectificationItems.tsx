import { useMutation, useQuery } from "@tanstack/react-query";
import { nextRectificationStatus } from "@shegong/domain";
import { App, Button, Card, Collapse, Descriptions, Empty, Form, Input, Space, Typography } from "antd";
import { useState } from "react";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { FormModal } from "../../components/FormModal.tsx";
import { useI18n } from "../../i18n/locale.tsx";
import { queryClient, trpc, type RouterOutputs } from "../../trpc.ts";
import { AttachmentsCard } from "../attachments/AttachmentsCard.tsx";
import { useStation } from "../workspace/station-context.tsx";
import { DueText, RectificationStatusTag } from "./evaluation-tags.tsx";

type Item = RouterOutputs["rectification"]["list"][number];

/**
 * A station's rectification items: the station attaches evidence and says what it did; the bureau
 * closes the item or sends it back with a comment. Each side sees only the buttons it may use.
 */
export function RectificationItems() {
  const { t } = useI18n();
  const { stationId } = useStation();
  const items = useQuery(trpc.rectification.list.queryOptions({ stationId }));
  return (
    <Card title={t("rect.title")} data-testid="rectification-items">
      <ErrorAlert error={items.error} />
      {items.data && items.data.length === 0 && <Empty description={t("rect.none")} />}
      <Collapse
        items={(items.data ?? []).map((item) => ({
          key: item.id,
          label: (
            <Space wrap data-testid="rectification-item">
              <RectificationStatusTag status={item.status} />
              <span>{item.finding}</span>
              <Typography.Text type="secondary">{item.ownerName}</Typography.Text>
              <DueText dueOn={item.dueOn} overdue={item.overdue} daysLeft={item.daysLeft} closed={item.status === "closed"} />
            </Space>
          ),
          children: <RectificationItemDetail item={item} />,
        }))}
      />
    </Card>
  );
}

function RectificationItemDetail({ item }: { item: Item }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { stationId, can } = useStation();
  const [response, setResponse] = useState(item.response);
  const [judging, setJudging] = useState<"close" | "reopen" | null>(null);
  const [form] = Form.useForm<{ comment: string }>();
  const done = async () => {
    void message.success(t("rect.done"));
    setJudging(null);
    await queryClient.invalidateQueries({ queryKey: trpc.rectification.list.queryKey({ stationId }) });
  };
  const submit = useMutation(trpc.rectification.submitEvidence.mutationOptions({ onSuccess: done }));
  const close = useMutation(trpc.rectification.close.mutationOptions({ onSuccess: done }));
  const reopen = useMutation(trpc.rectification.reopen.mutationOptions({ onSuccess: done }));
  const mayAnswer = can("workspace.write") && nextRectificationStatus(item.status, "submit_evidence") !== null;
  const mayJudge = can("rectification.close");
  const judgeMutation = judging === "close" ? close : reopen;
  return (
    <Space orientation="vertical" style={{ width: "100%" }}>
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label={t("rect.requirement")}>{item.requirement || "—"}</Descriptions.Item>
        <Descriptions.Item label={t("rect.response")}>{item.response || "—"}</Descriptions.Item>
        <Descriptions.Item label={t("rect.bureauComment")}>{item.bureauComment || "—"}</Descriptions.Item>
      </Descriptions>
      <AttachmentsCard ownerKind="rectification" ownerId={item.id} title={t("rect.evidence")} />
      <ErrorAlert error={submit.error} />
      {mayAnswer && (
        <Space orientation="vertical" style={{ width: "100%" }}>
          <Input.TextArea rows={3} value={response} onChange={(e) => setResponse(e.target.value)} placeholder={t("rect.response")} maxLength={2000} data-testid="rect-response" />
          <Button type="primary" loading={submit.isPending} onClick={() => submit.mutate({ stationId, itemId: item.id, response })} data-testid="rect-submit">
            {t("rect.submit")}
          </Button>
        </Space>
      )}
      {mayJudge && (
        <Space>
          {nextRectificationStatus(item.status, "close") && (
            <Button type="primary" onClick={() => setJudging("close")} data-testid="rect-close">
              {t("rect.close")}
            </Button>
          )}
          {nextRectificationStatus(item.status, "reopen") && (
            <Button danger onClick={() => setJudging("reopen")} data-testid="rect-reopen">
              {t("rect.reopen")}
            </Button>
          )}
        </Space>
      )}
      {judging && (
        <FormModal title={judging === "close" ? t("rect.close") : t("rect.reopen")} pending={judgeMutation.isPending} error={judgeMutation.error} onSubmit={() => form.submit()} onClose={() => setJudging(null)}>
          <Form form={form} layout="vertical" onFinish={(v) => judgeMutation.mutate({ stationId, itemId: item.id, comment: v.comment ?? "" })}>
            <Form.Item name="comment" label={t("rect.bureauComment")} rules={[{ required: judging === "reopen", max: 500 }]}>
              <Input.TextArea rows={3} data-testid="rect-comment" />
            </Form.Item>
          </Form>
        </FormModal>
      )}
    </Space>
  );
}
