import { FilePdfOutlined, PictureOutlined } from "@ant-design/icons";
import { useMutation, useQuery } from "@tanstack/react-query";
import { ATTACHMENT_KIND_LABELS, type AttachmentOwnerKind } from "@shegong/domain";
import { Button, Image, List, Space, Typography } from "antd";
import { useEffect, useState } from "react";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { useI18n } from "../../i18n/locale.tsx";
import { fromBase64 } from "../../lib/base64.ts";
import { trpc } from "../../trpc.ts";
import { labelOrDash } from "../people/vocab-options.ts";
import { useStation } from "../workspace/station-context.tsx";

/**
 * The files on a record. Bytes are fetched only when someone opens one (every opening is an
 * audited read of what may show a person), and shown from memory, never cached by the browser.
 */
export function AttachmentList({ ownerKind, ownerId }: { ownerKind: AttachmentOwnerKind; ownerId: string }) {
  const { t, locale } = useI18n();
  const { stationId } = useStation();
  const list = useQuery(trpc.attachments.list.queryOptions({ stationId, ownerKind, ownerId }));
  const [preview, setPreview] = useState<{ url: string; mimeType: string; fileName: string } | null>(null);
  const download = useMutation(
    trpc.attachments.download.mutationOptions({
      onSuccess: (file) => {
        const url = URL.createObjectURL(new Blob([fromBase64(file.fileBase64)], { type: file.mimeType }));
        if (file.mimeType.startsWith("image/")) setPreview({ url, mimeType: file.mimeType, fileName: file.fileName });
        else {
          const a = document.createElement("a");
          a.href = url;
          a.download = file.fileName;
          a.click();
          setTimeout(() => URL.revokeObjectURL(url), 10_000);
        }
      },
    }),
  );
  useEffect(() => () => void (preview && URL.revokeObjectURL(preview.url)), [preview]);

  return (
    <div data-testid="attachment-list">
      <ErrorAlert error={list.error ?? download.error} />
      <List
        size="small"
        loading={list.isLoading}
        locale={{ emptyText: t("attachment.none") }}
        dataSource={list.data ?? []}
        renderItem={(a) => (
          <List.Item data-testid="attachment-item">
            <Space wrap>
              {a.mimeType === "application/pdf" ? <FilePdfOutlined /> : <PictureOutlined />}
              <Button type="link" style={{ padding: 0 }} loading={download.isPending && download.variables?.attachmentId === a.id} onClick={() => download.mutate({ stationId, attachmentId: a.id })}>
                {a.fileName}
              </Button>
              <Typography.Text type="secondary">
                {labelOrDash(ATTACHMENT_KIND_LABELS, a.kind, locale)} · {formatSize(a.byteSize)} · {a.uploadedByName ?? "—"}
              </Typography.Text>
            </Space>
          </List.Item>
        )}
      />
      {preview && (
        <Image
          style={{ display: "none" }}
          src={preview.url}
          alt={preview.fileName}
          preview={{ open: true, onOpenChange: (open) => !open && setPreview(null) }}
          data-testid="attachment-preview"
        />
      )}
    </div>
  );
}

function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}
