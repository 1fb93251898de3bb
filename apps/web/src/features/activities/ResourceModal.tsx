import { useMutation } from "@tanstack/react-query";
import { RESOURCE_KIND_LABELS, RESOURCE_KINDS, todayInShanghai, yuanToFen, type ResourceKind } from "@shegong/domain";
import { App, Form, Input, Radio } from "antd";
import { useRef } from "react";
import { FormModal } from "../../components/FormModal.tsx";
import { useI18n } from "../../i18n/locale.tsx";
import { newIdempotencyKey } from "../../lib/idempotency-key.ts";
import { queryClient, trpc } from "../../trpc.ts";
import { PersonPicker } from "../people/PersonPicker.tsx";
import { vocabOptions } from "../people/vocab-options.ts";
import { useStation } from "../workspace/station-context.tsx";

interface ResourceValues {
  kind: ResourceKind;
  source: string;
  description: string;
  valueYuan: string;
  receivedOn: string;
  personId?: string;
}

/**
 * Records a resource linked from outside (链接资源, issue 4 item 6). Typed in 元, sent in fen. For an
 * activity the beneficiary is fixed; otherwise it is a person from the register.
 */
export function ResourceModal({ activityId, onClose }: { activityId?: string; onClose: () => void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const { stationId } = useStation();
  const [form] = Form.useForm<ResourceValues>();
  const idempotencyKey = useRef(newIdempotencyKey());
  const create = useMutation(
    trpc.resources.create.mutationOptions({
      onSuccess: async () => {
        void message.success(t("resource.saved"));
        await queryClient.invalidateQueries({ queryKey: trpc.resources.pathKey() });
        await queryClient.invalidateQueries({ queryKey: trpc.activities.pathKey() });
        onClose();
      },
    }),
  );
  const submit = (values: ResourceValues) => {
    const valueFen = yuanToFen(values.valueYuan);
    if (valueFen === null) {
      form.setFields([{ name: "valueYuan", errors: [t("resource.value.invalid")] }]);
      return;
    }
    const beneficiary = activityId ? { activityId } : { personId: values.personId ?? "" };
    create.mutate({
      stationId,
      resource: { kind: values.kind, source: values.source, description: values.description, valueFen, receivedOn: values.receivedOn, beneficiary },
      idempotencyKey: idempotencyKey.current,
    });
  };
  return (
    <FormModal title={t("resource.record")} pending={create.isPending} error={create.error} onSubmit={() => form.submit()} onClose={onClose}>
      <Form<ResourceValues> form={form} layout="vertical" initialValues={{ kind: "goods", receivedOn: todayInShanghai() }} onFinish={submit}>
        <Form.Item name="kind" label={t("resource.kind")} required>
          <Radio.Group optionType="button" buttonStyle="solid" options={vocabOptions(RESOURCE_KIND_LABELS, RESOURCE_KINDS, locale)} />
        </Form.Item>
        <Form.Item name="source" label={t("resource.source")} rules={[{ required: true, whitespace: true, message: t("resource.source") }]}>
          <Input maxLength={100} data-testid="resource-source" />
        </Form.Item>
        <Form.Item name="description" label={t("resource.description")} rules={[{ required: true, whitespace: true, message: t("resource.description") }]}>
          <Input maxLength={200} data-testid="resource-description" />
        </Form.Item>
        <Form.Item name="valueYuan" label={t("resource.value")} rules={[{ required: true, message: t("resource.value.invalid") }]}>
          <Input inputMode="decimal" style={{ width: 180 }} data-testid="resource-value" />
        </Form.Item>
        <Form.Item name="receivedOn" label={t("resource.receivedOn")} required>
          <Input type="date" max={todayInShanghai()} />
        </Form.Item>
        {!activityId && (
          <Form.Item name="personId" label={t("resource.beneficiary.person")} rules={[{ required: true, message: t("resource.beneficiary") }]}>
            <PersonPicker testId="resource-person" />
          </Form.Item>
        )}
      </Form>
    </FormModal>
  );
}
