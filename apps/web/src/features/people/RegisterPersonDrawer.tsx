import { useMutation } from "@tanstack/react-query";
import type { CategoryKey } from "@shegong/domain";
import { App, Alert, Button, Drawer, Form, Space } from "antd";
import { useRef } from "react";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { useI18n } from "../../i18n/locale.tsx";
import { appErrorCodeOf, errorDetails } from "../../lib/app-error.ts";
import { newIdempotencyKey } from "../../lib/idempotency-key.ts";
import { Link, navigate } from "../../router.tsx";
import { queryClient, trpc } from "../../trpc.ts";
import { useStation } from "../workspace/station-context.tsx";
import { CategoryEntriesField, type CategoryEntryValue } from "./CategoryEntriesField.tsx";
import { PersonFields, usePersonFieldLabels } from "./PersonFields.tsx";
import { checkPersonInput, serverFieldErrors, toPersonInput, type PersonFormValues } from "./person-form.ts";

type RegisterValues = PersonFormValues & { categories?: CategoryEntryValue[] };

/** Registers a person at the station, optionally into categories; opens their page when done. */
export function RegisterPersonDrawer({ onClose }: { onClose: () => void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const { stationId } = useStation();
  const [form] = Form.useForm<RegisterValues>();
  const fieldLabels = usePersonFieldLabels();
  // Made once per opening of the form: a double click or a retry after a lost answer registers once.
  const idempotencyKey = useRef(newIdempotencyKey());
  const create = useMutation(
    trpc.people.create.mutationOptions({
      onSuccess: async (created) => {
        void message.success(t("person.registered"));
        await queryClient.invalidateQueries({ queryKey: trpc.people.pathKey() });
        onClose();
        navigate(`/station/${stationId}/people/${created.personId}`);
      },
      onError: (error) => form.setFields(serverFieldErrors(error, locale)),
    }),
  );

  const submit = (values: RegisterValues) => {
    const problems = checkPersonInput(values, locale);
    if (problems.length > 0) {
      form.setFields(problems);
      return;
    }
    create.mutate({
      stationId,
      person: toPersonInput(values),
      categories: (values.categories ?? []).map((c) => ({ category: c.category as CategoryKey, startDate: c.startDate ?? "" })),
      idempotencyKey: idempotencyKey.current,
    });
  };

  const existingId = appErrorCodeOf(create.error) === "PERSON_ALREADY_REGISTERED" ? errorDetails(create.error).personId : undefined;

  return (
    <Drawer
      open
      size={760}
      title={t("people.register")}
      onClose={onClose}
      destroyOnHidden
      data-testid="register-person-drawer"
      footer={
        <Space style={{ justifyContent: "flex-end", width: "100%" }}>
          <Button onClick={onClose}>{t("common.cancel")}</Button>
          <Button type="primary" loading={create.isPending} onClick={() => form.submit()} data-testid="register-person-submit">
            {t("common.submit")}
          </Button>
        </Space>
      }
    >
      <ErrorAlert error={create.error} fieldLabels={fieldLabels} />
      {typeof existingId === "string" && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={<Link to={`/station/${stationId}/people/${existingId}`} onClick={onClose}>{t("person.openExisting")}</Link>}
        />
      )}
      <Form<RegisterValues> form={form} name="person" layout="vertical" onFinish={submit} initialValues={{ categories: [] }}>
        <PersonFields />
        <CategoryEntriesField />
      </Form>
    </Drawer>
  );
}
