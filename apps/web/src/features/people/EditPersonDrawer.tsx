import { ReloadOutlined } from "@ant-design/icons";
import { useMutation } from "@tanstack/react-query";
import { Alert, App, Button, Drawer, Form, Space } from "antd";
import { useState } from "react";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { useI18n } from "../../i18n/locale.tsx";
import { appErrorCodeOf } from "../../lib/app-error.ts";
import { queryClient, trpc } from "../../trpc.ts";
import { useStation } from "../workspace/station-context.tsx";
import { PersonFields, usePersonFieldLabels } from "./PersonFields.tsx";
import { checkPersonInput, personFormValuesOf, serverFieldErrors, toPersonInput, type PersonDetail, type PersonFormValues } from "./person-form.ts";

/**
 * Corrects a person's record. The save names the version it started from; if someone saved in
 * between, the server refuses (PERSON_VERSION_CONFLICT) and the form offers the newer record.
 */
export function EditPersonDrawer({ person, onClose }: { person: PersonDetail; onClose: () => void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const { stationId } = useStation();
  const [form] = Form.useForm<PersonFormValues>();
  const fieldLabels = usePersonFieldLabels();
  const [version, setVersion] = useState(person.version);
  const personKey = trpc.people.get.queryKey({ stationId, personId: person.id });
  const update = useMutation(
    trpc.people.update.mutationOptions({
      onSuccess: async () => {
        void message.success(t("person.saved"));
        await queryClient.invalidateQueries({ queryKey: trpc.people.pathKey() });
        onClose();
      },
      onError: (error) => form.setFields(serverFieldErrors(error, locale)),
    }),
  );
  const conflict = appErrorCodeOf(update.error) === "PERSON_VERSION_CONFLICT";

  const loadLatest = async () => {
    await queryClient.invalidateQueries({ queryKey: personKey });
    const latest = queryClient.getQueryData<PersonDetail>(personKey);
    if (!latest) return;
    const typedId = form.getFieldValue("citizenId") as string | undefined;
    form.resetFields();
    form.setFieldsValue({ ...personFormValuesOf(latest), citizenId: typedId });
    setVersion(latest.version);
    update.reset();
  };

  const submit = (values: PersonFormValues) => {
    const problems = checkPersonInput(values, locale, { citizenIdOptional: true });
    if (problems.length > 0) {
      form.setFields(problems);
      return;
    }
    const input = toPersonInput(values);
    update.mutate({ stationId, personId: person.id, version, person: { ...input, citizenId: values.citizenId ? input.citizenId : undefined } });
  };

  return (
    <Drawer
      open
      size={760}
      title={t("person.edit.title", { name: person.name })}
      onClose={onClose}
      destroyOnHidden
      data-testid="edit-person-drawer"
      footer={
        <Space style={{ justifyContent: "flex-end", width: "100%" }}>
          <Button onClick={onClose}>{t("common.cancel")}</Button>
          <Button type="primary" loading={update.isPending} disabled={conflict} onClick={() => form.submit()} data-testid="edit-person-submit">
            {t("common.save")}
          </Button>
        </Space>
      }
    >
      {conflict ? (
        <Alert
          type="warning"
          showIcon
          data-testid="version-conflict"
          style={{ marginBottom: 16 }}
          title={t("person.conflict.title")}
          description={t("person.conflict.explain")}
          action={
            <Button size="small" icon={<ReloadOutlined />} onClick={() => void loadLatest()}>
              {t("person.conflict.reload")}
            </Button>
          }
        />
      ) : (
        <ErrorAlert error={update.error} fieldLabels={fieldLabels} />
      )}
      <Form<PersonFormValues> form={form} name="person-edit" layout="vertical" onFinish={submit} initialValues={personFormValuesOf(person)}>
        <PersonFields citizenIdOptional citizenIdHint={t("person.edit.citizenIdHint", { masked: person.citizenIdMasked })} />
      </Form>
    </Drawer>
  );
}
