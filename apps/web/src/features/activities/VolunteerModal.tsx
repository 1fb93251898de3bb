import { useMutation } from "@tanstack/react-query";
import { todayInShanghai } from "@shegong/domain";
import { App, Form, Input } from "antd";
import { useRef } from "react";
import { FormModal } from "../../components/FormModal.tsx";
import { useI18n } from "../../i18n/locale.tsx";
import { newIdempotencyKey } from "../../lib/idempotency-key.ts";
import { queryClient, trpc, type RouterOutputs } from "../../trpc.ts";
import { useStation } from "../workspace/station-context.tsx";

type Volunteer = RouterOutputs["volunteers"]["list"]["items"][number];

interface VolunteerValues {
  name: string;
  phone?: string;
  skills?: string;
  joinedOn: string;
  leftOn?: string;
  note?: string;
}

/** Registers a volunteer (R5), or corrects one at the version it was read. */
export function VolunteerModal({ volunteer, onClose }: { volunteer?: Volunteer; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { stationId } = useStation();
  const [form] = Form.useForm<VolunteerValues>();
  const idempotencyKey = useRef(newIdempotencyKey());
  const options = {
    onSuccess: async () => {
      void message.success(t("volunteer.saved"));
      await queryClient.invalidateQueries({ queryKey: trpc.volunteers.pathKey() });
      onClose();
    },
  };
  const create = useMutation(trpc.volunteers.create.mutationOptions(options));
  const update = useMutation(trpc.volunteers.update.mutationOptions(options));
  const submit = (values: VolunteerValues) => {
    // Blank optional fields are "not given", not an empty phone to validate.
    const cleaned = { ...values, phone: values.phone || undefined, leftOn: values.leftOn || undefined };
    if (volunteer) update.mutate({ stationId, volunteerId: volunteer.id, version: volunteer.version, volunteer: cleaned });
    else create.mutate({ stationId, volunteer: cleaned, idempotencyKey: idempotencyKey.current });
  };
  const initialValues: Partial<VolunteerValues> = volunteer
    ? { name: volunteer.name, phone: volunteer.phone ?? undefined, skills: volunteer.skills ?? undefined, joinedOn: volunteer.joinedOn, leftOn: volunteer.leftOn ?? undefined, note: volunteer.note ?? undefined }
    : { joinedOn: todayInShanghai() };
  return (
    <FormModal
      title={volunteer ? t("volunteer.edit") : t("volunteer.register")}
      pending={create.isPending || update.isPending}
      error={create.error ?? update.error}
      onSubmit={() => form.submit()}
      onClose={onClose}
    >
      <Form<VolunteerValues> form={form} layout="vertical" initialValues={initialValues} onFinish={submit}>
        <Form.Item name="name" label={t("volunteer.name")} rules={[{ required: true, whitespace: true, message: t("volunteer.name") }]}>
          <Input maxLength={40} data-testid="volunteer-name" />
        </Form.Item>
        <Form.Item name="phone" label={t("volunteer.phone")}>
          <Input maxLength={20} inputMode="tel" data-testid="volunteer-phone" />
        </Form.Item>
        <Form.Item name="skills" label={t("volunteer.skills")}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="joinedOn" label={t("volunteer.joinedOn")} required>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="leftOn" label={t("volunteer.leftOn")}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="note" label={t("volunteer.note")}>
          <Input.TextArea maxLength={500} rows={2} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
