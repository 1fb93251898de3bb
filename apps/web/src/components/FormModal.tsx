import { Modal } from "antd";
import type { ReactNode } from "react";
import { useI18n } from "../i18n/locale.tsx";
import { ErrorAlert } from "./ErrorAlert.tsx";

/**
 * The one shape of a small form dialog: title, submit/cancel in the current language, a spinner on
 * submit while the mutation runs, and its error (both languages' messages) above the form.
 */
export function FormModal({
  title,
  pending,
  error,
  onSubmit,
  onClose,
  children,
  okText,
}: {
  title: ReactNode;
  pending: boolean;
  error: unknown;
  onSubmit: () => void;
  onClose: () => void;
  children: ReactNode;
  okText?: string;
}) {
  const { t } = useI18n();
  return (
    <Modal
      open
      title={title}
      okText={okText ?? t("common.submit")}
      cancelText={t("common.cancel")}
      okButtonProps={{ loading: pending, "data-testid": "form-modal-ok" } as never}
      onOk={onSubmit}
      onCancel={onClose}
      destroyOnHidden
    >
      <ErrorAlert error={error} />
      {children}
    </Modal>
  );
}
