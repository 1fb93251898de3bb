import { useMutation, useQuery } from "@tanstack/react-query";
import { todayInShanghai } from "@shegong/domain";
import { Form, InputNumber, Select } from "antd";
import { useEffect, useRef } from "react";
import { FormModal } from "../../components/FormModal.tsx";
import { useI18n } from "../../i18n/locale.tsx";
import { newIdempotencyKey } from "../../lib/idempotency-key.ts";
import { navigate } from "../../router.tsx";
import { trpc } from "../../trpc.ts";

/** Starts scoring a station's year with a rubric, then opens the scoring page. */
export function StartEvaluationDialog({ stationId, onClose }: { stationId: string; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ templateId: string; year: number }>();
  const templates = useQuery(trpc.evaluations.stationTemplates.queryOptions({ stationId }));
  const idempotencyKey = useRef(newIdempotencyKey());
  const create = useMutation(trpc.evaluations.create.mutationOptions({ onSuccess: ({ evaluationId }) => navigate(`/station/${stationId}/evaluations/${evaluationId}`) }));
  const firstTemplate = templates.data?.[0]?.id;
  // The default rubric comes first; chosen once the list arrives, unless someone chose already.
  useEffect(() => {
    if (firstTemplate && !form.getFieldValue("templateId")) form.setFieldsValue({ templateId: firstTemplate });
  }, [firstTemplate, form]);
  return (
    <FormModal title={t("eval.start")} pending={create.isPending} error={create.error ?? templates.error} onSubmit={() => form.submit()} onClose={onClose}>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ year: Number(todayInShanghai().slice(0, 4)) }}
        onFinish={(v) => create.mutate({ stationId, templateId: v.templateId, year: v.year, idempotencyKey: idempotencyKey.current })}
      >
        <Form.Item name="templateId" label={t("eval.template")} rules={[{ required: true }]}>
          <Select loading={templates.isPending} options={(templates.data ?? []).map((tpl) => ({ value: tpl.id, label: tpl.name }))} data-testid="eval-template" />
        </Form.Item>
        <Form.Item name="year" label={t("eval.year")} rules={[{ required: true }]}>
          <InputNumber min={2000} max={2100} precision={0} data-testid="eval-year" />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
