import { useMutation, useQuery } from "@tanstack/react-query";
import { todayInShanghai } from "@shegong/domain";
import { App, Form, Input, Select } from "antd";
import { useRef } from "react";
import { FormModal } from "../../components/FormModal.tsx";
import { useI18n } from "../../i18n/locale.tsx";
import { newIdempotencyKey } from "../../lib/idempotency-key.ts";
import { queryClient, trpc } from "../../trpc.ts";

interface RaiseForm {
  finding: string;
  requirement?: string;
  ownerUserId: string;
  dueOn: string;
}

/** A finding becomes a rectification item (整改) owned by a station member, due on a day. */
export function RaiseRectificationDialog({ stationId, evaluationId, indicatorCode, finding, onClose }: { stationId: string; evaluationId?: string; indicatorCode?: string; finding?: string; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<RaiseForm>();
  const owners = useQuery(trpc.rectification.owners.queryOptions({ stationId }));
  const idempotencyKey = useRef(newIdempotencyKey());
  const create = useMutation(
    trpc.rectification.create.mutationOptions({
      onSuccess: async () => {
        void message.success(t("rect.created"));
        await queryClient.invalidateQueries({ queryKey: trpc.rectification.list.queryKey({ stationId }) });
        onClose();
      },
    }),
  );
  return (
    <FormModal title={t("eval.raise")} pending={create.isPending} error={create.error ?? owners.error} onSubmit={() => form.submit()} onClose={onClose}>
      <Form<RaiseForm>
        form={form}
        layout="vertical"
        initialValues={{ finding }}
        onFinish={(v) =>
          create.mutate({ stationId, item: { finding: v.finding, requirement: v.requirement ?? "", ownerUserId: v.ownerUserId, dueOn: v.dueOn, evaluationId, indicatorCode }, idempotencyKey: idempotencyKey.current })
        }
      >
        <Form.Item name="finding" label={t("rect.finding")} rules={[{ required: true, max: 500 }]}>
          <Input.TextArea rows={3} data-testid="rect-finding" />
        </Form.Item>
        <Form.Item name="requirement" label={t("rect.requirement")} rules={[{ max: 500 }]}>
          <Input.TextArea rows={2} data-testid="rect-requirement" />
        </Form.Item>
        <Form.Item name="ownerUserId" label={t("rect.owner")} rules={[{ required: true }]}>
          <Select data-testid="rect-owner" loading={owners.isPending} options={(owners.data ?? []).map((o) => ({ value: o.userId, label: o.displayName }))} />
        </Form.Item>
        <Form.Item name="dueOn" label={t("rect.due")} rules={[{ required: true }]}>
          <Input type="date" min={todayInShanghai()} data-testid="rect-due" />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
