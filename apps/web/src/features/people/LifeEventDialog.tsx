import { useMutation } from "@tanstack/react-query";
import { labelOf, PERSON_EVENT_KIND_LABELS, todayInShanghai } from "@shegong/domain";
import { App, Alert, Form, Input, Modal } from "antd";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { useI18n } from "../../i18n/locale.tsx";
import { queryClient, trpc } from "../../trpc.ts";
import { useStation } from "../workspace/station-context.tsx";

export type LifeEventKind = "died" | "moved_out" | "moved_in";

/** Death and moving out end every category on that date; moving back in reopens the record only. */
export function LifeEventDialog({ personId, birthDate, kind, onClose }: { personId: string; birthDate: string; kind: LifeEventKind; onClose: () => void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const { stationId } = useStation();
  const [form] = Form.useForm<{ date: string; note?: string }>();
  const today = todayInShanghai();
  const record = useMutation(
    trpc.people.recordLifeEvent.mutationOptions({
      onSuccess: async () => {
        void message.success(t("lifeEvent.recorded"));
        await queryClient.invalidateQueries({ queryKey: trpc.people.pathKey() });
        onClose();
      },
    }),
  );
  const label = labelOf(PERSON_EVENT_KIND_LABELS, kind, locale);
  return (
    <Modal
      open
      title={t("lifeEvent.title", { kind: label })}
      okText={t("common.submit")}
      cancelText={t("common.cancel")}
      okButtonProps={{ loading: record.isPending, danger: kind !== "moved_in" }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      data-testid="life-event-dialog"
    >
      <ErrorAlert error={record.error} />
      {kind !== "moved_in" && <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t("lifeEvent.endsCategories")} />}
      <Form form={form} layout="vertical" initialValues={{ date: today }} onFinish={(values) => record.mutate({ stationId, personId, kind, date: values.date, note: values.note?.trim() || undefined })}>
        <Form.Item name="date" label={t("lifeEvent.date")} rules={[{ required: true }]}>
          <Input type="date" min={birthDate} max={today} />
        </Form.Item>
        <Form.Item name="note" label={t("lifeEvent.note")}>
          <Input.TextArea maxLength={500} rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
