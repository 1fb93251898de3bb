import { useMutation } from "@tanstack/react-query";
import { GUARDIAN_RELATION_LABELS, GUARDIAN_RELATIONS, type GuardianRelation } from "@shegong/domain";
import { App, Form, Input, Radio, Select } from "antd";
import { useRef, useState } from "react";
import { FormModal } from "../../components/FormModal.tsx";
import { useI18n } from "../../i18n/locale.tsx";
import { newIdempotencyKey } from "../../lib/idempotency-key.ts";
import { queryClient, trpc } from "../../trpc.ts";
import { useStation } from "../workspace/station-context.tsx";
import { PersonPicker } from "./PersonPicker.tsx";
import { vocabOptions } from "./vocab-options.ts";

interface GuardianValues {
  guardianPersonId?: string;
  name: string;
  relation: GuardianRelation;
  phone?: string;
  note?: string;
}

/** A child's guardian (R10): someone on this station's register, or anyone else by name, relation and phone. */
export function AddGuardianDialog({ childId, onClose }: { childId: string; onClose: () => void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const { stationId } = useStation();
  const [form] = Form.useForm<GuardianValues>();
  const [registered, setRegistered] = useState(false);
  const idempotencyKey = useRef(newIdempotencyKey());
  const add = useMutation(
    trpc.households.addGuardian.mutationOptions({
      onSuccess: async () => {
        void message.success(t("guardian.added"));
        await queryClient.invalidateQueries({ queryKey: trpc.people.get.queryKey({ stationId, personId: childId }) });
        onClose();
      },
    }),
  );
  const submit = (values: GuardianValues) =>
    add.mutate({
      stationId,
      childId,
      guardianPersonId: registered ? (values.guardianPersonId ?? null) : null,
      name: values.name.trim(),
      relation: values.relation,
      phone: values.phone?.trim() || null,
      note: values.note?.trim() || undefined,
      idempotencyKey: idempotencyKey.current,
    });
  return (
    <FormModal title={t("guardian.add")} pending={add.isPending} error={add.error} onSubmit={() => form.submit()} onClose={onClose}>
      <Form<GuardianValues> form={form} layout="vertical" onFinish={submit}>
        <Form.Item label={t("guardian.who")}>
          <Radio.Group
            value={registered}
            onChange={(e) => setRegistered(e.target.value as boolean)}
            options={[
              { value: false, label: t("guardian.outside") },
              { value: true, label: t("guardian.registered") },
            ]}
          />
        </Form.Item>
        {registered && (
          <Form.Item name="guardianPersonId" label={t("guardian.person")} rules={[{ required: true, message: t("household.member.required") }]}>
            <PersonPicker excludeIds={[childId]} onChange={(_, person) => form.setFieldsValue({ guardianPersonId: person?.id, name: person?.name ?? "" })} />
          </Form.Item>
        )}
        <Form.Item name="name" label={t("guardian.name")} rules={[{ required: true, whitespace: true, message: t("person.name.required") }]}>
          <Input maxLength={40} disabled={registered} />
        </Form.Item>
        <Form.Item name="relation" label={t("guardian.relation")} rules={[{ required: true, message: t("household.relation.required") }]}>
          <Select options={vocabOptions(GUARDIAN_RELATION_LABELS, GUARDIAN_RELATIONS, locale)} />
        </Form.Item>
        <Form.Item name="phone" label={t("person.phone")}>
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item name="note" label={t("person.note")}>
          <Input maxLength={500} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
