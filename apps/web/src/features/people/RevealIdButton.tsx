import { EyeOutlined } from "@ant-design/icons";
import { useMutation } from "@tanstack/react-query";
import { Alert, Button, Form, Input, Modal, Typography } from "antd";
import { useState } from "react";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { useI18n } from "../../i18n/locale.tsx";
import { queryClient, trpc } from "../../trpc.ts";
import { useStation } from "../workspace/station-context.tsx";

/**
 * Shows one full ID number on purpose (issue 3 item 4): a reason is asked for, the reveal is
 * audited and lands on the person's timeline, and the number lives only in this dialog.
 */
function RevealIdDialog({ personId, onClose }: { personId: string; onClose: () => void }) {
  const { t } = useI18n();
  const { stationId } = useStation();
  const [form] = Form.useForm<{ reason: string }>();
  const reveal = useMutation(
    trpc.people.revealId.mutationOptions({
      onSuccess: () => void queryClient.invalidateQueries({ queryKey: trpc.people.get.queryKey({ stationId, personId }) }),
    }),
  );
  const citizenId = reveal.data?.citizenId;
  return (
    <Modal
      open
      title={t("person.reveal.title")}
      onCancel={onClose}
      destroyOnHidden
      data-testid="reveal-id-dialog"
      footer={
        citizenId ? (
          <Button type="primary" onClick={onClose}>
            {t("common.close")}
          </Button>
        ) : (
          <>
            <Button onClick={onClose}>{t("common.cancel")}</Button>
            <Button type="primary" danger loading={reveal.isPending} onClick={() => form.submit()} data-testid="reveal-id-submit">
              {t("person.reveal.submit")}
            </Button>
          </>
        )
      }
    >
      <ErrorAlert error={reveal.error} />
      {citizenId ? (
        <>
          <Typography.Paragraph copyable={{ text: citizenId }} style={{ fontFamily: "monospace", fontSize: 20 }} data-testid="revealed-id">
            {citizenId}
          </Typography.Paragraph>
          <Alert type="warning" showIcon title={t("person.reveal.recorded")} />
        </>
      ) : (
        <Form form={form} layout="vertical" onFinish={(values) => reveal.mutate({ stationId, personId, reason: values.reason.trim() })}>
          <Typography.Paragraph type="secondary">{t("person.reveal.explain")}</Typography.Paragraph>
          <Form.Item
            name="reason"
            label={t("person.reveal.reason")}
            rules={[{ required: true, whitespace: true, min: 2, message: t("person.reveal.reason.required") }]}
          >
            <Input.TextArea maxLength={200} rows={2} autoFocus />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}

export function RevealIdButton({ personId }: { personId: string }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button type="link" size="small" icon={<EyeOutlined />} onClick={() => setOpen(true)} data-testid="reveal-id">
        {t("person.reveal")}
      </Button>
      {open && <RevealIdDialog personId={personId} onClose={() => setOpen(false)} />}
    </>
  );
}
