import { useMutation } from "@tanstack/react-query";
import { todayInShanghai, type CategoryKey } from "@shegong/domain";
import { App, Form, Input, Select } from "antd";
import { FormModal } from "../../components/FormModal.tsx";
import { useI18n } from "../../i18n/locale.tsx";
import { queryClient, trpc } from "../../trpc.ts";
import { useStation } from "../workspace/station-context.tsx";
import { categoryOptionGroups } from "./vocab-options.ts";

interface AddCategoryValues {
  category: CategoryKey;
  startDate: string;
  source?: string;
  note?: string;
}

/** Enters the person into a category from a date; age rules and overlaps are the server's to judge (CATEGORY_AGE, CATEGORY_OVERLAP). */
export function AddCategoryDialog({ personId, birthDate, onClose }: { personId: string; birthDate: string; onClose: () => void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const { stationId } = useStation();
  const [form] = Form.useForm<AddCategoryValues>();
  const add = useMutation(
    trpc.people.addCategory.mutationOptions({
      onSuccess: async () => {
        void message.success(t("category.added"));
        await queryClient.invalidateQueries({ queryKey: trpc.people.pathKey() });
        onClose();
      },
    }),
  );
  return (
    <FormModal title={t("category.add")} pending={add.isPending} error={add.error} onSubmit={() => form.submit()} onClose={onClose}>
      <Form<AddCategoryValues>
        form={form}
        layout="vertical"
        initialValues={{ startDate: todayInShanghai() }}
        onFinish={(values) => add.mutate({ stationId, personId, ...values })}
      >
        <Form.Item name="category" label={t("category.category")} rules={[{ required: true, message: t("category.required") }]}>
          <Select options={categoryOptionGroups(locale)} data-testid="add-category-select" />
        </Form.Item>
        <Form.Item name="startDate" label={t("category.startDate")} rules={[{ required: true, message: t("category.startDate.required") }]}>
          <Input type="date" min={birthDate} />
        </Form.Item>
        <Form.Item name="source" label={t("category.source")} extra={t("category.source.hint")}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="note" label={t("category.note")}>
          <Input.TextArea maxLength={500} rows={2} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
