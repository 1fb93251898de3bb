import { CloudUploadOutlined } from "@ant-design/icons";
import type { AttachmentOwnerKind } from "@shegong/domain";
import { App, Button, Card, Space } from "antd";
import { useState } from "react";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { useI18n } from "../../i18n/locale.tsx";
import { queryClient, trpc } from "../../trpc.ts";
import { useStation } from "../workspace/station-context.tsx";
import { AttachmentList } from "./AttachmentList.tsx";
import { AttachmentPicker } from "./AttachmentPicker.tsx";
import type { PendingFile } from "./pending-files.ts";
import { uploadPending } from "./upload-pending.ts";

/** The files on a saved record (an activity's photos, a case's documents, a signed agreement), and adding more. */
/** `onChanged` lets the page holding the record refresh what it derives from the files (a plaque's photo count). */
export function AttachmentsCard({ ownerKind, ownerId, title, onChanged }: { ownerKind: AttachmentOwnerKind; ownerId: string; title?: string; onChanged?: () => Promise<unknown> }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { stationId, can } = useStation();
  const [files, setFiles] = useState<PendingFile[]>([]);
  const [uploading, setUploading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const upload = async () => {
    setUploading(true);
    setError(null);
    try {
      await uploadPending(stationId, { kind: ownerKind, id: ownerId }, files, setFiles);
      setFiles([]);
      void message.success(t("attachment.uploaded"));
    } catch (e) {
      // Each file keeps its key: pressing upload again sends only what did not arrive.
      setError(e);
    } finally {
      setUploading(false);
      await queryClient.invalidateQueries({ queryKey: trpc.attachments.list.queryKey({ stationId, ownerKind, ownerId }) });
      await onChanged?.();
    }
  };
  return (
    <Card size="small" title={title ?? t("attachment.title")} data-testid={`attachments-${ownerKind}`}>
      <ErrorAlert error={error} />
      <AttachmentList ownerKind={ownerKind} ownerId={ownerId} />
      {can("workspace.write") && (
        <Space orientation="vertical" style={{ width: "100%", marginTop: 8 }}>
          <AttachmentPicker files={files} onChange={setFiles} />
          {files.some((f) => !f.uploadedId) && (
            <Button type="primary" icon={<CloudUploadOutlined />} loading={uploading} onClick={() => void upload()} data-testid="attachments-upload">
              {t("attachment.upload")}
            </Button>
          )}
        </Space>
      )}
    </Card>
  );
}
