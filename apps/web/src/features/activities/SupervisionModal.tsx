import { useMutation } from "@tanstack/react-query";
import { SUPERVISION_FORMAT_LABELS, SUPERVISION_FORMATS, todayInShanghai, type SupervisionFormat } from "@shegong/domain";
import { App, Form, Input, InputNumber, Radio, Select } from "antd";
import { useRef } from "react";
import { FormModal } from "../../components/FormModal.tsx";
import { useI18n } from "../../i18n/locale.tsx";
import { newIdempotencyKey } from "../../lib/idempotency-key.ts";
import { queryClient, trpc } from "../../trpc.ts";
import { vocabOptions } from "../people/vocab-options.ts";
import { useWorkerOptions } from "../visits/VisitDrawer.tsx";
import { useStation } from "../workspace/station-context.tsx";

interface SupervisionValues {
  format: SupervisionFormat;
  supervisorUserId?: string;
  supervisorName?: string;
  heldOn: string;
  durationMinutes: number;
  workerUserIds: string[];
  topics: string;
  cases?: string;
}

/**
 * Records a supervision session (督导记录). Cases are not in this branch yet, so the cases discussed
 * are short notes, one a line; they become links once cases exist.
 */
export function SupervisionModal({ onClose }: { onClose: () => void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const { stationId } = useStation();
  const [form] = Form.useForm<SupervisionValues>();
  const members = useWorkerOptions();
  const idempotencyKey = useRef(newIdempotencyKey());
  const create = useMutation(
    trpc.supervision.create.mutationOptions({
      onSuccess: async () => {
        void message.success(t("supervision.saved"));
        await queryClient.invalidateQueries({ queryKey: trpc.supervision.pathKey() });
        onClose();
      },
    }),
  );
  const submit = ({ cases, supervisorName, supervisorUserId, ...values }: SupervisionValues) => {
    const casesDiscussed = (cases ?? "")
      .split("\n")
      .map((line) => line.trim())
      .filter(Boolean)
      .map((note) => ({ note }));
    create.mutate({
      stationId,
      session: { ...values, supervisorUserId: supervisorUserId || undefined, supervisorName: supervisorName?.trim() || undefined, casesDiscussed },
      idempotencyKey: idempotencyKey.current,
    });
  };
  return (
    <FormModal title={t("supervision.record")} pending={create.isPending} error={create.error} onSubmit={() => form.submit()} onClose={onClose}>
      <Form<SupervisionValues> form={form} layout="vertical" initialValues={{ format: "group", heldOn: todayInShanghai(), durationMinutes: 120, workerUserIds: [] }} onFinish={submit}>
        <Form.Item name="format" label={t("supervision.format")} required>
          <Radio.Group optionType="button" buttonStyle="solid" options={vocabOptions(SUPERVISION_FORMAT_LABELS, SUPERVISION_FORMATS, locale)} />
        </Form.Item>
        <Form.Item name="supervisorUserId" label={t("supervision.supervisorUser")}>
          <Select allowClear options={members.options} data-testid="supervision-supervisor-user" />
        </Form.Item>
        <Form.Item name="supervisorName" label={t("supervision.supervisorName")}>
          <Input maxLength={40} data-testid="supervision-supervisor-name" />
        </Form.Item>
        <Form.Item name="heldOn" label={t("supervision.heldOn")} required>
          <Input type="date" max={todayInShanghai()} />
        </Form.Item>
        <Form.Item name="durationMinutes" label={t("supervision.duration")} required>
          <InputNumber min={1} max={720} precision={0} suffix={t("common.minutesUnit")} />
        </Form.Item>
        <Form.Item name="workerUserIds" label={t("supervision.workers")} rules={[{ required: true, message: t("supervision.workers") }]}>
          <Select mode="multiple" options={members.options} data-testid="supervision-workers" />
        </Form.Item>
        <Form.Item name="topics" label={t("supervision.topics")} rules={[{ required: true, whitespace: true, message: t("supervision.topics") }]}>
          <Input.TextArea maxLength={500} rows={2} data-testid="supervision-topics" />
        </Form.Item>
        <Form.Item name="cases" label={t("supervision.cases")}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
