import { useMutation } from "@tanstack/react-query";
import { DIVISION_ROLES, ROLE_LABELS, ROLE_SCOPE, ROLES, roleRequiresExpiry, type Role } from "@shegong/domain";
import { App, Form, Input, Modal, Select } from "antd";
import { useRef } from "react";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { useI18n } from "../../i18n/locale.tsx";
import { newIdempotencyKey } from "../../lib/idempotency-key.ts";
import { queryClient } from "../../trpc.ts";
import { userAdminApi, userQueryKey, type UserScope } from "./user-admin-api.ts";

interface CreateForm {
  username: string;
  displayName: string;
  password: string;
  role: Role;
  grantDivisionCode?: string;
  expiresOn?: string;
}

export function CreateUserDialog({ scope, onClose }: { scope: UserScope; onClose: () => void }) {
  const { t, pick } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<CreateForm>();
  const role = Form.useWatch("role", form);
  const idempotencyKey = useRef(newIdempotencyKey());
  const roles: readonly Role[] = "stationId" in scope ? ROLES.filter((r) => ROLE_SCOPE[r] === "station") : DIVISION_ROLES;
  const create = useMutation({
    mutationFn: (values: CreateForm) =>
      userAdminApi.create(scope, {
        username: values.username,
        displayName: values.displayName,
        password: values.password,
        role: values.role,
        grantDivisionCode: "divisionCode" in scope ? values.grantDivisionCode : undefined,
        // An inspector's access ends at the end of the chosen day, Beijing time.
        expiresAt: values.expiresOn ? new Date(`${values.expiresOn}T23:59:59+08:00`) : undefined,
        idempotencyKey: idempotencyKey.current,
      }),
    onSuccess: async () => {
      void message.success(t("users.created"));
      await queryClient.invalidateQueries({ queryKey: userQueryKey(scope) });
      onClose();
    },
  });
  return (
    <Modal
      open
      title={t("users.create")}
      okText={t("common.submit")}
      cancelText={t("common.cancel")}
      okButtonProps={{ loading: create.isPending }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <ErrorAlert error={create.error} />
      <Form<CreateForm>
        form={form}
        layout="vertical"
        initialValues={{ grantDivisionCode: "divisionCode" in scope ? scope.divisionCode : undefined }}
        onValuesChange={() => {
          idempotencyKey.current = newIdempotencyKey();
        }}
        onFinish={(values) => create.mutate(values)}
      >
        <Form.Item name="username" label={t("users.username")} rules={[{ required: true }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="displayName" label={t("users.displayName")} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="password" label={t("users.password")} rules={[{ required: true }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="role" label={t("users.role")} rules={[{ required: true }]}>
          <Select options={roles.map((r) => ({ value: r, label: pick(ROLE_LABELS[r]) }))} />
        </Form.Item>
        {"divisionCode" in scope && (
          <Form.Item name="grantDivisionCode" label={t("users.grantDivision")} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
        )}
        {role && roleRequiresExpiry(role) && (
          <Form.Item name="expiresOn" label={t("users.expiresAt")} rules={[{ required: true }]}>
            <Input type="date" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
