import { CameraOutlined, DeleteOutlined, FileTextOutlined } from "@ant-design/icons";
import { ATTACHMENT_KIND_LABELS, ATTACHMENT_KINDS, type AttachmentKind } from "@shegong/domain";
import { App, Button, List, Select, Space, Typography, Upload } from "antd";
import { useI18n } from "../../i18n/locale.tsx";
import { vocabOptions } from "../people/vocab-options.ts";
import { ATTACHMENT_ACCEPT, pendingFile, pendingFileProblem, type PendingFile } from "./pending-files.ts";

/** Photos and signed forms chosen for a record that is about to be saved (camera on a phone). */
export function AttachmentPicker({ files, onChange }: { files: PendingFile[]; onChange: (files: PendingFile[]) => void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const add = (file: File) => {
    const problem = pendingFileProblem(file);
    if (problem) void message.error(t(`attachment.problem.${problem}`, { name: file.name }));
    else onChange([...files, pendingFile(file, "photo")]);
    return false;
  };
  const setKind = (uid: string, kind: AttachmentKind) => onChange(files.map((f) => (f.uid === uid ? { ...f, kind } : f)));
  return (
    <div data-testid="attachment-picker">
      <Upload accept={ATTACHMENT_ACCEPT} multiple showUploadList={false} beforeUpload={add}>
        <Button size="large" icon={<CameraOutlined />} data-testid="attachment-add">
          {t("attachment.add")}
        </Button>
      </Upload>
      <Typography.Paragraph type="secondary" style={{ margin: "4px 0 0" }}>
        {t("attachment.hint")}
      </Typography.Paragraph>
      {files.length > 0 && (
        <List
          size="small"
          dataSource={files}
          renderItem={(f) => (
            <List.Item
              data-testid="attachment-pending"
              actions={[
                <Button key="remove" type="text" icon={<DeleteOutlined />} disabled={f.uploadedId !== undefined} onClick={() => onChange(files.filter((x) => x.uid !== f.uid))} aria-label={t("attachment.remove")} />,
              ]}
            >
              <Space wrap>
                <FileTextOutlined />
                <Typography.Text ellipsis style={{ maxWidth: 180 }}>
                  {f.file.name}
                </Typography.Text>
                <Select size="small" value={f.kind} style={{ width: 120 }} options={vocabOptions(ATTACHMENT_KIND_LABELS, ATTACHMENT_KINDS, locale)} onChange={(kind) => setKind(f.uid, kind)} />
                {f.uploadedId && <Typography.Text type="success">{t("attachment.uploaded")}</Typography.Text>}
              </Space>
            </List.Item>
          )}
        />
      )}
    </div>
  );
}
