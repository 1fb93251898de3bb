import { DeleteOutlined, UploadOutlined } from "@ant-design/icons";
import { useMutation } from "@tanstack/react-query";
import { checkLogo, LOGO_MIME_TYPES, type TStationBranding } from "@shegong/domain";
import { App, Button, ColorPicker, Form, Space, Switch, Typography, Upload } from "antd";
import { useState } from "react";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { useI18n } from "../../i18n/locale.tsx";
import { LocalAppError } from "../../lib/app-error.ts";
import { toBase64 } from "../../lib/base64.ts";
import { trpc } from "../../trpc.ts";
import type { Workspace } from "./StationBand.tsx";

/** undefined keeps the logo, null removes it, a file replaces it. */
type LogoChange = { name: string; base64: string } | null | undefined;

/** R8 branding, shown to those whose grants include station.branding.edit; the server still decides. */
export function BrandingForm({ workspace, onSaved }: { workspace: Workspace; onSaved: (updated: Omit<Workspace, "readOnly" | "permissions">) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [logo, setLogo] = useState<LogoChange>(undefined);
  const [logoError, setLogoError] = useState<LocalAppError | null>(null);
  const save = useMutation(
    trpc.workspace.updateBranding.mutationOptions({
      onSuccess: (updated) => {
        setLogo(undefined);
        onSaved(updated);
        void message.success(t("branding.saved"));
      },
    }),
  );

  const pickLogo = async (file: File) => {
    const bytes = new Uint8Array(await file.arrayBuffer());
    // The same byte check the server makes, so a wrong file is caught before it is sent.
    const check = checkLogo(bytes);
    if (!check.ok) {
      setLogoError(new LocalAppError(check.code));
      return;
    }
    setLogoError(null);
    setLogo({ name: file.name, base64: toBase64(bytes) });
  };

  const submit = (values: TStationBranding) =>
    save.mutate({
      stationId: workspace.id,
      ...values,
      ...(logo === undefined ? {} : { logoBase64: logo === null ? null : logo.base64 }),
    });

  return (
    <Form<TStationBranding>
      layout="vertical"
      style={{ maxWidth: 560 }}
      initialValues={workspace.branding}
      onFinish={submit}
      data-testid="branding-form"
    >
      <ErrorAlert error={logoError ?? save.error} />
      <Form.Item name="primaryColor" label={t("branding.color")} getValueFromEvent={(color: { toHexString: () => string }) => color.toHexString()}>
        <ColorPicker format="hex" disabledAlpha showText />
      </Form.Item>
      <Form.Item name="showSocialWorkMark" label={t("branding.showSocialWorkMark")} valuePropName="checked">
        <Switch />
      </Form.Item>
      <Form.Item name="showVolunteerMark" label={t("branding.showVolunteerMark")} valuePropName="checked">
        <Switch />
      </Form.Item>
      <Form.Item label={t("branding.logo")} extra={t("branding.logo.hint")}>
        <Space wrap>
          <Upload
            accept={LOGO_MIME_TYPES.join(",")}
            showUploadList={false}
            beforeUpload={(file) => {
              void pickLogo(file);
              return false;
            }}
          >
            <Button icon={<UploadOutlined />}>{t("branding.logo.upload")}</Button>
          </Upload>
          {workspace.branding.logoUrl && (
            <Button icon={<DeleteOutlined />} danger type={logo === null ? "primary" : "default"} onClick={() => setLogo(null)}>
              {t("branding.logo.remove")}
            </Button>
          )}
          {logo && <Typography.Text type="secondary">{t("branding.logo.pending", { name: logo.name })}</Typography.Text>}
        </Space>
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="branding-save">
        {t("common.save")}
      </Button>
    </Form>
  );
}
