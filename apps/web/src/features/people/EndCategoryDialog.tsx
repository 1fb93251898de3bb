import { useMutation } from "@tanstack/react-query";
import { CATEGORIES, labelOf, todayInShanghai, type CategoryKey } from "@shegong/domain";
import { App, Form, Input, Modal } from "antd";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { useI18n } from "../../i18n/locale.tsx";
import { queryClient, trpc } from "../../trpc.ts";
import { useStation } from "../workspace/station-context.tsx";

export interface CategoryEntryRef {
  id: string;
  category: CategoryKey;
  startDate: string;
}

/** Ends a category entry: from the end date on, the person is no longer on that register. */
export function EndCategoryDialog({ personId, entry, onClose }: { personId: string; entry: CategoryEntryRef; onClose: () => void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const { stationId } = useStation();
  const [form] = Form.useForm<{ endDate: string; reason: string }>();
  const end = useMutation(
    trpc.people.endCategory.mutationOptions({
      onSuccess: async () => {
        void message.success(t("category.ended"));
        await queryClient.invalidateQueries({ queryKey: trpc.people.pathKey() });
        onClose();
      },
    }),
  );
  return (
    <Modal
      open
      title={t("category.end.title", { category: labelOf(CATEGORIES, entry.category, locale) })}
      okText={t("common.submit")}
      cancelText={t("common.cancel")}
      okButtonProps={{ loading: end.isPending, danger: true }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <ErrorAlert error={end.error} />
      <Form
        form={form}
        layout="vertical"
        initialValues={{ endDate: todayInShanghai(), reason: "" }}
        onFinish={(values) => end.mutate({ stationId, personId, categoryEntryId: entry.id, endDate: values.endDate, reason: values.reason.trim() })}
      >
        <Form.Item name="endDate" label={t("category.endDate")} extra={t("category.endDate.hint")} rules={[{ required: true }]}>
          <Input type="date" min={entry.startDate} />
        </Form.Item>
        <Form.Item name="reason" label={t("category.endReason")} rules={[{ required: true, whitespace: true, message: t("category.endReason.required") }]}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
